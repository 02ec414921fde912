import type { KeyEvent } from '../input/key-event.js';

/** Focus movement for a vertical list: pure, so the hook stays thin. */

/** The index of `value` among `values`, or the first when it is absent. */
export function initialFocus(values: readonly string[], value: string | undefined): number {
  const index = value === undefined ? -1 : values.indexOf(value);
  return Math.max(index, 0);
}

/** One step up or down, stopping at the ends (no wrap: the ends are easy to find). */
export function moveFocus(focused: number, delta: number, count: number): number {
  if (count === 0) return 0;
  return Math.min(Math.max(focused + delta, 0), count - 1);
}

/**
 * The slice of a list to show in `maxRows` rows, the focused item in view (centred as far as
 * the ends allow). Items are `heights[i]` rows tall (a plan with warnings takes more), and
 * where items are left out a "↑ N more" / "↓ N more" row says so: that row counts too.
 * A focused item taller than all the rows still shows (the list does not hide the cursor).
 */
export function visibleWindow(
  heights: readonly number[],
  focused: number,
  maxRows: number,
): { from: number; to: number } {
  const count = heights.length;
  if (count === 0) return { from: 0, to: 0 };
  if (heights.reduce((sum, h) => sum + h, 0) <= maxRows) return { from: 0, to: count };
  const focus = Math.min(Math.max(focused, 0), count - 1);
  let from = focus;
  let to = focus + 1;
  let used = heights[focus]!;
  const fits = (f: number, t: number, rows: number) =>
    rows + (f > 0 ? 1 : 0) + (t < count ? 1 : 0) <= maxRows;
  for (let grew = true; grew;) {
    grew = false;
    if (from > 0 && fits(from - 1, to, used + heights[from - 1]!)) {
      used += heights[--from]!;
      grew = true;
    }
    if (to < count && fits(from, to + 1, used + heights[to]!)) {
      used += heights[to++]!;
      grew = true;
    }
  }
  return { from, to };
}

/**
 * How far a key moves a list's focus: ↑/↓ (and Ctrl-P/Ctrl-N) one row, PgUp/PgDn a page,
 * Home/End to the ends; `undefined` for keys that do not move it.
 */
export function focusMove(key: KeyEvent, pageSize: number): number | undefined {
  if (key.kind !== 'key' || key.meta) return undefined;
  if (key.ctrl) return key.name === 'p' ? -1 : key.name === 'n' ? 1 : undefined;
  const moves: Record<string, number> = {
    up: -1,
    down: 1,
    pageup: -pageSize,
    pagedown: pageSize,
    home: -Infinity,
    end: Infinity,
  };
  return moves[key.name];
}

/**
 * An item's detail as it wraps beside its label on a line `width` wide: the part that fits
 * on the label's line, then whole lines that start under the label (not at column 0).
 */
export function detailLines(
  label: string,
  detail: string,
  width: number,
): { beside: string; under: string[] } {
  const words = detail.split(/\s+/).filter(Boolean);
  const room = width - label.length - 2;
  let beside = '';
  while (words.length && (beside ? beside.length + 1 : 0) + words[0]!.length <= room)
    beside = beside ? `${beside} ${words.shift()!}` : words.shift()!;
  const under: string[] = [];
  for (const word of words) {
    const line = under.at(-1);
    if (line !== undefined && line.length + 1 + word.length <= width)
      under[under.length - 1] = `${line} ${word}`;
    else under.push(word);
  }
  return { beside, under };
}
