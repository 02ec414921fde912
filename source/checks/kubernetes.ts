import { commandLine } from '../invocation.js';
import type { Config } from '../config/config.js';
import { caSecret, sameData, tlsSecret } from '../engine/desired/secrets.js';
import { ingressControllerOf } from '../engine/desired/charts.js';
import { caSecretName, ingressName, namespace, tlsSecretName } from '../engine/desired/names.js';
import {
  ingressControllers,
  type IngressController,
} from '../engine/desired/ingress-controller.js';
import { loadBalancerIps, virtualServerAddresses } from '../engine/desired/nsx-virtual-server.js';
import { rancherIngress, sameIngress } from '../engine/desired/rancher-ingress.js';
import { valueAt } from '../engine/desired/helm-values.js';
import type { Helm, HelmRelease } from '../systems/helm.js';
import type { Kube, KubeObject } from '../systems/kube.js';
import { fail, pass, skip, warn, type CheckResult } from './check.js';

/** Checks against the cluster's API, once the cluster exists and a kubeconfig context reaches it. */

export const kubernetesCheckIds = [
  'k8s.reachable',
  'k8s.version',
  'rancher.support',
  'k8s.existing',
  'ingress.controller',
] as const;

/** What the cluster already holds of an install, as compared with the answers. */
export interface ExistingState {
  rancher?: { release: HelmRelease; hostname?: string };
  /** The controllers' releases found in the namespace (either kind). */
  ingressControllers: { controller: IngressController; release: HelmRelease }[];
  /** `same`: holds the answers' files; `unknown`: could not compare (unreadable files). */
  secrets: { name: string; state: 'absent' | 'same' | 'different' | 'unknown' }[];
  ingress?: { hosts: string[]; className?: string; same: boolean };
}

function releaseNote(release: HelmRelease): string {
  return `${release.name} release ${release.status} (${release.chart})`;
}

/** The lines of `k8s.existing`: what exists, and where it differs from the answers. */
function existingFindings(state: ExistingState, config: Config, migrating: boolean) {
  const found: string[] = [];
  const differs: string[] = [];
  const { rancher, ingress } = state;
  if (rancher) {
    const line = `${releaseNote(rancher.release)} with hostname ${rancher.hostname ?? '?'}`;
    found.push(line);
    if (rancher.hostname !== config.rancher.hostname)
      differs.push(`${line} (answers: ${config.rancher.hostname})`);
    else if (rancher.release.status !== 'deployed') differs.push(releaseNote(rancher.release));
  }
  for (const { release } of state.ingressControllers) {
    found.push(releaseNote(release));
    if (release.status !== 'deployed') differs.push(releaseNote(release));
  }
  for (const secret of state.secrets.filter((s) => s.state !== 'absent')) {
    found.push(`secret ${secret.name}`);
    if (secret.state === 'different')
      differs.push(
        `secret ${secret.name} does not hold the answers' files (the install replaces it)`,
      );
  }
  if (ingress) {
    found.push(`Ingress ${ingressName} for ${ingress.hosts.join(', ') || 'no host'}`);
    const difference = ingressDifference(ingress, config, migrating);
    if (difference) differs.push(difference);
  }
  return { found, differs };
}

/** How Rancher's Ingress differs from the answers' one, said by what differs. */
function ingressDifference(
  ingress: NonNullable<ExistingState['ingress']>,
  config: Config,
  migrating: boolean,
): string | undefined {
  if (ingress.same) return undefined;
  const hosts = ingress.hosts.join(', ') || 'no host';
  if (ingress.hosts.length !== 1 || ingress.hosts[0] !== config.rancher.hostname)
    return `Ingress ${ingressName} is for ${hosts} (answers: ${config.rancher.hostname})`;
  const wantedClass = ingressControllerOf(config).ingressClass;
  if (ingress.className !== wantedClass) {
    // The migration moves it to the new class as its last step but one.
    if (migrating) return undefined;
    return `Ingress ${ingressName} has class ${ingress.className ?? 'none'} (answers: ${wantedClass})`;
  }
  return `Ingress ${ingressName} for ${hosts} differs from the one the answers make (TLS secret, backend or annotations)`;
}

/** `k8s.existing`: releases, secrets or an Ingress already there, and whether they match the answers. */
export function checkExisting(
  state: ExistingState,
  config: Config,
  migrating = false,
): CheckResult {
  const id = 'k8s.existing';
  const { found, differs } = existingFindings(state, config, migrating);
  if (found.length === 0) return pass(id, `nothing of a Rancher install in ${namespace} yet`);
  if (differs.length === 0)
    return pass(
      id,
      `already there and matching the answers: ${found.join('; ')} (the install leaves them as they are)`,
    );
  return warn(
    id,
    differs.join('; '),
    `the install changes them to match the answers (helm upgrade, replaced secrets and Ingress); make sure this is the Rancher you mean to change, or fix the answers`,
  );
}

