import { stringify } from 'yaml';
import {
  applyObjects,
  deleteObjects,
  resolveObjects,
  resolvedId,
  type ReleaseTarget,
} from './apply.js';
import { HelmError } from './errors.js';
import { requireArgs } from './flags.js';
import { parseManifest } from './manifest.js';
import {
  ansic,
  chartLabel,
  goTimeString,
  json,
  releaseJson,
  statusText,
  table,
  tillerStatusText,
} from './output.js';
import { latestOfEach, tillerStatus, type Release, type ReleaseStatus } from './releases.js';
import type { HelmSession } from './session.js';
import { requireTiller } from './tiller.js';
import { coalesceValues } from './values.js';

/** Output format from `-o`: table, json or yaml. */
function outputFormat(s: HelmSession): 'table' | 'json' | 'yaml' {
  const o = s.flags.string('output') ?? 'table';
  if (o === 'table' || o === 'json' || o === 'yaml') return o;
  throw new HelmError(`invalid argument "${o}" for "-o, --output" flag: invalid format type`);
}

function printData(s: HelmSession, format: 'json' | 'yaml', value: unknown): void {
  s.print(format === 'json' ? json(value) : stringify(value));
}

/** Connects (and, for Helm 2, finds Tiller) before any release read. */
function connect(s: HelmSession): void {
  s.kube();
  if (s.major === 2) requireTiller(s);
}

function notFound(s: HelmSession, name: string): HelmError {
  return new HelmError(s.major === 2 ? `release: "${name}" not found` : 'release: not found');
}

function history(s: HelmSession, name: string): Release[] {
  return s.storage(s.namespace()).history(name);
}

function pickRevision(s: HelmSession, name: string): Release {
  const all = history(s, name);
  const wanted = s.flags.string('revision');
  const found = wanted ? all.find((r) => r.version === Number(wanted)) : all.at(-1);
  if (!found) throw notFound(s, name);
  return found;
}

/**
 * `helm list` state filters. Without one, Helm 3 lists deployed and failed releases and
 * Helm 4 every state (pkg/action/list.go SetStateMask: v3.18.0 defaults to
 * ListDeployed|ListFailed, v4.1.4 to ListAll; v4 has no --all).
 */
function statusFilter(s: HelmSession): (status: ReleaseStatus) => boolean {
  if (s.flags.bool('all')) return () => true;
  const chosen = (
    [
      ['deployed', 'deployed'],
      ['failed', 'failed'],
      ['superseded', 'superseded'],
      [s.major === 2 ? 'deleted' : 'uninstalled', 'uninstalled'],
      [s.major === 2 ? 'deleting' : 'uninstalling', 'uninstalling'],
    ] as const
  )
    .filter(([flag]) => s.flags.bool(flag))
    .map(([, status]) => status as ReleaseStatus);
  if (s.flags.bool('pending'))
    chosen.push('pending-install', 'pending-upgrade', 'pending-rollback');
  if (chosen.length === 0 && s.major === 4) return () => true;
  const mask = chosen.length ? chosen : (['deployed', 'failed'] as ReleaseStatus[]);
  return (status) => mask.includes(status);
}

function listed(s: HelmSession): Release[] {
  connect(s);
  const allNamespaces = s.major === 2 ? !s.flags.has('namespace') : s.flags.bool('all-namespaces');
  const ns = allNamespaces ? undefined : s.namespace();
  const wanted = statusFilter(s);
  const filter = s.flags.string('filter') ?? s.flags.positionals[0];
  const pattern = filter ? new RegExp(filter) : undefined;
  return latestOfEach(s.storage(ns ?? 'default').list(ns)).filter(
    (r) => wanted(r.info.status) && (!pattern || pattern.test(r.name)),
  );
}

