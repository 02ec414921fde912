import { ingressControllerOf } from '../../engine/desired/charts.js';
import { caSecretKey, namespace } from '../../engine/desired/names.js';
import { cliName } from '../../engine/desired/pks-rules.js';
import { commandLine } from '../../invocation.js';
import {
  loadBalancerIps,
  ncpError,
  nsxErrorMessage,
  nsxErrorName,
  nsxErrorRef,
  virtualServerAddresses,
} from '../../engine/desired/nsx-virtual-server.js';
import type { ProbeResult } from '../../systems/https.js';
import type { Kube } from '../../systems/kube.js';
import { PksError } from '../../systems/pks-errors.js';
import type { Plan } from '../../systems/pks.js';
import { readTlsFile } from '../../systems/tls.js';
import { errored, fail, settle, skip, type CheckResult, type Read } from '../check.js';
import { checkRecordEverywhere } from '../dns.js';
import { checkReachable } from '../kubernetes.js';
import { checkLogin } from '../pks.js';
import { checkNamespaces, checkVirtualServers } from './capacity-status.js';
import { readClusterState, type ClusterState } from './cluster-state.js';
import { checkClusterStatus, checkNodes } from './cluster-status.js';
import { checkControllerCurrency, checkRancherCurrency, readCurrency } from './currency-status.js';
import { checkControllerPods, checkPool, checkVip } from './ingress-status.js';
import {
  checkLocalCluster,
  checkRancherCacerts,
  checkRancherPods,
  checkServerUrl,
  checkSpread,
  crashLooping,
} from './rancher-status.js';
import { checkRelease, readReleases } from './release-status.js';
import type { StatusContext } from './status-context.js';
import { checkExpiry, checkRancherAnswer, checkServed, type Trust } from './wire-status.js';

/** Every check `status` reports, in the order it reports them. */
export const statusCheckIds = [
  'pks.login',
  'pks.cluster',
  'k8s.reachable',
  'k8s.nodes',
  'rancher.release',
  'rancher.pods',
  'rancher.spread',
  'rancher.server-url',
  'rancher.local-cluster',
  'rancher.cacerts',
  'ingress.release',
  'ingress.pods',
  'ingress.vip',
  'ingress.pool',
  'dns.cluster',
  'dns.rancher',
  'tls.served',
  'tls.expiry',
  'https.ping',
  'https.healthz',
  'nsx.namespaces',
  'nsx.virtual-servers',
  'currency.rancher',
  'currency.ingress',
] as const;

const retryRemedy = 'check that the PKS API is reachable from here, then check again';

/** `pks.login` from the plans read: only a not-logged-in answer is a login problem. */
function loginOf(plans: Read<Plan[]>): CheckResult {
  if (!(plans instanceof Error)) return checkLogin({ ok: true });
  if (plans instanceof PksError && plans.kind === 'not-logged-in')
    return checkLogin({ ok: false, message: plans.message, remedy: plans.remedy });
  return errored('pks.login', plans, retryRemedy);
}

/**
 * pks.login and pks.cluster, and what PKS says of the cluster and its network profile: three
 * reads at once (the plans read doubles as the login check, as `Pks.loggedIn` does).
 */
async function pksStatus(ctx: StatusContext) {
  const { pks } = ctx.systems;
  const answers = ctx.config.pks;
  const [plans, cluster, profile] = await Promise.all([
    settle(() => pks.plans()),
    settle(() => pks.cluster(answers.cluster)),
    settle(() => pks.networkProfile(answers.networkProfile)),
  ]);
  const login = loginOf(plans);
  if (login.status !== 'pass')
    return { results: [login], profile: new Error('the PKS CLI cannot be used') };
  return {
    results: [
      login,
      cluster instanceof Error
        ? errored('pks.cluster', cluster, retryRemedy)
        : checkClusterStatus(cluster, plans, answers),
    ],
    ...(cluster instanceof Error || !cluster ? {} : { cluster }),
    profile,
  };
}

