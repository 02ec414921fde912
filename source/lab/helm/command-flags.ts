import type { FlagSpec } from './flags.js';

const f = (
  name: string,
  kind: FlagSpec['kind'],
  short?: string,
  extra: Partial<FlagSpec> = {},
): FlagSpec => ({
  name,
  kind,
  ...(short ? { short } : {}),
  ...extra,
});

/**
 * Helm 3/4's persistent flags, as `helm --help` of v3.18.0 and v4.1.4 lists them
 * (the contract test test/contract/helm-cli.test.ts compares every table here with the
 * real binaries' `--help`).
 */
export function modernGlobalFlags(major: 3 | 4): FlagSpec[] {
  const flags = [
    f('namespace', 'string', 'n'),
    f('kubeconfig', 'string'),
    f('kube-context', 'string'),
    f('debug', 'bool'),
    f('repository-config', 'string'),
    f('repository-cache', 'string'),
    f('registry-config', 'string'),
    f('kube-apiserver', 'string'),
    f('kube-token', 'string'),
    f('kube-as-user', 'string'),
    f('kube-as-group', 'strings'),
    f('kube-ca-file', 'string'),
    f('kube-tls-server-name', 'string'),
    f('kube-insecure-skip-tls-verify', 'bool'),
    f('burst-limit', 'string', undefined, { value: 'int' }),
    f('qps', 'string', undefined, { value: 'float' }),
    f('help', 'bool', 'h'),
  ];
  if (major === 3) return flags;
  return [...flags, f('color', 'string'), f('colour', 'string'), f('content-cache', 'string')];
}

/** Helm 2's persistent flags (no `-n`: in Helm 2 that is `--name`). */
export const tillerGlobalFlags: FlagSpec[] = [
  f('kubeconfig', 'string'),
  f('kube-context', 'string'),
  f('debug', 'bool'),
  f('home', 'string'),
  f('host', 'string'),
  f('tiller-namespace', 'string'),
  f('tiller-connection-timeout', 'string'),
  f('help', 'bool', 'h'),
];

const tlsFlags: FlagSpec[] = ['tls', 'tls-verify']
  .map((n) => f(n, 'bool'))
  .concat(['tls-ca-cert', 'tls-cert', 'tls-key', 'tls-hostname'].map((n) => f(n, 'string')));

const valueFlags: FlagSpec[] = [
  f('set', 'strings'),
  f('set-string', 'strings'),
  f('set-file', 'strings'),
  f('values', 'strings', 'f'),
];

const chartPathFlags: FlagSpec[] = [
  f('version', 'string'),
  f('devel', 'bool'),
  f('repo', 'string'),
  f('username', 'string'),
  f('password', 'string'),
  f('verify', 'bool'),
  f('keyring', 'string'),
  f('ca-file', 'string'),
  f('cert-file', 'string'),
  f('key-file', 'string'),
  f('insecure-skip-tls-verify', 'bool'),
];

/** Helm 3/4's chart location flags (`addChartPathOptionsFlags`). */
const modernChartPathFlags: FlagSpec[] = [
  ...chartPathFlags,
  f('pass-credentials', 'bool'),
  f('plain-http', 'bool'),
];

const output = f('output', 'string', 'o', { value: 'format' });
const timeout = f('timeout', 'string', undefined, { value: 'duration' });
const deprecatedForce = f('force', 'bool', undefined, {
  deprecated: 'use --force-replace instead',
  hidden: true,
});

/** Helm 4's `--wait[=watcher|hookOnly|legacy]` (pkg/cmd/flags.go AddWaitFlag at v4.1.4). */
const waitStrategy = f('wait', 'optional', undefined, { noOptDefault: 'watcher', value: 'wait' });

/** `--dry-run[=client|server|none]`: bare means client (v3) or "unset", read as client (v4). */
const dryRun = (major: 3 | 4) =>
  f('dry-run', 'optional', undefined, { noOptDefault: major === 3 ? 'client' : 'unset' });

