/**
 * kubectl's AGE column (apimachinery's HumanDuration): precise while young,
 * coarser as it grows, so the column stays narrow.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return withRest(minutes, 'm', seconds % 60, 's');
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return withRest(hours, 'h', minutes % 60, 'm');
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 8) return withRest(days, 'd', hours % 24, 'h');
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.floor(days / 365);
  if (hours < 24 * 365 * 8) return withRest(years, 'y', days % 365, 'd');
  return `${years}y`;
}

function withRest(value: number, unit: string, rest: number, restUnit: string): string {
  return rest === 0 ? `${value}${unit}` : `${value}${unit}${rest}${restUnit}`;
}

/** The age of an object created at `createdAt` (epoch ms), or `<unknown>`. */
export function ageOf(createdAt: number | undefined, now: number): string {
  return createdAt === undefined ? '<unknown>' : humanDuration(now - createdAt);
}

/**
 * How long ago, for people reading a list (`just now`, `3 min ago`, `2 days ago`): one
 * unit, rounded down. A time in the future (a clock that moved back) reads `just now`.
 */
export function timeAgo(ms: number): string {
  const ago = (n: number, unit: string, units = `${unit}s`) => `${n} ${n === 1 ? unit : units} ago`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return ago(hours, 'hour');
  const days = Math.floor(hours / 24);
  if (days < 60) return ago(days, 'day');
  if (days < 730) return ago(Math.floor(days / 30), 'month');
  return ago(Math.floor(days / 365), 'year');
}
