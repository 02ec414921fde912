import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { isChar, isKey, type KeyEvent } from '../input/key-event.js';
import { isHelpKey } from '../keys/screen-keys.js';
import { useScroll } from '../scroll/use-scroll.js';
import { following, viewportLabel } from '../scroll/viewport.js';
import { logRows } from './log-rows.js';
import { useTranscript } from './use-transcript.js';

export interface LogViewProps {
  transcriptPath: string;
  width: number;
  /** Lines for the view, its title included. */
  height: number;
  onClose(): void;
  onHelp(): void;
}

/**
 * The session's transcript, live: it follows new lines until you scroll up (End follows
 * again). `l` or Esc returns to the run. It takes the keys while open (Ctrl-C still stops).
 */
export function LogView({ transcriptPath, width, height, onClose, onHelp }: LogViewProps) {
  const lines = useTranscript(transcriptPath);
  const rows = useMemo(() => logRows(lines, width), [lines, width]);
  const bodyHeight = Math.max(1, height - 1);
  const { from, to, follow } = useScroll({
    total: rows.length,
    height: bodyHeight,
    initial: following,
    canFollow: true,
    capture: true,
    onOtherKey: (key: KeyEvent) => {
      if (isKey(key, 'escape') || isChar(key, 'l')) onClose();
      else if (isHelpKey(key, 'run-log')) onHelp();
    },
  });
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text bold>Transcript</Text>
        <Text dimColor>
          {`  ${viewportLabel(from, to, rows.length)}${follow ? ' · following' : ' · End follows'} · ${transcriptPath}`}
        </Text>
      </Text>
      {rows.slice(from, to).map((row, i) => (
        <Text key={from + i} wrap="truncate">
          {row}
        </Text>
      ))}
    </Box>
  );
}
