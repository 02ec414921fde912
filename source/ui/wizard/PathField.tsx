import { Box, Text, useInput } from 'ink';
import { TextField, type TextFieldProps } from './TextField.js';
import { usePathCompletion } from './use-path-completion.js';

export interface PathFieldProps extends Omit<TextFieldProps, 'inputKey'> {
  /** Where relative paths start. */
  baseDir: string;
}

/** A file path input; Tab completes from the filesystem, like a shell. */
export function PathField({ baseDir, onChange, ...field }: PathFieldProps) {
  const completion = usePathCompletion(baseDir);
  useInput(
    (_input, key) => {
      if (key.tab) onChange(completion.complete(field.value));
    },
    { isActive: field.isFocused },
  );
  const change = (value: string) => {
    completion.clear();
    onChange(value);
  };
  return (
    <Box flexDirection="column">
      <TextField {...field} onChange={change} inputKey={completion.inputKey} />
      {field.isFocused && completion.candidates.length > 0 && (
        <Box marginLeft={4}>
          <Text dimColor>{completion.candidates.join('  ')}</Text>
        </Box>
      )}
    </Box>
  );
}