/** `k8s.reachable`: the kubeconfig context `pks get-credentials` wrote, and the API behind it. */
async function kubeAccess(
  ctx: StatusContext,
): Promise<{ result: CheckResult; kube?: Kube; version?: string }> {
  const { systems, config } = ctx;
  const cluster = config.pks.cluster;
  const context = await settle(() => systems.hasKubeContext(cluster));
  const remedy = `fetch credentials again: \`${cliName(config.pks)} get-credentials ${cluster}\``;
  if (context instanceof Error) return { result: errored('k8s.reachable', context, remedy) };
  if (!context)
    return {
      result: fail(
        'k8s.reachable',
        `no working kubeconfig context ${cluster} (never fetched here, or its credentials expired)`,
        remedy,
      ),
    };
  const kube = systems.kube();
  const version = await settle(() => kube.version());
  if (version instanceof Error) return { result: errored('k8s.reachable', version, remedy) };
  return { result: checkReachable(version, kube.server), kube, version };
}

/** The CA bundle to trust: the answers' file, or (unreadable here) what tls-ca holds. */
function trustOf(ctx: StatusContext, state: ClusterState | undefined): Trust | undefined {
  try {
    return { pem: readTlsFile(ctx.config.tls.caCerts).toString('utf8'), from: 'tls.caCerts' };
  } catch {
    const secret = state?.caSecret;
    const data = secret && !(secret instanceof Error) ? secret.data : undefined;
    const encoded = (data as Record<string, string> | undefined)?.[caSecretKey];
    return encoded === undefined
      ? undefined
      : { pem: Buffer.from(encoded, 'base64').toString('utf8'), from: 'secret tls-ca' };
  }
}

function fileOrNothing(path: string): Buffer | undefined {
  try {
    return readTlsFile(path);
  } catch {
    return undefined;
  }
}

/** The virtual server's IP: the Service's now, else (no cluster API) the one the install recorded. */
function vipOf(state: ClusterState | undefined, recorded: string | undefined) {
  const svc = state?.controller.service;
  const ip =
    svc && !(svc instanceof Error)
      ? virtualServerAddresses(loadBalancerIps(svc)).forDns
      : undefined;
  if (ip) return { ip, what: 'the virtual server' };
  if (!state && recorded) return { ip: recorded, what: 'the virtual server the install recorded' };
  return undefined;
}

/** NCP's own words on an errored controller Service: the NSXError it names, if it made one. */
async function nsxErrorOf(kube: Kube, state: ClusterState): Promise<string | undefined> {
  const svc = state.controller.service;
  if (svc instanceof Error || !ncpError(svc)) return undefined;
  const name = nsxErrorName(svc);
  if (!name) return undefined;
  const found = await settle(() => kube.get(nsxErrorRef(name)));
  return found instanceof Error ? undefined : nsxErrorMessage(found);
}

/** What the cluster's API and helm said, when the API could be reached. */
async function readCluster(ctx: StatusContext, kube: Kube, version: string) {
  const { systems, config } = ctx;
  const controller = ingressControllerOf(config);
  const [state, [rancherRelease, controllerRelease], currency] = await Promise.all([
    readClusterState(kube, controller),
    readReleases(systems.helm, ['rancher', controller.release]),
    readCurrency(systems.helm, config, version),
  ]);
  return { kube, version, state, rancherRelease, controllerRelease, currency };
}

/**
 * The cluster's API, then the load balancer: the virtual server's IP comes from the Service
 * (else from the install's record), and what answers there is asked once each.
 */