/** Flags `helm install` and `helm upgrade` share, per major. */
function releaseFlags(major: 2 | 3 | 4): FlagSpec[] {
  if (major === 2) {
    return [
      ...valueFlags,
      ...chartPathFlags,
      f('timeout', 'string'),
      f('description', 'string'),
      f('no-hooks', 'bool'),
      f('dependency-update', 'bool'),
      ...tlsFlags,
      f('wait', 'bool'),
      f('atomic', 'bool'),
      f('dry-run', 'bool'),
    ];
  }
  const modern = [
    ...valueFlags,
    ...modernChartPathFlags,
    timeout,
    f('description', 'string'),
    f('no-hooks', 'bool'),
    f('dependency-update', 'bool'),
    f('set-json', 'strings'),
    f('set-literal', 'strings'),
    output,
    dryRun(major),
    f('wait-for-jobs', 'bool'),
    f('skip-crds', 'bool'),
    f('post-renderer', 'string'),
    f('post-renderer-args', 'strings'),
    f('render-subchart-notes', 'bool'),
    f('disable-openapi-validation', 'bool'),
    f('enable-dns', 'bool'),
    f('labels', 'strings', 'l'),
    f('create-namespace', 'bool'),
    f('hide-notes', 'bool'),
    f('hide-secret', 'bool'),
    f('skip-schema-validation', 'bool'),
    f('take-ownership', 'bool'),
  ];
  if (major === 3) return [...modern, f('wait', 'bool'), f('atomic', 'bool'), f('force', 'bool')];
  return [
    ...modern,
    waitStrategy,
    f('atomic', 'bool', undefined, {
      deprecated: 'use --rollback-on-failure instead',
      hidden: true,
    }),
    f('rollback-on-failure', 'bool'),
    f('force-replace', 'bool'),
    deprecatedForce,
    f('force-conflicts', 'bool'),
  ];
}

/** Helm 4: cobra's MarkFlagsMutuallyExclusive on install, upgrade and rollback. */
export const forceGroups = [
  ['force-replace', 'force-conflicts'],
  ['force', 'force-conflicts'],
];

export function installFlags(major: 2 | 3 | 4): FlagSpec[] {
  if (major === 2) {
    return [
      ...releaseFlags(2),
      f('name', 'string', 'n'),
      f('namespace', 'string'),
      f('replace', 'bool'),
      f('name-template', 'string'),
    ];
  }
  const flags = [
    ...releaseFlags(major),
    f('generate-name', 'bool', 'g'),
    f('name-template', 'string'),
    f('replace', 'bool'),
  ];
  // Install's --server-side is a bool (default true); upgrade's a string (pkg/cmd/install.go:192).
  return major === 4 ? [...flags, f('server-side', 'bool')] : flags;
}

export function upgradeFlags(major: 2 | 3 | 4): FlagSpec[] {
  const common = [
    ...releaseFlags(major),
    f('install', 'bool', 'i'),
    f('reuse-values', 'bool'),
    f('reset-values', 'bool'),
    f('cleanup-on-fail', 'bool'),
  ];
  if (major === 2) {
    return [
      ...common,
      f('recreate-pods', 'bool'),
      f('namespace', 'string'),
      f('force', 'bool'),
      f('max-history', 'string'),
    ];
  }
  const modern = [
    ...common,
    f('history-max', 'string', undefined, { value: 'int' }),
    f('reset-then-reuse-values', 'bool'),
  ];
  if (major === 3) {
    return [
      ...modern,
      f('recreate-pods', 'bool', undefined, {
        deprecated:
          'functionality will no longer be updated. Consult the documentation for other methods to recreate pods',
        hidden: true,
      }),
    ];
  }
  // "true", "false" or "auto" (pkg/cmd/upgrade.go:280 at v4.1.4): no bare form.
  return [...modern, f('server-side', 'string')];
}

