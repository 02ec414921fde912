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

/** Helm 3/4's persistent flags. */
export const modernGlobalFlags: FlagSpec[] = [
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
  f('burst-limit', 'string'),
  f('qps', 'string'),
  f('help', 'bool', 'h'),
];

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

/** Flags `helm install` and `helm upgrade` share, per major. */
function releaseFlags(major: 2 | 3 | 4): FlagSpec[] {
  const common = [
    ...valueFlags,
    ...chartPathFlags,
    f('timeout', 'string'),
    f('description', 'string'),
    f('no-hooks', 'bool'),
    f('dependency-update', 'bool'),
  ];
  if (major === 2)
    return [...common, ...tlsFlags, f('wait', 'bool'), f('atomic', 'bool'), f('dry-run', 'bool')];
  const modern = [
    ...common,
    f('set-json', 'strings'),
    f('set-literal', 'strings'),
    f('output', 'string', 'o'),
    f('dry-run', 'optional', undefined, { noOptDefault: 'client' }),
    f('wait-for-jobs', 'bool'),
    f('skip-crds', 'bool'),
    f('post-renderer', 'string'),
    f('post-renderer-args', 'strings'),
    f('render-subchart-notes', 'bool'),
    f('disable-openapi-validation', 'bool'),
    f('enable-dns', 'bool'),
    f('labels', 'strings', 'l'),
    f('plain-http', 'bool'),
    f('pass-credentials', 'bool'),
    f('create-namespace', 'bool'),
  ];
  if (major === 3) return [...modern, f('wait', 'bool'), f('atomic', 'bool'), f('force', 'bool')];
  return [
    ...modern,
    f('wait', 'optional', undefined, { noOptDefault: 'watcher' }),
    f('atomic', 'bool', undefined, { deprecated: 'use --rollback-on-failure instead' }),
    f('rollback-on-failure', 'bool'),
    f('force-replace', 'bool'),
    f('force-conflicts', 'bool'),
    f('server-side', 'optional', undefined, { noOptDefault: 'true' }),
    f('take-ownership', 'bool'),
  ];
}

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
  return [
    ...releaseFlags(major),
    f('generate-name', 'bool', 'g'),
    f('name-template', 'string'),
    f('replace', 'bool'),
  ];
}

export function upgradeFlags(major: 2 | 3 | 4): FlagSpec[] {
  const common = [
    ...releaseFlags(major),
    f('install', 'bool', 'i'),
    f('reuse-values', 'bool'),
    f('reset-values', 'bool'),
    f('recreate-pods', 'bool'),
    f('cleanup-on-fail', 'bool'),
  ];
  if (major === 2)
    return [...common, f('namespace', 'string'), f('force', 'bool'), f('max-history', 'string')];
  return [...common, f('history-max', 'string'), f('reset-then-reuse-values', 'bool')];
}

export const listFlags = (major: 2 | 3 | 4): FlagSpec[] => {
  const states = major === 2 ? ['deleted', 'deleting'] : ['uninstalled', 'uninstalling'];
  const common = [
    f('all', 'bool', 'a'),
    f('short', 'bool', 'q'),
    f('output', 'string', 'o'),
    f('max', 'string', 'm'),
    f('offset', 'string'),
    f('reverse', 'bool', 'r'),
    f('date', 'bool', 'd'),
    f('deployed', 'bool'),
    f('failed', 'bool'),
    f('pending', 'bool'),
    f('superseded', 'bool'),
    ...states.map((s) => f(s, 'bool')),
  ];
  if (major === 2)
    return [...common, ...tlsFlags, f('namespace', 'string'), f('col-width', 'string')];
  return [
    ...common,
    f('all-namespaces', 'bool', 'A'),
    f('filter', 'string'),
    f('no-headers', 'bool'),
    f('time-format', 'string'),
    f('selector', 'string', 'l'),
  ];
};

export const statusFlags = (major: 2 | 3 | 4): FlagSpec[] =>
  major === 2
    ? [f('revision', 'string'), f('output', 'string', 'o'), ...tlsFlags]
    : [
        f('revision', 'string'),
        f('output', 'string', 'o'),
        f('show-desc', 'bool'),
        f('show-resources', 'bool'),
      ];

export const historyFlags = (major: 2 | 3 | 4): FlagSpec[] => [
  f('max', 'string'),
  f('output', 'string', 'o'),
  ...(major === 2 ? tlsFlags : []),
];

export const getFlags = (major: 2 | 3 | 4): FlagSpec[] => [
  f('revision', 'string'),
  f('all', 'bool', 'a'),
  f('output', 'string', 'o'),
  ...(major === 2 ? tlsFlags : []),
];

export const uninstallFlags: FlagSpec[] = [
  f('keep-history', 'bool'),
  f('dry-run', 'bool'),
  f('no-hooks', 'bool'),
  f('timeout', 'string'),
  f('wait', 'bool'),
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

export const rollbackFlags = (major: 2 | 3 | 4): FlagSpec[] => [
  f(
    'wait',
    major === 4 ? 'optional' : 'bool',
    undefined,
    major === 4 ? { noOptDefault: 'watcher' } : {},
  ),
  f('timeout', 'string'),
  f('force', 'bool'),
  f('no-hooks', 'bool'),
  f('dry-run', 'bool'),
  f('recreate-pods', 'bool'),
  f('cleanup-on-fail', 'bool'),
  f('history-max', 'string'),
  ...(major === 2 ? tlsFlags : []),
];

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
  // Helm 3 keeps `-c/--client` as a hidden no-op; Helm 4 removed it.
  return major === 3 ? [...common, f('client', 'bool', 'c')] : common;
};

export const repoAddFlags: FlagSpec[] = [
  f('force-update', 'bool'),
  f('no-update', 'bool'),
  f('username', 'string'),
  f('password', 'string'),
  f('password-stdin', 'bool'),
  f('pass-credentials', 'bool'),
  f('ca-file', 'string'),
  f('cert-file', 'string'),
  f('key-file', 'string'),
  f('insecure-skip-tls-verify', 'bool'),
  f('allow-deprecated-repos', 'bool'),
  f('timeout', 'string'),
];

export const repoListFlags: FlagSpec[] = [f('output', 'string', 'o')];
export const repoUpdateFlags: FlagSpec[] = [
  f('fail-on-repo-update-fail', 'bool'),
  f('timeout', 'string'),
];

export const searchFlags: FlagSpec[] = [
  f('versions', 'bool', 'l'),
  f('version', 'string'),
  f('devel', 'bool'),
  f('regexp', 'bool', 'r'),
  f('output', 'string', 'o'),
  f('max-col-width', 'string'),
  f('col-width', 'string'),
  f('fail-on-no-result', 'bool'),
];

export const showFlags: FlagSpec[] = [...chartPathFlags, f('jsonpath', 'string')];

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
