import { humanDuration } from './human-duration.js';

/** Waits under this long show their deadline to the second (a demo's scaled waits are short). */
const secondsBelowMs = 10 * 60_000;

const two = (n: number) => String(n).padStart(2, '0');

/**
 * The local clock time of `deadline` (epoch ms), as a person reads a wall clock: `14:32`, or
 * `14:32:05` when it is less than ten minutes after `now` (a minute is then too coarse).
 */
export function deadlineClock(deadline: number, now: number): string {
  const at = new Date(deadline);
  const clock = `${two(at.getHours())}:${two(at.getMinutes())}`;
  return deadline - now < secondsBelowMs ? `${clock}:${two(at.getSeconds())}` : clock;
}

/** `gives up at 14:32 (in 58m)`: when a wait ends unless what it waits for shows first. */
export function givesUpAt(deadline: number, now: number): string {
  const left = deadline - now;
  return `gives up at ${deadlineClock(deadline, now)} (${left > 0 ? `in ${humanDuration(left)}` : 'now'})`;
}
