import { Box, Text } from 'ink';
import { CopyText } from '../CopyText.js';
import type { ReactNode } from 'react';
import type { CopyItem } from './live-layout.js';

export interface ErrorBoxProps {
  /** The step that failed. */
  title: string;
  /** The error and the remedy, already wrapped to the box. */
  errorLines: string[];
  remedyLines: string[];
  /** Under the box, whole, to be copied: the transcript's path once the user pressed `t`. */
  copy: CopyItem[];
  /** The keys that work now (the screen's hint line, wrapped to the box). */
  keys: ReactNode;
  width: number;
  /** The terminal's width (the copy lines are outside the box). */
  columns: number;
}

/** Why the run stopped, what to do about it, and the keys to go on. */
export function ErrorBox(props: ErrorBoxProps) {
  const { title, errorLines, remedyLines, copy, keys, width, columns } = props;
  return (
    <Box flexDirection="column">
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
      </Box>
      {copy.map(({ what, text }) => (
        <Box key={what} flexDirection="column">
          <Text dimColor wrap="truncate">
            {what}
          </Text>
          <CopyText text={text} columns={columns} color="cyan" />
        </Box>
      ))}
    </Box>
  );
}
