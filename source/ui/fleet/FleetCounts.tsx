import { Box, Text } from 'ink';
import { countSegments, countSeparator } from './fleet-counts-line.js';
import type { FleetHeaderCounts } from './fleet-table-state.js';

export interface FleetCountsProps {
  counts: FleetHeaderCounts;
  width: number;
  /** Where the window is (`1–18 of 500`), when the table scrolls. */
  place?: string;
}

/** `500 clusters  ✓ 120 active  ✗ 3 failed  ▸ 20 in progress  ◷ 5 waiting for site  · 352 queued` */
export function FleetCounts({ counts, width, place }: FleetCountsProps) {
  const segments = countSegments(counts, width, place);
  return (
    <Box width={width}>
      <Text wrap="truncate">
        {segments.map((s, i) => (
          <Text key={i} color={s.color} dimColor={s.dim} bold={s.bold}>
            {i > 0 ? countSeparator : ''}
            {s.text}
          </Text>
        ))}
      </Text>
    </Box>
  );
}
