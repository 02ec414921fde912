import {
  applyHookObjects,
  applyObjects,
  checkOwnership,
  deleteObjects,
  resolveObjects,
  resolvedId,
  type ReleaseTarget,
  type Resolved,
  type ServerSideOptions,
} from './apply.js';
import { locateChart, type LocatedChart } from './chart-source.js';
import { TemplateError, type ReleaseInfo, type Rendered } from './charts/chart.js';
import { HelmError, errorText, wrapError } from './errors.js';
import { unreachable } from './kubeconfig.js';
import { parseManifest, toManifest } from './manifest.js';
import { json, releaseJson, statusText, tillerStatusText, table } from './output.js';
import { lastRevision, type Release, type ReleaseStatus, type ReleaseStorage } from './releases.js';
import { satisfies } from './semver.js';
import type { Values } from './set-values.js';
import type { HelmSession } from './session.js';
import { requireTiller } from './tiller.js';
import { coalesceValues, userValues, type ValueSources } from './values.js';
import { schemaErrorText, schemaViolations } from './values-schema.js';
import { ApiError } from '../kube/api-error.js';
import { crdKey } from '../kube/resources.js';
import { waitForReady, waitTargets } from './wait.js';

export interface InstallOptions {
  command: 'install' | 'upgrade';
  /** `upgrade --install`: install when the release does not exist. */
  install: boolean;
  name: string;
  chartRef: string;
  namespace: string;
  version?: string;
  values: ValueSources;
  reuseValues: boolean;
  resetValues: boolean;
  createNamespace: boolean;
  wait: boolean;
  timeoutMs: number;
  /** `--atomic` / `--rollback-on-failure`. */
  atomic: boolean;
  /** Helm 4 `--server-side`: `true`, `false` or (upgrade only) `auto`; Helm 2/3: `false`. */
  serverSide: string;
  /** Helm 4 `--force-conflicts`. */
  forceConflicts: boolean;
  dryRun: boolean;
  /** `--skip-crds`: the chart's crds/ folder is not created. */
  skipCrds: boolean;
  /** `--skip-schema-validation`: the values are not checked against values.schema.json. */
  skipSchemaValidation: boolean;
  description?: string;
  /** Revisions kept per release; 0 keeps all. */
  historyMax: number;
}

const releaseNamePattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function checkReleaseName(name: string): void {
  if (releaseNamePattern.test(name) && name.length <= 53) return;
  throw new HelmError(
    `release name "${name}": invalid release name, must match regex ${releaseNamePattern.source} and the length must not be longer than 53`,
  );
}

/** The error the `helmFails` fault produces: a transient loss of the API server. */
function transientFailure(s: HelmSession): HelmError {
  if (s.major === 2) return new HelmError('transport is closing');
  return unreachable(s.kube().server, s.major);
}

function checkKubeVersion(s: HelmSession, located: LocatedChart): void {
  const constraint = located.version.kubeVersion;
  const kubeVersion = s.kube().cluster.kubeVersion;
  if (!constraint || satisfies(kubeVersion, constraint)) return;
  const what = s.major === 2 ? 'kubernetesVersion' : 'kubeVersion';
  throw new HelmError(
    `chart requires ${what}: ${constraint} which is incompatible with Kubernetes ${kubeVersion}`,
  );
}

/**
 * Helm 3/4 check the chart defaults coalesced with the user's values against the chart's
 * values.schema.json before rendering (pkg/action/install.go ToRenderValuesWithSchemaValidation
 * at v3.18.0; the same in upgrade and at v4.1.4). Helm 2 knows no schema.
 */
function validateValues(s: HelmSession, o: InstallOptions, located: LocatedChart, values: Values) {
  const schema = located.definition.schema?.(located.version);
  if (!schema || s.major === 2 || o.skipSchemaValidation) return;
  const coalesced = coalesceValues(located.definition.defaults(located.version), values);
  const violations = schemaViolations(schema, coalesced);
  if (violations.length === 0) return;
  throw new HelmError(schemaErrorText(located.definition.name, violations, s.major));
}

