import { Box, Text } from 'ink';
import { capRows, columnGap, fitCells, fitColumns, fitHeader, type Column } from './fit-columns.js';

export interface TableProps {
  columns: Column[];
  rows: string[][];
  width: number;
  /** Lines for the header and the rows together (at least 2). */
  maxLines: number;
  /** Shown instead of the header when there are no rows. */
  empty: string;
  /** The colour of one cell, by row and column index. */
  color?: (row: number, column: number) => string | undefined;
  /** Rows scrolled past (a table with the screen to itself); columns still fit every row. */
  offset?: number;
}

/** A kubectl-like table fitted to the width, with "+N more" when rows do not fit. */
export function Table({ columns, rows, width, maxLines, empty, color, offset = 0 }: TableProps) {
  if (rows.length === 0) {
    return (
      <Text dimColor wrap="truncate">
        {empty}
      </Text>
    );
  }
  const fitted = fitColumns(columns, rows, width);
  const header = fitHeader(columns, fitted);
  const { shown, more } = capRows(rows.slice(offset), maxLines - 1);
  const gap = ' '.repeat(columnGap);
  return (
    <Box flexDirection="column">
      <Text bold dimColor wrap="truncate">
        {header.join(gap)}
      </Text>
      {shown.map((row, r) => (
        <Text key={r} wrap="truncate">
          {fitCells(columns, fitted, row).map((cell, k) => (
            <Text key={k} color={color?.(offset + r, fitted.keep[k]!)}>
              {k > 0 ? gap : ''}
              {cell}
            </Text>
          ))}
        </Text>
      ))}
      {more > 0 ? <Text dimColor>{`+${more} more`}</Text> : null}
    </Box>
  );
}
