import { Box, Text } from 'ink';

export interface PanelLine {
  label?: string;
  text: string;
  color?: string;
  dim?: boolean;
}

export interface PanelLinesProps {
  lines: PanelLine[];
  /** Lines that fit; the rest is left out (the most important lines come first). */
  maxLines: number;
}

/** `label: value` lines of a panel, each cut to the width rather than wrapped. */
export function PanelLines({ lines, maxLines }: PanelLinesProps) {
  return (
    <Box flexDirection="column">
      {lines.slice(0, Math.max(0, maxLines)).map((line, i) => (
        <Text key={i} wrap="truncate">
          {line.label ? <Text dimColor>{`${line.label}: `}</Text> : null}
          <Text color={line.color} dimColor={line.dim}>
            {line.text}
          </Text>
        </Text>
      ))}
    </Box>
  );
}