/**
 * The chart's crds/ folder, created before anything else on install only (not on
 * upgrade, not with --skip-crds or a dry run); one that exists already is left alone
 * (pkg/action/install.go installCRDs at v3.18.0). Helm never updates or deletes them.
 */
function installCrds(s: HelmSession, o: InstallOptions, located: LocatedChart): void {
  const crds = located.definition.crds?.(located.version) ?? [];
  if (o.skipCrds || o.dryRun || crds.length === 0) return;
  const store = s.kube().cluster.store;
  for (const crd of crds) {
    if (store.get(crdKey, undefined, crd.metadata.name)) continue;
    try {
      store.create(crdKey, structuredClone(crd));
    } catch (e) {
      const why = e instanceof ApiError ? e.message : errorText(e);
      throw new HelmError(`failed to install CRD crds/${crd.metadata.name}: ${why}`);
    }
  }
}

function renderChart(
  s: HelmSession,
  located: LocatedChart,
  values: Values,
  release: ReleaseInfo,
): Rendered {
  const store = s.kube().cluster.store;
  const version = located.version;
  try {
    return located.definition.render({
      release,
      chart: { ...version, name: located.definition.name },
      values: coalesceValues(located.definition.defaults(version), values),
      lookup: (key, ns, name) => store.get(key, ns, name),
    });
  } catch (e) {
    if (e instanceof TemplateError) throw new HelmError(e.message);
    throw e;
  }
}

function releaseRecord(
  o: InstallOptions,
  located: LocatedChart,
  config: Values,
  rendered: Rendered,
  version: number,
  status: ReleaseStatus,
  firstDeployed?: string,
): Release {
  const now = new Date().toISOString();
  const def = located.definition;
  return {
    name: o.name,
    namespace: o.namespace,
    version,
    info: {
      first_deployed: firstDeployed ?? now,
      last_deployed: now,
      deleted: '',
      description: status === 'pending-install' ? 'Initial install underway' : 'Preparing upgrade',
      status,
      notes: rendered.notes,
    },
    chart: {
      metadata: {
        name: def.name,
        version: located.version.version,
        appVersion: located.version.appVersion,
        apiVersion: def.apiVersion,
        description: def.description,
        home: def.home,
        ...(located.version.kubeVersion ? { kubeVersion: located.version.kubeVersion } : {}),
        ...(def.deprecated ? { deprecated: true } : {}),
      },
      values: def.defaults(located.version),
    },
    config,
    manifest: toManifest(rendered.objects),
  };
}

function targetOf(
  s: HelmSession,
  o: InstallOptions,
  serverSide?: ServerSideOptions,
): ReleaseTarget {
  return {
    store: s.kube().cluster.store,
    release: o.name,
    namespace: o.namespace,
    major: s.major,
    ...(serverSide ? { serverSide } : {}),
  };
}

/**
 * Whether an upgrade applies server-side: `auto` follows the last revision
 * (pkg/action/upgrade.go getUpgradeServerSideValue at v4.1.4).
 */
function upgradeServerSide(option: string, last: Release | undefined): boolean {
  switch (option) {
    case 'auto':
      return last?.apply_method === 'ssa';
    case 'true':
      return true;
    case 'false':
      return false;
    default:
      throw new HelmError(`invalid/unknown release server-side apply method: ${option}`);
  }
}

/** Helm 4.1.4 refuses to force conflicts client-side (pkg/kube/client.go ClientUpdateOptionServerSideApply). */
const forceWithoutServerSide =
  'invalid client update option(s): forceConflicts enabled when serverSideApply disabled';

