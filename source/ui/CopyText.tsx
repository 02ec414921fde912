import { Box, Text } from 'ink';
import { rowsAtEdge } from './copy-text.js';

export interface CopyTextProps {
  text: string;
  /** The terminal's width. */
  columns: number;
  /**
   * Written once (in <Static>, never redrawn): a line longer than the terminal goes out
   * whole and the terminal soft-wraps it. Otherwise it is cut at the edge (copy-text.ts).
   */
  once?: boolean;
  color?: string;
}

/** One piece of text to copy: whole, unindented, on its own line(s), outside any border. */
export function CopyText({ text, columns, once = false, color }: CopyTextProps) {
  if (once) {
    return (
      <Box width={Math.max(columns, text.length)} flexShrink={0}>
        <Text color={color} wrap="truncate">
          {text}
        </Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      {rowsAtEdge(text, columns).map((row, i) => (
        <Text key={i} color={color} wrap="truncate">
          {row}
        </Text>
      ))}
    </Box>
  );
}