/**
 * `ingress.controller`: the controller the answers chose is the one fronting Rancher, or
 * none is there yet. Another one means a migration, never a silent switch.
 */
export function checkIngressController(
  state: ExistingState,
  config: Config,
  migrating = false,
): CheckResult {
  const id = 'ingress.controller';
  const chosen = ingressControllerOf(config);
  const caveat = chosen.caveat ? ` (${chosen.label}: ${chosen.caveat})` : '';
  const other = state.ingressControllers.find((c) => c.controller !== chosen);
  if (other && migrating)
    return pass(
      id,
      `${other.controller.label} (${other.release.chart}) fronts Rancher: the migration moves it to ${chosen.label}${caveat}`,
    );
  if (other)
    return fail(
      id,
      `${other.controller.label} (${other.release.chart}) fronts Rancher here; the answers say ${chosen.label}`,
      `switching controllers is a migration: run \`${commandLine('migrate-ingress', '--to', chosen.name)}\`, or set ingress.controller: ${other.controller.name}`,
    );
  const mine = state.ingressControllers.find((c) => c.controller === chosen);
  if (mine) return pass(id, `${chosen.label} fronts Rancher (${mine.release.chart})${caveat}`);
  if (chosen.caveat)
    return warn(
      id,
      `${chosen.label}: ${chosen.caveat}`,
      'set ingress.controller: traefik, unless your organisation runs ingress-nginx',
    );
  return pass(id, `${chosen.label} will be installed as a DaemonSet in ${namespace}`);
}

export type KubeReader = Pick<Kube, 'get' | 'list'>;
export type HelmReader = Pick<Helm, 'release' | 'values'>;

async function secretState(
  kube: KubeReader,
  build: () => KubeObject,
  name: string,
): Promise<ExistingState['secrets'][number]> {
  const current = await kube.get({ apiVersion: 'v1', kind: 'Secret', namespace, name });
  if (!current) return { name, state: 'absent' };
  try {
    return { name, state: sameData(build())(current) ? 'same' : 'different' };
  } catch {
    return { name, state: 'unknown' }; // the answers' files cannot be read (see tls.files)
  }
}

function ingressHosts(ingress: KubeObject): string[] {
  const rules = (ingress.spec?.rules ?? []) as { host?: string }[];
  return rules.map((r) => r.host ?? '').filter(Boolean);
}

/** Reads what exists: `helm list` / `helm get values`, and kube gets (all read-only). */
export async function readExisting(
  kube: KubeReader,
  helm: HelmReader,
  config: Config,
): Promise<ExistingState> {
  const rancherRelease = await helm.release('rancher', namespace);
  const hostname = rancherRelease
    ? valueAt(await helm.values('rancher', namespace), 'hostname')
    : undefined;
  const controllers: ExistingState['ingressControllers'] = [];
  for (const controller of Object.values(ingressControllers)) {
    const release = await helm.release(controller.release, namespace);
    if (release) controllers.push({ controller, release });
  }
  const ingress = await kube.get({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    namespace,
    name: ingressName,
  });
  return {
    ...(rancherRelease
      ? {
          rancher: {
            release: rancherRelease,
            ...(typeof hostname === 'string' ? { hostname } : {}),
          },
        }
      : {}),
    ingressControllers: controllers,
    secrets: [
      await secretState(kube, () => caSecret(config), caSecretName),
      await secretState(kube, () => tlsSecret(config), tlsSecretName),
    ],
    ...(ingress
      ? {
          ingress: {
            hosts: ingressHosts(ingress),
            ...(typeof ingress.spec?.ingressClassName === 'string'
              ? { className: ingress.spec.ingressClassName }
              : {}),
            same: sameIngress(rancherIngress(config))(ingress),
          },
        }
      : {}),
  };
}

/** The NSX-T virtual-server IP of the chosen ingress controller's Service, when it has one. */
export async function readIngressIp(kube: KubeReader, config: Config): Promise<string | undefined> {
  const svc = await kube.get({
    apiVersion: 'v1',
    kind: 'Service',
    namespace,
    name: ingressControllerOf(config).service,
  });
  return virtualServerAddresses(loadBalancerIps(svc)).forDns;
}

export function checkReachable(gitVersion: string, server: string | undefined): CheckResult {
  return pass(
    'k8s.reachable',
    `Kubernetes ${gitVersion} answers at ${server ?? 'the kubeconfig server'}`,
  );
}

/** No context yet (or expired credentials): the install fetches them, so nothing to hold. */
export function checkUnreachable(cluster: string): CheckResult {
  return skip(
    'k8s.reachable',
    `no working kubeconfig context ${cluster} (not fetched yet, or its credentials expired); the install runs \`pks get-credentials ${cluster}\``,
    `to check now, run \`pks get-credentials ${cluster}\` yourself and run preflight again`,
  );
}
