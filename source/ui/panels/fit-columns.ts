/** A table column: how it shrinks and when it goes when the terminal is narrow. */
export interface Column {
  header: string;
  /** Narrowest it may be truncated to; below that the column is dropped instead. */
  min?: number;
  /** Columns with the lowest priority are dropped first (default 0). */
  priority?: number;
  align?: 'left' | 'right';
}

export interface FittedColumns {
  /** Indexes of the columns that fit, in their order. */
  keep: number[];
  /** The width of each kept column. */
  widths: number[];
}

export const columnGap = 2;

/** Cuts `text` to `width` characters, marking the cut with `…`. */
export function truncate(text: string, width: number): string {
  if (text.length <= width) return text;
  if (width <= 0) return '';
  return `${text.slice(0, width - 1)}…`;
}

function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  return align === 'right' ? text.padStart(width) : text.padEnd(width);
}

function totalWidth(widths: number[]): number {
  return widths.reduce((sum, w) => sum + w, 0) + columnGap * Math.max(0, widths.length - 1);
}

/** The least important column that can still give up a character (the widest among equals). */
function nextToShrink(
  columns: Column[],
  keep: number[],
  widths: number[],
  minOf: (i: number) => number,
): number {
  let pick = -1;
  keep.forEach((i, k) => {
    if (widths[k]! - minOf(i) <= 0) return;
    if (pick < 0) return void (pick = k);
    const [p, q] = [columns[i]!.priority ?? 0, columns[keep[pick]!]!.priority ?? 0];
    if (p < q || (p === q && widths[k]! > widths[pick]!)) pick = k;
  });
  return pick;
}

/**
 * Fits a table into `width`: columns keep their natural width when they can; when
 * not, the least important columns go first, then the least important ones are truncated
 * (never below their `min`). Nothing is stretched beyond its content, so wide
 * terminals stay easy to read.
 */
export function fitColumns(columns: Column[], rows: string[][], width: number): FittedColumns {
  const natural = columns.map((c, i) =>
    Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)),
  );
  const minOf = (i: number) => Math.min(natural[i]!, columns[i]!.min ?? columns[i]!.header.length);
  let keep = columns.map((_, i) => i);
  while (keep.length > 1 && totalWidth(keep.map(minOf)) > width) {
    const drop = keep.reduce((worst, i) =>
      (columns[i]!.priority ?? 0) <= (columns[worst]!.priority ?? 0) ? i : worst,
    );
    keep = keep.filter((i) => i !== drop);
  }
  const widths = keep.map((i) => natural[i]!);
  let excess = totalWidth(widths) - width;
  while (excess > 0) {
    const shrink = nextToShrink(columns, keep, widths, minOf);
    if (shrink < 0) break;
    widths[shrink]! -= 1;
    excess -= 1;
  }
  // A lone column wider than the terminal is cut to the terminal.
  if (keep.length === 1 && widths[0]! > width) widths[0] = Math.max(0, width);
  return { keep, widths };
}

/** One table line: each kept cell truncated and padded to its column. */
export function fitCells(columns: Column[], fitted: FittedColumns, cells: string[]): string[] {
  return fitted.keep.map((i, k) => {
    const width = fitted.widths[k]!;
    const last = k === fitted.keep.length - 1;
    const text = truncate(cells[i] ?? '', width);
    return last && columns[i]!.align !== 'right' ? text : pad(text, width, columns[i]!.align);
  });
}

/** Rows that fit in `maxLines`, the last line saying how many more there are. */
export function capRows<T>(rows: T[], maxLines: number): { shown: T[]; more: number } {
  if (rows.length <= maxLines) return { shown: rows, more: 0 };
  const room = Math.max(0, maxLines - 1);
  return { shown: rows.slice(0, room), more: rows.length - room };
}
