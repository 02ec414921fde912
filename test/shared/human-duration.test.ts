import { describe, expect, it } from 'vitest';
import { timeAgo } from '../../source/shared/human-duration.js';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

describe('timeAgo', () => {
  it('says how long ago in one unit a person reads at a glance', () => {
    expect(timeAgo(20_000)).toBe('just now');
    expect(timeAgo(3 * minute + 59_000)).toBe('3 min ago');
    expect(timeAgo(hour)).toBe('1 hour ago');
    expect(timeAgo(5 * hour)).toBe('5 hours ago');
    expect(timeAgo(day + 3 * hour)).toBe('1 day ago');
    expect(timeAgo(2 * day)).toBe('2 days ago');
    expect(timeAgo(90 * day)).toBe('3 months ago');
    expect(timeAgo(800 * day)).toBe('2 years ago');
  });

  it('reads a time in the future (a clock set back) as just now', () => {
    expect(timeAgo(-5 * minute)).toBe('just now');
  });
});
