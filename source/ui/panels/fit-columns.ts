/**
 * How a column may be cut when the table is too wide. A column without one is shown
 * whole or not at all: an IP, a hostname or a DNS answer cut short is worse than
 * missing (`127.146.1.…` cannot be typed into DNS).
 */
export interface Cut {
  /** Narrowest it may be cut to; below that the column is dropped instead. */
  min: number;
  /**
   * Where the `…` goes: at the end, or in the middle for names whose tails tell rows
   * apart (`ingress-nginx-controller` and `…-controller-admission`, pod hashes).
   */
  at: 'end' | 'middle';
}

/** A table column: how it shrinks and when it goes when the terminal is narrow. */
export interface Column {
  header: string;
  /** Columns with the lowest priority are dropped first (default 0). */
  priority?: number;
  align?: 'left' | 'right';
  /** Set when the column may be cut; without it, whole or dropped. */
  cut?: Cut;
}

export interface FittedColumns {
  /** Indexes of the columns that fit, in their order. */
  keep: number[];
  /** The width of each kept column. */
  widths: number[];
}

export const columnGap = 2;

/** Cuts `text` to `width` characters, marking the cut with `…` at the end. */
export function truncate(text: string, width: number): string {
  if (text.length <= width) return text;
  if (width <= 0) return '';
  return `${text.slice(0, width - 1)}…`;
}

/**
 * Cuts `text` to `width` characters with `…` in the middle, keeping the tail one
 * character longer than the head: names differ at their ends (`-admission`, `-x2k4q`).
 */
export function truncateMiddle(text: string, width: number): string {
  if (text.length <= width) return text;
  if (width <= 2) return truncate(text, width);
  const head = Math.floor((width - 1) / 2);
  const tail = width - 1 - head;
  return `${text.slice(0, head)}…${text.slice(text.length - tail)}`;
}

/** `text` cut to `width` the way its column says. */
export function cutCell(text: string, width: number, cut: Cut | undefined): string {
  return cut?.at === 'middle' ? truncateMiddle(text, width) : truncate(text, width);
}

function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  return align === 'right' ? text.padStart(width) : text.padEnd(width);
}

const priorityOf = (column: Column) => column.priority ?? 0;

/**
 * The order columns give way in: the lowest priority first; within a priority, columns
 * that can be cut before those that would have to go; the rightmost first.
 */
function givingWayOrder(columns: Column[]): number[] {
  return columns
    .map((_, i) => i)
    .sort(
      (a, b) =>
        priorityOf(columns[a]!) - priorityOf(columns[b]!) ||
        Number(!columns[a]!.cut) - Number(!columns[b]!.cut) ||
        b - a,
    );
}

/**
 * Fits a table into `width`. Columns keep their natural width when they can; when not,
 * they give way from the least important up: a column that may be cut is cut (never
 * below its `min`), one that may not — or that still does not fit at its `min` — is
 * dropped whole, and no column is touched while a less important one is still there.
 * So a low-priority column goes before a more important one loses a character, and
 * an IP is never shown as `1…`. Nothing is stretched beyond its content.
 */
export function fitColumns(columns: Column[], rows: string[][], width: number): FittedColumns {
  const natural = columns.map((c, i) =>
    Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)),
  );
  const widths = [...natural];
  const kept = new Set(columns.map((_, i) => i));
  const excess = () =>
    [...kept].reduce((sum, i) => sum + widths[i]!, 0) + columnGap * (kept.size - 1) - width;
  const order = givingWayOrder(columns);
  for (const i of order) {
    if (excess() <= 0 || kept.size === 1) break;
    const cut = columns[i]!.cut;
    const floor = cut ? Math.min(widths[i]!, cut.min) : widths[i]!;
    widths[i] = Math.max(floor, widths[i]! - excess());
    if (excess() > 0) kept.delete(i);
  }
  // A column dropped after another was cut may have freed room: give it back, the most
  // important first.
  for (const i of [...order].reverse()) {
    if (kept.has(i)) widths[i] = Math.min(natural[i]!, widths[i]! - Math.min(0, excess()));
  }
  const keep = [...kept].sort((a, b) => a - b);
  // A lone column wider than the terminal is cut to the terminal.
  if (keep.length === 1) widths[keep[0]!] = Math.min(widths[keep[0]!]!, Math.max(0, width));
  return { keep, widths: keep.map((i) => widths[i]!) };
}

/** One table line: each kept cell cut (as its column allows) and padded to its column. */
export function fitCells(columns: Column[], fitted: FittedColumns, cells: string[]): string[] {
  return fitted.keep.map((i, k) => {
    const width = fitted.widths[k]!;
    const column = columns[i]!;
    const last = k === fitted.keep.length - 1;
    const text = cutCell(cells[i] ?? '', width, column.cut);
    return last && column.align !== 'right' ? text : pad(text, width, column.align);
  });
}

/** The header line: a header is read from its start, so a cut one ends in `…`. */
export function fitHeader(columns: Column[], fitted: FittedColumns): string[] {
  const atEnd = columns.map((c) => (c.cut ? { ...c, cut: { ...c.cut, at: 'end' as const } } : c));
  return fitCells(
    atEnd,
    fitted,
    columns.map((c) => c.header),
  );
}

/** Rows that fit in `maxLines`, the last line saying how many more there are. */
export function capRows<T>(rows: T[], maxLines: number): { shown: T[]; more: number } {
  if (rows.length <= maxLines) return { shown: rows, more: 0 };
  const room = Math.max(0, maxLines - 1);
  return { shown: rows.slice(0, room), more: rows.length - room };
}
