import { Box, Text } from 'ink';
import { commandLine, commandTail } from '../run/command-tail.js';
import type { CommandView } from './panel-data.js';

export interface CommandPanelProps {
  view: CommandView;
  width: number;
  /** Lines for the whole panel, the command line included. */
  maxLines: number;
}

/** The command being run and the last lines it printed (what `--wait` is waiting for). */
export function CommandPanel({ view, width, maxLines }: CommandPanelProps) {
  // The newest lines matter most: drop the oldest when short of room.
  const tail = commandTail(view).slice(-Math.max(1, maxLines - 1));
  const shown = maxLines > 1 ? tail : [];
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text bold color="cyan">
          $
        </Text>
        <Text>{` ${commandLine(view.argv)}`}</Text>
      </Text>
      {shown.map((line, i) => (
        <Text key={i} dimColor wrap="truncate">
          {`  ${line}`}
        </Text>
      ))}
    </Box>
  );
}
