import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';

export interface TextFieldProps {
  label: string;
  value: string;
  isFocused: boolean;
  onChange: (value: string) => void;
  onSubmit: (value: string) => void;
  placeholder?: string;
  /** Why the value is not accepted, shown in place under the field. */
  error?: string;
  /** Bumped to remount the input, which puts the cursor at the end (after a completion). */
  inputKey?: number;
}

/** A labelled one-line input with its problem underneath. */
export function TextField({
  label,
  value,
  isFocused,
  onChange,
  onSubmit,
  placeholder,
  error,
  inputKey,
}: TextFieldProps) {
  return (
    <Box flexDirection="column">
      <Box>
        <Text color={isFocused ? 'cyan' : undefined}>
          {isFocused ? '› ' : '  '}
          {label}:{' '}
        </Text>
        {isFocused ? (
          <TextInput
            key={inputKey}
            value={value}
            focus
            placeholder={placeholder ?? ''}
            onChange={onChange}
            onSubmit={onSubmit}
          />
        ) : (
          <Text dimColor={!value}>{value || placeholder || ''}</Text>
        )}
      </Box>
      {error && <FieldError message={error} />}
    </Box>
  );
}

export function FieldError({ message }: { message: string }) {
  return (
    <Box marginLeft={4}>
      <Text color="red">✗ {message}</Text>
    </Box>
  );
}