export function listCommand(s: HelmSession): void {
  // Helm 2 takes a name filter argument; Helm 3/4 only `--filter`.
  if (s.major !== 2 && s.flags.positionals.length > 0) {
    throw new HelmError('"helm list" accepts no arguments\n\nUsage:  helm list [flags]');
  }
  const format = outputFormat(s);
  const releases = listed(s);
  if (s.flags.bool('short')) {
    s.print(releases.map((r) => `${r.name}\n`).join(''));
    return;
  }
  if (s.major === 2) return listTiller(s, releases, format);
  if (format !== 'table') {
    const rows = releases.map((r) => ({
      name: r.name,
      namespace: r.namespace,
      revision: String(r.version),
      updated: goTimeString(r.info.last_deployed),
      status: r.info.status,
      chart: chartLabel(r),
      app_version: r.chart.metadata.appVersion,
    }));
    return printData(s, format, rows);
  }
  const header = ['NAME', 'NAMESPACE', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION'];
  const rows = releases.map((r) => [
    r.name,
    r.namespace,
    String(r.version),
    goTimeString(r.info.last_deployed),
    r.info.status,
    chartLabel(r),
    r.chart.metadata.appVersion,
  ]);
  s.print(table(s.flags.bool('no-headers') ? rows : [header, ...rows]));
}

function listTiller(s: HelmSession, releases: Release[], format: 'table' | 'json' | 'yaml'): void {
  if (format !== 'table') {
    const rows = releases.map((r) => ({
      Name: r.name,
      Revision: r.version,
      Updated: ansic(r.info.last_deployed),
      Status: tillerStatus(r.info.status),
      Chart: chartLabel(r),
      AppVersion: r.chart.metadata.appVersion,
      Namespace: r.namespace,
    }));
    return printData(s, format, { Next: '', Releases: rows });
  }
  if (releases.length === 0) return;
  const header = ['NAME', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'NAMESPACE'];
  const rows = releases.map((r) => [
    r.name,
    String(r.version),
    ansic(r.info.last_deployed),
    tillerStatus(r.info.status),
    chartLabel(r),
    r.chart.metadata.appVersion,
    r.namespace,
  ]);
  s.print(table([header, ...rows]));
}

const tillerCodes: Record<string, number> = {
  UNKNOWN: 0,
  DEPLOYED: 1,
  DELETED: 2,
  SUPERSEDED: 3,
  FAILED: 4,
  DELETING: 5,
  PENDING_INSTALL: 6,
  PENDING_UPGRADE: 7,
  PENDING_ROLLBACK: 8,
};

function tillerReleaseJson(r: Release): unknown {
  const seconds = (iso: string) => ({ seconds: Math.floor(new Date(iso).getTime() / 1000) });
  return {
    name: r.name,
    info: {
      status: { code: tillerCodes[tillerStatus(r.info.status)], notes: r.info.notes },
      first_deployed: seconds(r.info.first_deployed),
      last_deployed: seconds(r.info.last_deployed),
      Description: r.info.description,
    },
    namespace: r.namespace,
    version: r.version,
  };
}

export function statusCommand(s: HelmSession): void {
  requireArgs('status', 'status RELEASE_NAME', s.flags.positionals, 1);
  const name = s.flags.positionals[0]!;
  const format = outputFormat(s);
  connect(s);
  const release = pickRevision(s, name);
  if (format !== 'table') {
    return printData(s, format, s.major === 2 ? tillerReleaseJson(release) : releaseJson(release));
  }
  if (s.major === 2) {
    s.print(tillerStatusText(release, '').replace(/^NAME: +\S+\n/, ''));
    return;
  }
  let text = statusText(release);
  if (s.flags.bool('show-desc')) {
    text = text.replace(/(REVISION: \d+\n)/, `$1DESCRIPTION: ${release.info.description}\n`);
  }
  s.print(text);
}

export function historyCommand(s: HelmSession): void {
  requireArgs('history', 'history RELEASE_NAME', s.flags.positionals, 1);
  const name = s.flags.positionals[0]!;
  const format = outputFormat(s);
  connect(s);
  const max = Number(s.flags.string('max') ?? 256);
  const all = history(s, name).slice(-max);
  if (all.length === 0) throw notFound(s, name);
  const status = (r: Release) => (s.major === 2 ? tillerStatus(r.info.status) : r.info.status);
  if (format !== 'table') {
    const rows = all.map((r) => ({
      revision: r.version,
      updated: r.info.last_deployed,
      status: status(r),
      chart: chartLabel(r),
      app_version: r.chart.metadata.appVersion,
      description: r.info.description,
    }));
    return printData(s, format, rows);
  }
  const header = ['REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'DESCRIPTION'];
  const rows = all.map((r) => [
    String(r.version),
    ansic(r.info.last_deployed),
    status(r),
    chartLabel(r),
    r.chart.metadata.appVersion,
    r.info.description,
  ]);
  s.print(table([header, ...rows]));
}

/** `helm get values|manifest|notes NAME`. */
export function getCommand(s: HelmSession, what: string): void {
  requireArgs(`get ${what}`, `get ${what} RELEASE_NAME`, s.flags.positionals, 1);
  connect(s);
  const release = pickRevision(s, s.flags.positionals[0]!);
  if (what === 'manifest') return s.print(release.manifest);
  if (what === 'notes') return s.print(`NOTES:\n${release.info.notes ?? ''}`);
  const all = s.flags.bool('all');
  const values = all ? coalesceValues(release.chart.values, release.config) : release.config;
  const format = outputFormat(s);
  const empty = Object.keys(values).length === 0;
  if (format === 'json') return s.print(empty ? 'null\n' : json(values));
  if (format === 'yaml' || s.major === 2) return s.print(empty ? '{}\n' : stringify(values));
  s.print(`${all ? 'COMPUTED' : 'USER-SUPPLIED'} VALUES:\n${empty ? 'null\n' : stringify(values)}`);
}

function targetFor(s: HelmSession, r: Release): ReleaseTarget {
  return { store: s.kube().cluster.store, release: r.name, namespace: r.namespace, major: s.major };
}

/** `helm uninstall NAME... [--keep-history]` (Helm 3/4). */
export function uninstallCommand(s: HelmSession): void {
  requireArgs('uninstall', 'uninstall RELEASE_NAME [...]', s.flags.positionals, 1, Infinity);
  connect(s);
  const storage = s.storage(s.namespace());
  for (const name of s.flags.positionals) {
    const all = storage.history(name);
    const last = all.at(-1);
    if (!last || last.info.status === 'uninstalled') {
      if (s.flags.bool('ignore-not-found')) continue;
      throw new HelmError(`uninstall: Release not loaded: ${name}: release: not found`);
    }
    if (s.flags.bool('dry-run')) {
      s.print(`release "${name}" uninstalled\n`);
      continue;
    }
    const objects = resolveObjects(parseManifest(last.manifest), targetFor(s, last));
    const kept = deleteObjects(objects, s.kube().cluster.store);
    if (s.flags.bool('keep-history')) {
      storage.save({
        ...last,
        info: {
          ...last.info,
          status: 'uninstalled',
          deleted: new Date().toISOString(),
          description: 'Uninstallation complete',
        },
      });
    } else for (const r of all) storage.remove(r);
    if (kept.length)
      s.print(`These resources were kept due to the resource policy:\n${kept.join('\n')}\n\n`);
    s.print(`release "${name}" uninstalled\n`);
  }
}

/** `helm delete [--purge] NAME` (Helm 2): without --purge the name stays taken. */
export function deleteCommand(s: HelmSession): void {
  requireArgs('delete', 'delete [flags] RELEASE_NAME [...]', s.flags.positionals, 1, Infinity);
  connect(s);
  const storage = s.storage(s.tillerNamespace());
  for (const name of s.flags.positionals) {
    const all = storage.history(name);
    const last = all.at(-1);
    if (!last) throw new HelmError(`release: "${name}" not found`);
    if (last.info.status !== 'uninstalled') {
      deleteObjects(
        resolveObjects(parseManifest(last.manifest), targetFor(s, last)),
        s.kube().cluster.store,
      );
    }
    if (s.flags.bool('purge')) for (const r of all) storage.remove(r);
    else {
      storage.save({
        ...last,
        info: {
          ...last.info,
          status: 'uninstalled',
          deleted: new Date().toISOString(),
          description: 'Deletion complete',
        },
      });
    }
    s.print(`release "${name}" deleted\n`);
  }
}

/** `helm rollback NAME [REVISION]`: re-applies an earlier revision as a new one. */
export function rollbackCommand(s: HelmSession): void {
  requireArgs('rollback', 'rollback <RELEASE> [REVISION]', s.flags.positionals, 1, 2);
  const [name, wanted] = s.flags.positionals as [string, string | undefined];
  connect(s);
  const storage = s.storage(s.major === 2 ? s.tillerNamespace() : s.namespace());
  const all = storage.history(name);
  const last = all.at(-1);
  if (!last)
    throw new HelmError(s.major === 2 ? `release: "${name}" not found` : 'release: not found');
  const target = wanted ? all.find((r) => r.version === Number(wanted)) : all.at(-2);
  if (!target) throw new HelmError(`release: not found`);
  const t = targetFor(s, target);
  const objects = resolveObjects(parseManifest(target.manifest), t);
  const keep = new Set(objects.map(resolvedId));
  deleteObjects(
    resolveObjects(parseManifest(last.manifest), t).filter((r) => !keep.has(resolvedId(r))),
    t.store,
  );
  applyObjects(objects, t, true);
  for (const r of all)
    if (r.info.status === 'deployed')
      storage.save({ ...r, info: { ...r.info, status: 'superseded' } });
  storage.save({
    ...structuredClone(target),
    version: last.version + 1,
    info: {
      ...target.info,
      last_deployed: new Date().toISOString(),
      status: 'deployed',
      description: `Rollback to ${target.version}`,
    },
  });
  s.print('Rollback was a success! Happy Helming!\n');
}
