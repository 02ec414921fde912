import { Text } from 'ink';

/** The keys that work on this screen, e.g. `↑↓ move · Enter choose · Esc back`. */
export function KeyHints({ hints }: { hints: readonly string[] }) {
  return <Text dimColor>{hints.join(' · ')}</Text>;
}
