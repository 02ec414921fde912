import { z } from 'zod';
import { PermanentError } from './errors.js';

/** One release as `helm list` shows it; status in Helm 3 spelling (`deployed`, `pending-install`). */
export interface HelmRelease {
  name: string;
  namespace: string;
  revision: number;
  status: string;
  chart: string;
  app_version: string;
}

const text = z.string().catch('');
const revision = z.union([z.number(), z.string()]).transform(Number).catch(0);

const v3Row = z.looseObject({
  name: z.string(),
  namespace: text,
  revision,
  status: text,
  chart: text,
  app_version: text,
});

const v2Row = z.looseObject({
  Name: z.string(),
  Namespace: text,
  Revision: revision,
  Status: text,
  Chart: text,
  AppVersion: text,
});

/** Helm 2 / Tiller status names (and their protobuf codes) in Helm 3 spelling. */
const tillerStatuses = [
  'unknown',
  'deployed',
  'uninstalled',
  'superseded',
  'failed',
  'uninstalling',
  'pending-install',
  'pending-upgrade',
  'pending-rollback',
];

/** `DEPLOYED` → `deployed`, `PENDING_INSTALL` → `pending-install`, `DELETED` → `uninstalled`. */
export function normalizeStatus(status: string | number): string {
  if (typeof status === 'number') return tillerStatuses[status] ?? 'unknown';
  const s = status.trim().toLowerCase().replace(/_/g, '-');
  if (s === 'deleted') return 'uninstalled';
  if (s === 'deleting') return 'uninstalling';
  return s;
}

function parseJson(output: string, what: string): unknown {
  const trimmed = output.trim();
  // Helm prints nothing (v2 list) or `null` (v3 get values) when there is nothing.
  if (trimmed === '' || trimmed === 'null') return null;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    throw new PermanentError(
      `could not read ${what}: helm did not print JSON (${trimmed.slice(0, 120)})`,
      'check that helm is version 2.16 or later',
    );
  }
}

/** `helm list -o json`: an array (v3/v4) or `{Next, Releases: [...]}` (v2). */
export function parseReleaseList(output: string): HelmRelease[] {
  const value = parseJson(output, 'the helm release list');
  if (value === null) return [];
  if (Array.isArray(value)) {
    return value.flatMap((row) => {
      const r = v3Row.safeParse(row);
      return r.success ? [{ ...pickV3(r.data), status: normalizeStatus(r.data.status) }] : [];
    });
  }
  const releases = z
    .looseObject({ Releases: z.array(z.unknown()).nullable().catch([]) })
    .safeParse(value);
  return (releases.success ? (releases.data.Releases ?? []) : []).flatMap((row) => {
    const r = v2Row.safeParse(row);
    if (!r.success) return [];
    return [
      {
        name: r.data.Name,
        namespace: r.data.Namespace,
        revision: r.data.Revision,
        status: normalizeStatus(r.data.Status),
        chart: r.data.Chart,
        app_version: r.data.AppVersion,
      },
    ];
  });
}

function pickV3(r: z.output<typeof v3Row>): HelmRelease {
  return {
    name: r.name,
    namespace: r.namespace,
    revision: r.revision,
    status: r.status,
    chart: r.chart,
    app_version: r.app_version,
  };
}

const statusJson = z.looseObject({
  info: z.looseObject({
    status: z.union([
      z.string(),
      z.looseObject({ code: z.union([z.number(), z.string()]).optional() }),
    ]),
  }),
});

/** `helm status -o json`: `.info.status` (v3/v4) or `.info.status.code` (v2). */
export function parseStatus(output: string): string | undefined {
  const parsed = statusJson.safeParse(parseJson(output, 'the helm release status'));
  if (!parsed.success) return undefined;
  const status = parsed.data.info.status;
  if (typeof status === 'string') return normalizeStatus(status);
  return status.code === undefined ? 'unknown' : normalizeStatus(status.code);
}