export const listFlags = (major: 2 | 3 | 4): FlagSpec[] => {
  if (major === 2) {
    return [
      f('all', 'bool', 'a'),
      f('short', 'bool', 'q'),
      f('output', 'string', 'o'),
      f('max', 'string', 'm'),
      f('offset', 'string'),
      f('reverse', 'bool', 'r'),
      f('date', 'bool', 'd'),
      ...['deployed', 'failed', 'pending', 'superseded', 'deleted', 'deleting'].map((s) =>
        f(s, 'bool'),
      ),
      ...tlsFlags,
      f('namespace', 'string'),
      f('col-width', 'string'),
    ];
  }
  const modern = [
    f('short', 'bool', 'q'),
    output,
    f('max', 'string', 'm', { value: 'int' }),
    f('offset', 'string', undefined, { value: 'int' }),
    f('reverse', 'bool', 'r'),
    f('date', 'bool', 'd'),
    ...['deployed', 'failed', 'pending', 'superseded', 'uninstalled', 'uninstalling'].map((s) =>
      f(s, 'bool'),
    ),
    f('all-namespaces', 'bool', 'A'),
    f('filter', 'string', 'f'),
    f('no-headers', 'bool'),
    f('time-format', 'string'),
    f('selector', 'string', 'l'),
  ];
  // Helm 4 lists every status by default and removed --all (pkg/cmd/list.go at v4.1.4).
  return major === 3 ? [f('all', 'bool', 'a'), ...modern] : modern;
};

const revision = f('revision', 'string', undefined, { value: 'int' });

export const statusFlags = (major: 2 | 3 | 4): FlagSpec[] => {
  if (major === 2) return [f('revision', 'string'), f('output', 'string', 'o'), ...tlsFlags];
  const modern = [revision, output];
  return major === 3 ? [...modern, f('show-desc', 'bool'), f('show-resources', 'bool')] : modern;
};

export const historyFlags = (major: 2 | 3 | 4): FlagSpec[] =>
  major === 2
    ? [f('max', 'string'), f('output', 'string', 'o'), ...tlsFlags]
    : [f('max', 'string', undefined, { value: 'int' }), output];

/** `get values` takes `-a` and `-o`; `get manifest` and `get notes` only `--revision`. */
export const getFlags = (major: 2 | 3 | 4, what: string): FlagSpec[] => {
  if (major === 2)
    return [
      f('revision', 'string'),
      f('all', 'bool', 'a'),
      f('output', 'string', 'o'),
      ...tlsFlags,
    ];
  return what === 'values' ? [revision, f('all', 'bool', 'a'), output] : [revision];
};

export const uninstallFlags = (major: 3 | 4): FlagSpec[] => [
  f('keep-history', 'bool'),
  f('dry-run', 'bool'),
  f('no-hooks', 'bool'),
  timeout,
  major === 4 ? waitStrategy : f('wait', 'bool'),
  f('ignore-not-found', 'bool'),
  f('cascade', 'string'),
  f('description', 'string'),
];

export const deleteFlags: FlagSpec[] = [
  f('purge', 'bool'),
  f('dry-run', 'bool'),
  f('no-hooks', 'bool'),
  f('timeout', 'string'),
  f('description', 'string'),
  ...tlsFlags,
];

export const rollbackFlags = (major: 2 | 3 | 4): FlagSpec[] => {
  if (major === 2) {
    return [
      f('wait', 'bool'),
      f('timeout', 'string'),
      f('force', 'bool'),
      f('no-hooks', 'bool'),
      f('dry-run', 'bool'),
      f('recreate-pods', 'bool'),
      f('cleanup-on-fail', 'bool'),
      f('history-max', 'string'),
      ...tlsFlags,
    ];
  }
  const modern = [
    timeout,
    f('no-hooks', 'bool'),
    f('cleanup-on-fail', 'bool'),
    f('history-max', 'string', undefined, { value: 'int' }),
    f('wait-for-jobs', 'bool'),
  ];
  if (major === 3) {
    return [
      ...modern,
      f('wait', 'bool'),
      f('force', 'bool'),
      f('dry-run', 'bool'),
      f('recreate-pods', 'bool'),
    ];
  }
  return [
    ...modern,
    waitStrategy,
    dryRun(4),
    f('force-replace', 'bool'),
    deprecatedForce,
    f('force-conflicts', 'bool'),
    f('server-side', 'string'),
  ];
};

