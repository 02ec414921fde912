import { PasswordInput } from '@inkjs/ui';
import { Box, Text } from 'ink';

export interface PksPasswordPromptProps {
  width: number;
  onSubmit(password: string): void;
}

/** Asked when `pks get-credentials` needs the password (TKGI with UAA as the OIDC provider). */
export function PksPasswordPrompt({ width, onSubmit }: PksPasswordPromptProps) {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="cyan" paddingX={1} width={width}>
      <Text bold>get-credentials needs your PKS password</Text>
      <Text wrap="wrap">
        This TKGI uses OIDC: the password of the user `pks login` used. It goes to that one command
        through its environment and is never stored.
      </Text>
      <Box>
        <Text color="cyan">› PKS password: </Text>
        <PasswordInput onSubmit={onSubmit} />
      </Box>
      <Text dimColor>
        Enter: continue · Enter on an empty field: stop (set TKGI_USER_PASSWORD to skip this)
      </Text>
    </Box>
  );
}
