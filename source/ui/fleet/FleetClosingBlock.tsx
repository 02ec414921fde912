import { Box, Text } from 'ink';
import { FleetCounts } from './FleetCounts.js';
import { closingLines } from './fleet-closing-lines.js';
import type { FleetClosing } from './fleet-table-state.js';

export interface FleetClosingBlockProps {
  closing: FleetClosing;
  width: number;
}

/**
 * Printed once under the finished import stage: the counts, then each failed cluster with
 * its reason and fix, so they stay on screen after the live table is gone.
 */
export function FleetClosingBlock({ closing, width }: FleetClosingBlockProps) {
  // One column short of the edge: a line that fills the terminal makes some wrap early.
  const inner = Math.max(20, width - 1);
  return (
    <Box flexDirection="column" width={width}>
      <Box paddingLeft={2}>
        <FleetCounts counts={closing.counts} width={inner - 2} />
      </Box>
      {closingLines(closing, inner).map((line, i) => (
        <Text key={i}>
          <Text color="red">{line.label}</Text>
          <Text dimColor={line.fix}>{line.text}</Text>
        </Text>
      ))}
    </Box>
  );
}
