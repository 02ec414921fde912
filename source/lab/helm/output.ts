import type { Release } from './releases.js';
import { tillerStatus } from './releases.js';

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** Go's time.ANSIC, `Mon Jan _2 15:04:05 2006`, in UTC: the lab's clock zone. */
export function ansic(iso: string): string {
  const d = new Date(iso);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${day} ${time} ${d.getUTCFullYear()}`;
}

/** Go's time.Time.String(), as `helm list` shows UPDATED: `2025-01-07 10:00:00.123 +0000 UTC`. */
export function goTimeString(iso: string): string {
  const d = new Date(iso);
  const date = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  const ms = d.getUTCMilliseconds();
  const fraction = ms ? `.${String(ms).padStart(3, '0').replace(/0+$/, '')}` : '';
  return `${date} ${time}${fraction} +0000 UTC`;
}

/** uitable as helm uses it: columns padded, separated by a tab. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows
    .map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]!))).join('\t'))
    .map((line) => line + '\n')
    .join('');
}

export function json(value: unknown): string {
  return JSON.stringify(value) + '\n';
}

export interface StatusOptions {
  /** Dry runs print the hooks and the manifest too. */
  showManifest?: boolean;
}

/** Helm 3/4's statusPrinter for table output. */
export function statusText(r: Release, options: StatusOptions = {}): string {
  let out = `NAME: ${r.name}\n`;
  if (r.info.last_deployed) out += `LAST DEPLOYED: ${ansic(r.info.last_deployed)}\n`;
  out += `NAMESPACE: ${r.namespace}\nSTATUS: ${r.info.status}\nREVISION: ${r.version}\n`;
  out += 'TEST SUITE: None\n';
  if (options.showManifest) out += `HOOKS:\nMANIFEST:\n${r.manifest}\n`;
  if (r.info.notes) out += `NOTES:\n${r.info.notes.trim()}\n`;
  return out;
}

/** Helm 2's status: upper-case status, a RESOURCES section, then NOTES. */
export function tillerStatusText(r: Release, resources: string): string {
  let out = `NAME:   ${r.name}\n`;
  out += `LAST DEPLOYED: ${ansic(r.info.last_deployed)}\nNAMESPACE: ${r.namespace}\n`;
  out += `STATUS: ${tillerStatus(r.info.status)}\n\n`;
  if (resources) out += `RESOURCES:\n${resources}\n`;
  if (r.info.notes) out += `NOTES:\n${r.info.notes.trim()}\n`;
  return out;
}

/** `NAME-VERSION`, as the CHART column shows it. */
export function chartLabel(r: Release): string {
  return `${r.chart.metadata.name}-${r.chart.metadata.version}`;
}

/** The JSON `helm status -o json` prints: the release, chart files left out. */
export function releaseJson(r: Release): unknown {
  return {
    name: r.name,
    info: r.info,
    chart: {
      metadata: r.chart.metadata,
      lock: null,
      templates: [],
      values: r.chart.values,
      schema: null,
      files: [],
    },
    config: r.config,
    manifest: r.manifest,
    version: r.version,
    namespace: r.namespace,
    ...(r.apply_method ? { apply_method: r.apply_method } : {}),
  };
}
