import { describe, expect, it } from 'vitest';
import { deadlineClock, givesUpAt } from '../../source/shared/deadline.js';

// Local times, so the test reads the same in every time zone.
const at = (hours: number, minutes: number, seconds = 0) =>
  new Date(2026, 10, 28, hours, minutes, seconds).getTime();

describe('deadlines', () => {
  it('says when a wait gives up on the local clock, and how long that is from now', () => {
    expect(givesUpAt(at(14, 32), at(13, 34))).toBe('gives up at 14:32 (in 58m)');
    expect(givesUpAt(at(15, 0), at(14, 0))).toBe('gives up at 15:00 (in 60m)');
  });

  it('gives the seconds when the deadline is under ten minutes away (a demo, a probe)', () => {
    expect(deadlineClock(at(14, 32, 5), at(14, 30))).toBe('14:32:05');
    expect(givesUpAt(at(14, 32, 5), at(14, 30))).toBe('gives up at 14:32:05 (in 2m5s)');
    expect(deadlineClock(at(14, 42, 5), at(14, 30))).toBe('14:42');
  });

  it('says "now" once the deadline passed (the last check is under way)', () => {
    expect(givesUpAt(at(14, 32), at(14, 32, 1))).toBe('gives up at 14:32:00 (now)');
  });

  it('crosses midnight as a wall clock does', () => {
    expect(givesUpAt(at(0, 15), at(23, 45) - 24 * 3_600_000)).toBe('gives up at 00:15 (in 30m)');
  });
});
