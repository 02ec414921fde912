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

/** The slice of a long list to show so that the focused item stays in view. */
export function visibleWindow(
  focused: number,
  count: number,
  size: number,
): { from: number; to: number } {
  if (count <= size) return { from: 0, to: count };
  const from = Math.min(Math.max(focused - Math.floor(size / 2), 0), count - size);
  return { from, to: from + size };
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
