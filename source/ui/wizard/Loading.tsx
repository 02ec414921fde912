import { Spinner } from '@inkjs/ui';
import { Box } from 'ink';
import { KeyHints } from '../keys/KeyHints.js';

/** A prompt reading something; `inline` inside a prompt that shows its own hint line. */
export function Loading({ label, inline = false }: { label: string; inline?: boolean }) {
  if (inline) return <Spinner label={label} />;
  return (
    <Box flexDirection="column">
      <Spinner label={label} />
      <KeyHints screen="loading" />
    </Box>
  );
}
