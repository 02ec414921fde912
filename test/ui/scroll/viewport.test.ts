import { describe, expect, it } from 'vitest';
import { readKeys } from '../../../source/ui/input/read-keys.js';
import {
  following,
  fromTop,
  scrollByKey,
  viewport,
  viewportLabel,
  type Scroll,
} from '../../../source/ui/scroll/viewport.js';
import { visibleWindow } from '../../../source/ui/wizard/choice-list.js';

const key = (raw: string) => readKeys(raw)[0]!;
const up = key('\u001B[A');
const down = key('\u001B[B');
const pageUp = key('\u001B[5~');
const pageDown = key('\u001B[6~');
const home = key('\u001B[H');
const end = key('\u001B[F');

/** Presses keys one after another on a window of `height` over `total` lines. */
function press(
  start: Scroll,
  total: number,
  height: number,
  canFollow: boolean,
  ...keys: (typeof up)[]
) {
  return keys.reduce((s, k) => scrollByKey(s, k, total, height, canFollow) ?? s, start);
}

describe('viewport', () => {
  it('shows everything when it fits, the last lines when following', () => {
    expect(viewport(fromTop, 5, 10)).toEqual({ from: 0, to: 5 });
    expect(viewport(following, 5, 10)).toEqual({ from: 0, to: 5 });
    expect(viewport(following, 100, 10)).toEqual({ from: 90, to: 100 });
    expect(viewport(fromTop, 100, 10)).toEqual({ from: 0, to: 10 });
  });

  it('keeps a window that was scrolled past the end inside the lines (the log shrank, the terminal grew)', () => {
    expect(viewport({ top: 95, follow: false }, 100, 10)).toEqual({ from: 90, to: 100 });
    expect(viewport({ top: -3, follow: false }, 100, 10)).toEqual({ from: 0, to: 10 });
  });

  it('moves a line with ↑/↓, a page less a line with PgUp/PgDn, to the ends with Home/End', () => {
    const at = (...keys: (typeof up)[]) =>
      viewport(press(fromTop, 100, 10, false, ...keys), 100, 10);
    expect(at(down, down)).toEqual({ from: 2, to: 12 });
    expect(at(down, up, up)).toEqual({ from: 0, to: 10 });
    expect(at(pageDown)).toEqual({ from: 9, to: 19 });
    expect(at(pageDown, pageDown, pageUp)).toEqual({ from: 9, to: 19 });
    expect(at(end)).toEqual({ from: 90, to: 100 });
    expect(at(end, home)).toEqual({ from: 0, to: 10 });
    expect(at(end, down, pageDown)).toEqual({ from: 90, to: 100 });
  });

  it('a log follows its tail until scrolled up; End (or scrolling back down) follows again', () => {
    let scroll = press(following, 100, 10, true, up);
    expect(scroll).toEqual({ top: 89, follow: false });
    // Lines appended meanwhile do not move what is being read.
    expect(viewport(scroll, 150, 10)).toEqual({ from: 89, to: 99 });
    scroll = press(scroll, 150, 10, true, end);
    expect(scroll.follow).toBe(true);
    expect(viewport(scroll, 200, 10)).toEqual({ from: 190, to: 200 });
    scroll = press(scroll, 200, 10, true, up, down);
    expect(scroll.follow).toBe(true);
  });

  it('a report never follows', () => {
    expect(press(fromTop, 100, 10, false, end).follow).toBe(false);
  });

  it('other keys do not scroll', () => {
    expect(scrollByKey(fromTop, key('q'), 100, 10, true)).toBeUndefined();
    expect(scrollByKey(fromTop, key('\u001B'), 100, 10, true)).toBeUndefined();
  });

  it('says where the window is', () => {
    expect(viewportLabel(40, 60, 300)).toBe('41–60 of 300');
    expect(viewportLabel(0, 0, 0)).toBe('empty');
  });
});

describe('visibleWindow (a list whose items take one row or more)', () => {
  const ones = (n: number) => Array<number>(n).fill(1);

  it('shows the whole list when it fits', () => {
    expect(visibleWindow(ones(5), 2, 5)).toEqual({ from: 0, to: 5 });
    expect(visibleWindow([], 0, 5)).toEqual({ from: 0, to: 0 });
  });

  it('keeps the focused item in view, centred, counting the "N more" rows', () => {
    // 20 items in 8 rows: "↑ more", 6 items, "↓ more".
    expect(visibleWindow(ones(20), 10, 8)).toEqual({ from: 7, to: 13 });
    // At an end only one "more" row is needed: 7 items.
    expect(visibleWindow(ones(20), 0, 8)).toEqual({ from: 0, to: 7 });
    expect(visibleWindow(ones(20), 19, 8)).toEqual({ from: 13, to: 20 });
  });

  it('counts the rows tall items take (a plan with two warnings takes three)', () => {
    const heights = [3, 3, 1, 3, 1, 3, 3];
    for (let focused = 0; focused < heights.length; focused++) {
      const { from, to } = visibleWindow(heights, focused, 8);
      const rows =
        heights.slice(from, to).reduce((sum, h) => sum + h, 0) +
        (from > 0 ? 1 : 0) +
        (to < heights.length ? 1 : 0);
      expect(rows, `focused ${focused}`).toBeLessThanOrEqual(8);
      expect(focused).toBeGreaterThanOrEqual(from);
      expect(focused).toBeLessThan(to);
    }
  });

  it('shows a focused item taller than the room rather than hide the cursor', () => {
    expect(visibleWindow([1, 9, 1], 1, 4)).toEqual({ from: 1, to: 2 });
  });
});