export const versionFlags = (major: 2 | 3 | 4): FlagSpec[] => {
  if (major === 2)
    return [
      f('client', 'bool', 'c'),
      f('server', 'bool', 's'),
      f('short', 'bool'),
      f('template', 'string'),
      ...tlsFlags,
    ];
  const common = [f('short', 'bool'), f('template', 'string')];
  // Helm 3 keeps `-c/--client` as a hidden no-op (cmd/helm/version.go:77 at v3.18.0); Helm 4 removed it.
  return major === 3 ? [...common, f('client', 'bool', 'c', { hidden: true })] : common;
};

export const repoAddFlags = (major: 2 | 3 | 4): FlagSpec[] => {
  const common = [
    f('force-update', 'bool'),
    f('username', 'string'),
    f('password', 'string'),
    f('password-stdin', 'bool'),
    f('pass-credentials', 'bool'),
    f('ca-file', 'string'),
    f('cert-file', 'string'),
    f('key-file', 'string'),
    f('insecure-skip-tls-verify', 'bool'),
    f('allow-deprecated-repos', 'bool'),
  ];
  if (major === 2) return [...common, f('no-update', 'bool'), f('timeout', 'string')];
  return major === 4 ? [...common, timeout] : [...common, f('no-update', 'bool')];
};

export const repoListFlags = (major: 2 | 3 | 4): FlagSpec[] => {
  if (major === 2) return [f('output', 'string', 'o')];
  return major === 4 ? [output, f('no-headers', 'bool')] : [output];
};

export const repoUpdateFlags = (major: 2 | 3 | 4): FlagSpec[] => {
  if (major === 4) return [timeout];
  const failFlag = f('fail-on-repo-update-fail', 'bool');
  return major === 3 ? [failFlag] : [failFlag, f('timeout', 'string')];
};

export const searchFlags = (major: 2 | 3 | 4): FlagSpec[] => {
  const common = [
    f('versions', 'bool', 'l'),
    f('version', 'string'),
    f('devel', 'bool'),
    f('regexp', 'bool', 'r'),
    f('fail-on-no-result', 'bool'),
  ];
  if (major === 2)
    return [
      ...common,
      f('output', 'string', 'o'),
      f('max-col-width', 'string'),
      f('col-width', 'string'),
    ];
  return [...common, output, f('max-col-width', 'string', undefined, { value: 'uint' })];
};

/** `show values` (and Helm 2's `inspect values`) also takes `--jsonpath`. */
export const showFlags = (major: 2 | 3 | 4, what: string): FlagSpec[] => {
  const base = major === 2 ? chartPathFlags : modernChartPathFlags;
  return what === 'values' ? [...base, f('jsonpath', 'string')] : base;
};

export const initFlags: FlagSpec[] = [
  f('service-account', 'string'),
  f('wait', 'bool'),
  f('upgrade', 'bool'),
  f('force-upgrade', 'bool'),
  f('stable-repo-url', 'string'),
  f('local-repo-url', 'string'),
  f('skip-refresh', 'bool'),
  f('skip-repos', 'bool'),
  f('client-only', 'bool', 'c'),
  f('tiller-image', 'string', 'i'),
  f('history-max', 'string'),
  f('replicas', 'string'),
  f('canary-image', 'bool'),
  f('dry-run', 'bool'),
  f('output', 'string', 'o'),
  f('override', 'strings'),
  f('node-selectors', 'string'),
  f('tiller-tls', 'bool'),
  f('tiller-tls-verify', 'bool'),
  f('automount-service-account-token', 'bool'),
];

export const resetFlags: FlagSpec[] = [
  f('force', 'bool', 'f'),
  f('remove-helm-home', 'bool'),
  ...tlsFlags,
];
