import { allVerbs, apiVersionOf, type ResourceType } from './resources.js';

export function versionInfo(kubeVersion: string): Record<string, string> {
  const [major = '1', minor = '0'] = kubeVersion.replace(/^v/, '').split('.');
  return {
    major,
    minor,
    gitVersion: kubeVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: 'go1.23.4',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** `served`: the types the API server serves now (custom resources come and go with their CRDs). */
function groups(served: readonly ResourceType[]): Map<string, ResourceType[]> {
  const byGroup = new Map<string, ResourceType[]>();
  for (const t of served) byGroup.set(t.group, [...(byGroup.get(t.group) ?? []), t]);
  return byGroup;
}

export function apiVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupEntry(group: string, types: ResourceType[]): Record<string, unknown> {
  const version = types[0]!.version;
  const gv = { groupVersion: `${group}/${version}`, version };
  return { name: group, versions: [gv], preferredVersion: gv };
}

export function apiGroupList(served: readonly ResourceType[]): Record<string, unknown> {
  const list = [...groups(served)]
    .filter(([g]) => g !== '')
    .map(([g, types]) => groupEntry(g, types));
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: list };
}

export function apiGroup(
  group: string,
  served: readonly ResourceType[],
): Record<string, unknown> | undefined {
  const types = groups(served).get(group);
  if (!types || group === '') return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(group, types) };
}

function resourceEntries(t: ResourceType): Record<string, unknown>[] {
  const main = {
    name: t.resource,
    singularName: t.singular,
    namespaced: t.namespaced,
    kind: t.kind,
    verbs: allVerbs,
    ...(t.shortNames ? { shortNames: t.shortNames } : {}),
    ...(t.categories ? { categories: t.categories } : {}),
    storageVersionHash: Buffer.from(t.resource).toString('base64').slice(0, 11),
  };
  const subs = (t.subresources ?? []).map((sub) => ({
    name: `${t.resource}/${sub}`,
    singularName: '',
    namespaced: t.namespaced,
    kind: sub === 'log' ? 'Pod' : t.kind,
    verbs: sub === 'log' ? ['get'] : ['get', 'patch', 'update'],
  }));
  return [main, ...subs];
}

export function apiResourceList(
  group: string,
  version: string,
  served: readonly ResourceType[],
): Record<string, unknown> | undefined {
  const types = served.filter((t) => t.group === group && t.version === version);
  if (types.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf({ group, version }),
    resources: types.flatMap(resourceEntries),
  };
}