/** Helm 2's RESOURCES section: `==> v1/Service` groups of names. */
function resourcesText(objects: Resolved[]): string {
  const groups = new Map<string, string[]>();
  for (const r of objects) {
    const key = `${r.object.apiVersion}/${r.object.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), r.object.metadata.name]);
  }
  return [...groups.keys()]
    .sort()
    .map((k) => `==> ${k}\n${table([['NAME', 'AGE'], ...groups.get(k)!.map((n) => [n, '0s'])])}`)
    .join('\n');
}

function tableOutput(s: HelmSession): boolean {
  return (s.flags.string('output') ?? 'table') === 'table';
}

function printRelease(
  s: HelmSession,
  release: Release,
  objects: Resolved[],
  dryRun: boolean,
): void {
  if (!tableOutput(s)) s.print(json(releaseJson(release)));
  else if (s.major === 2) s.print(tillerStatusText(release, resourcesText(objects)));
  else s.print(statusText(release, { showManifest: dryRun }));
}

function timeoutMessage(s: HelmSession): string {
  return s.major === 2 ? 'timed out waiting for the condition' : 'context deadline exceeded';
}

/** Creates the namespace as `--create-namespace` (Helm 3) or Tiller (Helm 2) does; else it must exist. */
function ensureNamespace(s: HelmSession, o: InstallOptions): void {
  const store = s.kube().cluster.store;
  if (store.get('namespaces', undefined, o.namespace)) return;
  if (s.major === 2 || o.createNamespace) {
    const labels: Record<string, string> = s.major === 2 ? {} : { name: o.namespace };
    store.create('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: o.namespace, labels },
    });
    return;
  }
  throw new HelmError(`create: failed to create: namespaces "${o.namespace}" not found`);
}

function warnDeprecated(s: HelmSession, located: LocatedChart): void {
  if (located.definition.deprecated) s.warn('WARNING: This chart is deprecated');
}

function pruneHistory(storage: ReleaseStorage, name: string, max: number): void {
  if (max <= 0) return;
  const history = storage.history(name);
  for (const old of history.slice(0, Math.max(0, history.length - max))) storage.remove(old);
}

function nameInUse(s: HelmSession, name: string): HelmError {
  if (s.major === 2) {
    return new HelmError(
      `a release named ${name} already exists.\nRun: helm ls --all ${name}; to check the status of the release\nOr run: helm del --purge ${name}; to delete it`,
    );
  }
  return new HelmError('cannot re-use a name that is still in use');
}

async function install(s: HelmSession, o: InstallOptions): Promise<void> {
  checkReleaseName(o.name);
  const config = userValues(o.values);
  const located = locateChart(s, o.chartRef, o.version);
  warnDeprecated(s, located);
  const storage = s.storage(o.namespace);
  if (storage.history(o.name).length > 0) throw nameInUse(s, o.name);
  installCrds(s, o, located);
  validateValues(s, o, located, config);
  checkKubeVersion(s, located);
  const info: ReleaseInfo = {
    name: o.name,
    namespace: o.namespace,
    service: s.major === 2 ? 'Tiller' : 'Helm',
    isInstall: true,
    revision: 1,
  };
  const rendered = renderChart(s, located, config, info);
  // A new release applies server-side unless told otherwise (pkg/cmd/upgrade.go: "auto" is true here).
  const ssa = s.major === 4 && o.serverSide !== 'false';
  const target = targetOf(s, o, ssa ? { force: false, fromClientSide: false } : undefined);
  const objects = resolveObjects(
    rendered.objects.map((r) => r.object),
    target,
  );
  const release = releaseRecord(o, located, config, rendered, 1, 'pending-install');
  if (s.major === 4) release.apply_method = ssa ? 'ssa' : 'csa';
  if (o.dryRun) {
    release.info.description = 'Dry run complete';
    return printRelease(s, release, objects, true);
  }
  ensureNamespace(s, o);
  checkOwnership(objects, target, 'install');
  storage.save(release);
  const failed = await deploy(s, o, target, objects, rendered);
  if (failed) {
    release.info.status = 'failed';
    release.info.description = `Release "${o.name}" failed: ${failed}`;
    storage.save(release);
    if (o.atomic) {
      deleteObjects(objects, target.store);
      for (const r of storage.history(o.name)) storage.remove(r);
      throw new HelmError(
        `release ${o.name} failed, and has been uninstalled due to atomic being set: ${failed}`,
      );
    }
    throw new HelmError(s.major === 2 ? `release ${o.name} failed: ${failed}` : failed);
  }
  release.info.status = 'deployed';
  release.info.description = 'Install complete';
  storage.save(release);
  printRelease(s, release, objects, false);
}

/** Applies and (optionally) waits; returns the failure text, or undefined on success. */
async function deploy(
  s: HelmSession,
  o: InstallOptions,
  target: ReleaseTarget,
  objects: Resolved[],
  rendered: Rendered,
): Promise<string | undefined> {
  try {
    applyObjects(objects, target, s.major !== 2 || o.command === 'upgrade');
    applyHookObjects(
      resolveObjects(
        (rendered.hookObjects ?? []).map((r) => r.object),
        target,
      ),
      target,
    );
  } catch (e) {
    return errorText(e).replace(/^release \S+ failed: /, '');
  }
  if (!o.wait) return undefined;
  const ready = await waitForReady(target.store, waitTargets(objects), o.timeoutMs);
  return ready ? undefined : timeoutMessage(s);
}

/** The revision an upgrade starts from: the deployed one, else a failed or superseded last. */
function currentRelease(s: HelmSession, history: Release[], name: string): Release {
  const last = history.at(-1);
  if (!last) throw new HelmError(`"${name}" has no deployed releases`);
  if (last.info.status.startsWith('pending-')) {
    throw new HelmError('another operation (install/upgrade/rollback) is in progress');
  }
  const deployed = [...history].reverse().find((r) => r.info.status === 'deployed');
  if (deployed) return deployed;
  if (s.major !== 2 && (last.info.status === 'failed' || last.info.status === 'superseded'))
    return last;
  throw new HelmError(`"${name}" has no deployed releases`);
}

/** Helm 3: with no new values and no reset/reuse flag, the previous values carry over. */
function upgradeValues(o: InstallOptions, current: Release): Values {
  const fresh = userValues(o.values);
  if (o.resetValues) return fresh;
  if (o.reuseValues) return coalesceValues(current.config, fresh);
  return Object.keys(fresh).length === 0 ? structuredClone(current.config) : fresh;
}

async function upgrade(s: HelmSession, o: InstallOptions): Promise<void> {
  const storage = s.storage(o.namespace);
  const history = storage.history(o.name);
  const current = currentRelease(s, history, o.name);
  const located = locateChart(s, o.chartRef, o.version);
  warnDeprecated(s, located);
  const config = upgradeValues(o, current);
  validateValues(s, o, located, config);
  checkKubeVersion(s, located);
  const revision = (history.at(-1)?.version ?? 0) + 1;
  const info: ReleaseInfo = {
    name: o.name,
    namespace: o.namespace,
    service: s.major === 2 ? 'Tiller' : 'Helm',
    isInstall: false,
    revision,
  };
  const rendered = renderChart(s, located, config, info);
  const ssa = s.major === 4 && upgradeServerSide(o.serverSide, history.at(-1));
  const fromClientSide = (current.apply_method ?? 'csa') === 'csa';
  const target = targetOf(s, o, ssa ? { force: o.forceConflicts, fromClientSide } : undefined);
  const objects = resolveObjects(
    rendered.objects.map((r) => r.object),
    target,
  );
  const previous = resolveObjects(parseManifest(current.manifest), target);
  const previousIds = new Set(previous.map(resolvedId));
  const release = releaseRecord(
    o,
    located,
    config,
    rendered,
    revision,
    'pending-upgrade',
    current.info.first_deployed,
  );
  if (s.major === 4) release.apply_method = ssa ? 'ssa' : 'csa';
  if (o.dryRun) {
    release.info.description = 'Dry run complete';
    return printRelease(s, release, objects, true);
  }
  checkOwnership(
    objects.filter((r) => !previousIds.has(resolvedId(r))),
    target,
    'update',
  );
  storage.save(release);
  const ids = new Set(objects.map(resolvedId));
  let failed =
    s.major === 4 && !ssa && o.forceConflicts
      ? forceWithoutServerSide
      : await deploy(s, o, target, objects, rendered);
  if (!failed) {
    try {
      deleteObjects(
        previous.filter((r) => !ids.has(resolvedId(r))),
        target.store,
      );
    } catch (e) {
      failed = errorText(e);
    }
  }
  if (failed) return failUpgrade(s, o, storage, release, current, { objects, previous, failed });
  for (const r of storage.history(o.name)) {
    if (r.version !== revision && r.info.status === 'deployed') {
      storage.save({ ...r, info: { ...r.info, status: 'superseded' } });
    }
  }
  release.info.status = 'deployed';
  release.info.description = 'Upgrade complete';
  storage.save(release);
  if (s.major !== 2) pruneHistory(storage, o.name, o.historyMax);
  if (tableOutput(s)) {
    s.print(
      s.major === 2
        ? `Release "${o.name}" has been upgraded.\n`
        : `Release "${o.name}" has been upgraded. Happy Helming!\n`,
    );
  }
  printRelease(s, release, objects, false);
}

interface UpgradeFailure {
  objects: Resolved[];
  previous: Resolved[];
  failed: string;
}

/** Marks the revision failed; with `--atomic`, rolls the cluster back to the previous revision. */
function failUpgrade(
  s: HelmSession,
  o: InstallOptions,
  storage: ReleaseStorage,
  release: Release,
  current: Release,
  f: UpgradeFailure,
): never {
  release.info.status = 'failed';
  release.info.description = `Upgrade "${o.name}" failed: ${f.failed}`;
  storage.save(release);
  if (!o.atomic) throw new HelmError(f.failed);
  const target = targetOf(s, o);
  const keep = new Set(f.previous.map(resolvedId));
  deleteObjects(
    f.objects.filter((r) => !keep.has(resolvedId(r))),
    target.store,
  );
  applyObjects(f.previous, target, true);
  const rollback: Release = {
    ...structuredClone(current),
    version: release.version + 1,
    info: {
      ...current.info,
      last_deployed: new Date().toISOString(),
      status: 'deployed',
      description: `Rollback to ${current.version}`,
    },
  };
  storage.save({ ...current, info: { ...current.info, status: 'superseded' } });
  storage.save(rollback);
  throw new HelmError(
    `release ${o.name} failed, and has been rolled back due to atomic being set: ${f.failed}`,
  );
}

/** Runs a step with the cluster and the `helmFails` fault checked first. */
function connect(s: HelmSession): void {
  s.kube();
  if (s.major === 2) requireTiller(s);
  if (s.lab.faults.take('helmFails')) throw transientFailure(s);
}

async function prefixed(prefix: string | undefined, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (e) {
    if (!prefix || !(e instanceof HelmError)) throw e;
    throw wrapError(prefix, e);
  }
}

/** `helm install` and `helm upgrade [--install]`, for every major version. */
export async function installOrUpgrade(s: HelmSession, o: InstallOptions): Promise<void> {
  if (o.command === 'install') {
    // Helm 2's install errors carry no prefix; Helm 3 adds "INSTALLATION FAILED".
    const prefix = s.major === 2 ? undefined : 'INSTALLATION FAILED';
    return prefixed(prefix, async () => {
      connect(s);
      await install(s, o);
    });
  }
  if (o.install) {
    connect(s);
    if (lastRevision(s.storage(o.namespace), o.name) === undefined) {
      if (tableOutput(s)) s.print(`Release "${o.name}" does not exist. Installing it now.\n`);
      // The install path's errors are not prefixed by `helm upgrade --install`.
      return install(s, o);
    }
    return prefixed('UPGRADE FAILED', () => upgrade(s, o));
  }
  return prefixed('UPGRADE FAILED', async () => {
    connect(s);
    await upgrade(s, o);
  });
}
