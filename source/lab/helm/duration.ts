import { HelmError } from './errors.js';

const units: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's time.ParseDuration, in milliseconds (Helm 3/4 `--timeout 10m`). */
export function parseGoDuration(flag: string, text: string): number {
  if (text === '0') return 0;
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
  const whole = parts.map((p) => p[0]).join('');
  if (!parts.length || whole !== text.replace(/^[+]/, '')) {
    const why = /^\d+(\.\d+)?$/.test(text) ? 'missing unit in duration' : 'invalid duration';
    throw new HelmError(`invalid argument "${text}" for "--${flag}" flag: time: ${why} "${text}"`);
  }
  return parts.reduce((ms, p) => ms + Number(p[1]) * units[p[2]!]!, 0);
}

/** Helm 2's `--timeout 300`: whole seconds. */
export function parseSeconds(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) {
    throw new HelmError(
      `invalid argument "${text}" for "--${flag}" flag: strconv.ParseInt: parsing "${text}": invalid syntax`,
    );
  }
  return Number(text) * 1000;
}
