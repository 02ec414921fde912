import { Box, Text } from 'ink';
import { useState } from 'react';
import { TextField } from '../wizard/TextField.js';

export interface PksPasswordPromptProps {
  width: number;
  onSubmit(password: string): void;
}

/** Asked when `pks get-credentials` needs the password (TKGI with UAA as the OIDC provider). */
export function PksPasswordPrompt({ width, onSubmit }: PksPasswordPromptProps) {
  const [password, setPassword] = useState('');
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="cyan" paddingX={1} width={width}>
      <Text bold>get-credentials needs your PKS password</Text>
      <Text wrap="wrap">
        This TKGI uses OIDC: the password of the user `pks login` used. It goes to that one command
        through its environment and is never stored.
      </Text>
      <TextField
        label="PKS password"
        value={password}
        isFocused
        mask="*"
        onChange={setPassword}
        onSubmit={onSubmit}
      />
      <Text dimColor>
        Enter: continue · Enter on an empty field: stop (set TKGI_USER_PASSWORD to skip this)
      </Text>
    </Box>
  );
}
