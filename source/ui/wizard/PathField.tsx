import { Box, Text } from 'ink';
import { isKey } from '../input/key-event.js';
import { TextField, type TextFieldProps } from './TextField.js';
import { usePathCompletion } from './use-path-completion.js';

export interface PathFieldProps extends Omit<TextFieldProps, 'onOtherKey'> {
  /** Where relative paths start. */
  baseDir: string;
}

/** A file path input; Tab completes from the filesystem, like a shell. */
export function PathField({ baseDir, onChange, ...field }: PathFieldProps) {
  const completion = usePathCompletion(baseDir);
  const change = (value: string) => {
    completion.clear();
    onChange(value);
  };
  return (
    <Box flexDirection="column">
      <TextField
        {...field}
        onChange={change}
        onOtherKey={(key, typed) => {
          // Completes what was typed, even when Tab came in the same chunk as the text.
          if (isKey(key, 'tab')) onChange(completion.complete(typed));
        }}
      />
      {field.isFocused && completion.candidates.length > 0 && (
        <Box marginLeft={4}>
          <Text dimColor>{completion.candidates.join('  ')}</Text>
        </Box>
      )}
    </Box>
  );
}