async function clusterAndWire(ctx: StatusContext) {
  const { systems, config, facts } = ctx;
  const access = await kubeAccess(ctx);
  const read =
    access.kube && access.version ? await readCluster(ctx, access.kube, access.version) : undefined;
  const state = read?.state;
  const vip = vipOf(state, facts?.vip);
  const trust = trustOf(ctx, state);
  const crashing = state && crashLooping(state);
  const hostname = config.rancher.hostname;
  const probe = (path: string): Promise<ProbeResult | undefined> =>
    vip && trust
      ? systems.probe({ ip: vip.ip, hostname, caPem: trust.pem, path })
      : Promise.resolve(undefined);
  const [served, ping, healthz, crashLog, nsxError] = await Promise.all([
    vip ? systems.servedCertificate({ ip: vip.ip, hostname }) : undefined,
    probe('/ping'),
    probe('/healthz'),
    crashing ? settle(() => systems.podLog(namespace, crashing)) : undefined,
    read ? nsxErrorOf(read.kube, read.state) : undefined,
  ]);
  return {
    access,
    read,
    vip,
    trust,
    served,
    ping,
    healthz,
    crashLog:
      crashing && typeof crashLog === 'string' ? { pod: crashing, log: crashLog } : undefined,
    nsxError,
  };
}

/**
 * Every `status` check, read-only: PKS, the cluster's API, helm, DNS and the load balancer,
 * each asked once and the independent ones at the same time. Without the cluster's API the
 * checks that need it are skipped; DNS and HTTPS still run, against the VIP the install recorded.
 */
export async function runStatusChecks(ctx: StatusContext): Promise<CheckResult[]> {
  const { config, systems, facts } = ctx;
  const now = ctx.now ?? new Date();
  const [pks, seen, apiDns, rancherDns] = await Promise.all([
    pksStatus(ctx),
    clusterAndWire(ctx),
    systems.resolveAEach(config.pks.externalHostname),
    systems.resolveAEach(config.rancher.hostname),
  ]);
  const wire = seen.vip && seen.served ? { vip: seen.vip.ip, served: seen.served } : undefined;
  const masterIp = pks.cluster?.masterIps[0] ?? facts?.masterIp;
  const results: CheckResult[] = [
    ...pks.results,
    seen.access.result,
    checkRecordEverywhere(
      'dns.cluster',
      config.pks.externalHostname,
      apiDns,
      masterIp ? { ip: masterIp, what: 'the master IP' } : undefined,
      'the master IP is not known (see pks.cluster)',
    ),
    checkRecordEverywhere(
      'dns.rancher',
      config.rancher.hostname,
      rancherDns,
      seen.vip,
      'the virtual-server IP is not known (see ingress.vip)',
    ),
    checkServed(wire, config, seen.trust, fileOrNothing(config.tls.cert), now),
    checkExpiry(wire, config, now),
    checkRancherAnswer('https.ping', wire, seen.ping, config),
    checkRancherAnswer('https.healthz', wire, seen.healthz, config),
  ];
  if (seen.read) {
    const { state, rancherRelease, controllerRelease, currency, version } = seen.read;
    const controller = ingressControllerOf(config).release;
    const reinstall = `run the install again (\`${commandLine('install', '--answers', 'F')}\`): it puts back what is missing`;
    results.push(
      checkNodes(state.nodes),
      checkRelease('rancher.release', 'rancher', rancherRelease, reinstall),
      checkRancherPods(state, config, seen.crashLog, now),
      checkSpread(state, config),
      checkServerUrl(state, config),
      checkLocalCluster(state, config),
      checkRancherCacerts(state, config),
      checkRelease('ingress.release', controller, controllerRelease, reinstall),
      checkControllerPods(state, config),
      checkVip(state, config, seen.served, facts?.vip, seen.nsxError),
      checkPool(state, config),
      checkNamespaces(state, pks.profile, ctx.podIpBlockPrefix),
      checkVirtualServers(state, pks.profile, config),
      checkRancherCurrency(rancherRelease, currency.rancher, config, version),
      checkControllerCurrency(
        controllerRelease,
        currency.controller,
        config,
        version,
        ctx.sessionId,
      ),
    );
  }
  const byId = new Map(results.map((r) => [r.id, r]));
  const noApi = 'the cluster API cannot be reached (see k8s.reachable)';
  const noPks = 'the PKS CLI cannot be used (see pks.login)';
  return statusCheckIds.map((id) => byId.get(id) ?? skip(id, id === 'pks.cluster' ? noPks : noApi));
}
