import type { KeyEvent } from '../input/key-event.js';
import { focusMove } from '../wizard/choice-list.js';

/**
 * A window of `height` lines over `total` (a log, a report, a table's rows): where it starts,
 * and whether it sticks to the end as lines are added (a log's tail, until you scroll up).
 */
export interface Scroll {
  top: number;
  follow: boolean;
}

/** At the top, not following (a report); at the end, following (a log). */
export const fromTop: Scroll = { top: 0, follow: false };
export const following: Scroll = { top: 0, follow: true };

/** The lines on show: `from` (inclusive) to `to` (exclusive). */
export function viewport(
  scroll: Scroll,
  total: number,
  height: number,
): { from: number; to: number } {
  const last = Math.max(0, total - Math.max(0, height));
  const from = scroll.follow ? last : Math.min(Math.max(0, scroll.top), last);
  return { from, to: Math.min(total, from + Math.max(0, height)) };
}

/**
 * The scroll after `key`: ↑/↓ a line, PgUp/PgDn a page (a line of the last kept for context),
 * Home/End the ends; `undefined` for other keys. With `canFollow`, reaching the end (End, or
 * scrolling down to it) follows new lines again, and scrolling up stops following.
 */
export function scrollByKey(
  scroll: Scroll,
  key: KeyEvent,
  total: number,
  height: number,
  canFollow: boolean,
): Scroll | undefined {
  const move = focusMove(key, Math.max(1, height - 1));
  if (move === undefined) return undefined;
  const last = Math.max(0, total - Math.max(0, height));
  const { from } = viewport(scroll, total, height);
  const top = Math.min(Math.max(0, from + move), last);
  return { top, follow: canFollow && top >= last };
}

/** `41–60 of 300`: where the window is, for a title line. */
export function viewportLabel(from: number, to: number, total: number): string {
  return total === 0 ? 'empty' : `${from + 1}–${to} of ${total}`;
}
