import type { FleetHeaderCounts } from './fleet-table-state.js';

/** One figure of the counts line, and how it is coloured. */
export interface CountSegment {
  text: string;
  color?: string;
  dim?: boolean;
  bold?: boolean;
}

const separator = '  ';

type Labels = Record<
  'clusters' | 'active' | 'failed' | 'inProgress' | 'bundled' | 'queued' | 'removed',
  string
>;

const long: Labels = {
  clusters: 'clusters',
  active: 'active',
  failed: 'failed',
  inProgress: 'in progress',
  bundled: 'waiting for site',
  queued: 'queued',
  removed: 'removed',
};

// The same figures in fewer columns, for an 80-column terminal with the window's place.
const short: Labels = {
  clusters: 'clusters',
  active: 'active',
  failed: 'failed',
  inProgress: 'busy',
  bundled: 'at site',
  queued: 'queued',
  removed: 'removed',
};

function segmentsWith(counts: FleetHeaderCounts, labels: Labels): CountSegment[] {
  const segments: CountSegment[] = [
    { text: `${counts.total} ${labels.clusters}`, bold: true },
    { text: `✓ ${counts.active} ${labels.active}`, color: 'green' },
    counts.failed > 0
      ? { text: `✗ ${counts.failed} ${labels.failed}`, color: 'red', bold: true }
      : { text: `✗ 0 ${labels.failed}`, dim: true },
    { text: `▸ ${counts.inProgress} ${labels.inProgress}`, color: 'yellow' },
    { text: `◷ ${counts.bundled} ${labels.bundled}`, color: 'cyan' },
    { text: `· ${counts.queued} ${labels.queued}`, dim: true },
  ];
  // Only `import --remove` has removed rows: no room taken by a zero otherwise.
  if (counts.removed > 0) segments.push({ text: `${counts.removed} ${labels.removed}`, dim: true });
  return segments;
}

export function segmentsWidth(segments: readonly CountSegment[]): number {
  return segments.reduce((sum, s, i) => sum + s.text.length + (i > 0 ? separator.length : 0), 0);
}

/**
 * The counts at the top of the table, with the window's place (`1–18 of 500`) at the end
 * when the table scrolls: the long labels when they fit in `width`, else the short ones,
 * else without the total (the place says it); the line is cut at the terminal's edge if even
 * that does not fit.
 */
export function countSegments(
  counts: FleetHeaderCounts,
  width: number,
  place?: string,
): CountSegment[] {
  const tail: CountSegment[] = place ? [{ text: place, dim: true }] : [];
  const candidates = [
    [...segmentsWith(counts, long), ...tail],
    [...segmentsWith(counts, short), ...tail],
    ...(place ? [[...segmentsWith(counts, short).slice(1), ...tail]] : []),
  ];
  return candidates.find((c) => segmentsWidth(c) <= width) ?? candidates.at(-1)!;
}

export { separator as countSeparator };
