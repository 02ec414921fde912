import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

export interface ErrorBoxProps {
  /** The step that failed. */
  title: string;
  /** The error and the remedy, already wrapped to the box. */
  errorLines: string[];
  remedyLines: string[];
  /** Where the transcript is, wrapped; shown once the user pressed `t`. */
  transcriptLines: string[];
  /** How to pick the run up again, wrapped; shown once the user pressed `q`. */
  resumeLines: string[];
  /** The keys that work now (the screen's hint line, wrapped to the box). */
  keys: ReactNode;
  width: number;
}

/** Why the run stopped, what to do about it, and the keys to go on. */
export function ErrorBox(props: ErrorBoxProps) {
  const { title, errorLines, remedyLines, transcriptLines, resumeLines, keys, width } = props;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="red" paddingX={1} width={width}>
      <Text bold color="red" wrap="truncate">
        {`✗ Failed: ${title}`}
      </Text>
      {errorLines.map((line, i) => (
        <Text key={`e${i}`} wrap="truncate">
          {line}
        </Text>
      ))}
      {remedyLines.map((line, i) => (
        <Text key={`r${i}`} color="yellow" wrap="truncate">
          {line}
        </Text>
      ))}
      {keys}
      {transcriptLines.map((line, i) => (
        <Text key={`t${i}`} wrap="truncate">
          {line}
        </Text>
      ))}
      {resumeLines.map((line, i) => (
        <Text key={`q${i}`} color="cyan" wrap="truncate">
          {line}
        </Text>
      ))}
    </Box>
  );
}
