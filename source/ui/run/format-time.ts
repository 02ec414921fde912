import { formatDuration } from '../../engine/timing.js';

/** Elapsed time to the second (`0s`, `12s`, `3m5s`): a ticking clock, not a stopwatch. */
export function formatElapsed(ms: number): string {
  return ms < 1000 ? '0s' : formatDuration(Math.floor(ms / 1000) * 1000);
}

/** `HH:MM:SS` in local time, for "last checked" columns; `?` when unreadable. */
export function clockTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '?';
  return date.toTimeString().slice(0, 8);
}
