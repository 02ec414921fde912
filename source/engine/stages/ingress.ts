import { readTlsFile } from '../../systems/tls.js';
import { commandLine } from '../../invocation.js';
import { stringify } from 'yaml';
import { PermanentError } from '../../systems/errors.js';
import type { KubeObject } from '../../systems/kube.js';
import type { Stage, Step, StepContext } from '../contract.js';
import { kubeChanges } from '../kube-changes.js';
import { waitFor } from '../wait.js';
import {
  ingressControllers,
  selectorText,
  type IngressController,
} from '../desired/ingress-controller.js';
import { ingressControllerOf } from '../desired/charts.js';
import { ingressName, namespace, rancherService } from '../desired/names.js';
import { rancherIngress, sameIngress } from '../desired/rancher-ingress.js';
import { dnsRecordStep } from './dns-record.js';
import { helm4Note, releaseMatches } from './releases.js';
import {
  isTransitAddress,
  loadBalancerIps,
  ncpError,
  ncpErrorRemedy,
  nsxErrorMessage,
  nsxErrorName,
  nsxErrorRef,
  virtualServerAddresses,
  virtualServerCapacity,
  virtualServersInUse,
  type VirtualServerAddresses,
} from '../desired/nsx-virtual-server.js';

/** The chosen controller's chart version: the Helm stage picked it and kept it in the session. */
function controllerVersion(ctx: StepContext): string | undefined {
  return ctx.facts.ingressChartVersion || ctx.config.ingress.chartVersion || undefined;
}

/**
 * The other controller's release, when this tool's namespace has one: switching is a
 * migration (new controller, Ingress moved, DNS changed, old removed), never a side effect.
 */
async function otherController(ctx: StepContext): Promise<IngressController | undefined> {
  const mine = ingressControllerOf(ctx.config);
  for (const other of Object.values(ingressControllers).filter((c) => c !== mine)) {
    const release = await ctx.systems.helm.release(other.release, namespace);
    if (release) return other;
  }
  return undefined;
}

/**
 * The chosen controller's release. The install refuses when the other controller fronts
 * Rancher (a switch is a migration); the migration installs beside it.
 */
export function controllerStep(options: { besideAnother: boolean }): Step {
  return { ...controller, run: (ctx) => installController(ctx, options.besideAnother) };
}

async function installController(ctx: StepContext, besideAnother: boolean): Promise<void> {
  const chosen = ingressControllerOf(ctx.config);
  const other = besideAnother ? undefined : await otherController(ctx);
  if (other)
    throw new PermanentError(
      `ingress.controller: ${other.label} already fronts Rancher here; the answers say ${chosen.label}`,
      `switching controllers is a migration: run \`${commandLine('migrate-ingress', '--to', chosen.name)}\` (or set ingress.controller: ${other.name}), then resume`,
    );
  const version = controllerVersion(ctx);
  ctx.progress(
    `helm upgrade --install ${chosen.release} ${chosen.chart} ${version ?? ''}${chosen.caveat ? ` (${chosen.label}: ${chosen.caveat})` : ''}`,
  );
  await ctx.systems.helm.upgradeInstall({
    release: chosen.release,
    chart: chosen.chart,
    namespace,
    ...(version ? { version } : {}),
    set: chosen.values(version ?? ''),
    createNamespace: true,
    wait: false,
    versionSetting: 'ingress.chartVersion',
  });
}

const controller: Step = {
  id: 'ingress.controller',
  title: 'Ingress controller (DaemonSet)',
  async isDone(ctx) {
    const chosen = ingressControllerOf(ctx.config);
    const version = controllerVersion(ctx);
    return releaseMatches(ctx, chosen.release, chosen.values(version ?? ''), version);
  },
  run: (ctx) => installController(ctx, false),
  runbook: (config) => {
    const chosen = ingressControllerOf(config);
    const version = config.ingress.chartVersion || '<VERSION>';
    return [
      {
        kind: 'command',
        argv: [
          'helm',
          'upgrade',
          '--install',
          chosen.release,
          chosen.chart,
          '-n',
          namespace,
          '--create-namespace',
          '--version',
          version,
          ...Object.entries(chosen.values(config.ingress.chartVersion || '99.0.0')).flatMap(
            ([k, v]) => ['--set', `${k}=${v}`],
          ),
        ],
        note: `${config.ingress.chartVersion ? '' : '<VERSION> is the one helm.chart-versions chose (the value paths follow its major); '}${helm4Note}`,
      },
    ];
  },
};

async function controllerPods(ctx: StepContext) {
  const chosen = ingressControllerOf(ctx.config);
  const ds = await ctx.systems
    .kube()
    .get({ apiVersion: 'apps/v1', kind: 'DaemonSet', namespace, name: chosen.daemonSet });
  const desired = ds?.status?.desiredNumberScheduled ?? 0;
  const ready = ds?.status?.numberReady ?? 0;
  return { ds, desired, ready, done: desired > 0 && ready === desired };
}

/** Traefik's flag for a respondingTimeouts value, as the chart renders it. */
function traefikFlag(ds: KubeObject | undefined, flag: string): string | undefined {
  const containers = (ds?.spec?.template?.spec?.containers ?? []) as { args?: string[] }[];
  const args = containers.flatMap((c) => c.args ?? []);
  return args.find((a) => a.startsWith(`--${flag}=`))?.slice(flag.length + 3);
}

/**
 * What Rancher needs from the proxy (X-Forwarded-Proto, WebSockets, long streams), read
 * back from the running controller rather than assumed from the values we sent.
 */
function rancherNeeds(ctx: StepContext, ds: KubeObject | undefined): string {
  const chosen = ingressControllerOf(ctx.config);
  if (chosen.name !== 'traefik')
    return 'X-Forwarded-Proto and WebSockets pass by default; the Ingress sets 1800 s proxy timeouts';
  const read = traefikFlag(ds, 'entryPoints.websecure.transport.respondingTimeouts.readTimeout');
  if (read !== '1800s')
    throw new PermanentError(
      `Traefik's websecure readTimeout is ${read ?? 'the default 60s'}: Rancher's log streams and shells would be cut`,
      'set ports.websecure.transport.respondingTimeouts.readTimeout=1800s on the traefik release (resume does), then resume',
    );
  return 'X-Forwarded-Proto set by Traefik, WebSockets pass by default, readTimeout 1800s';
}

export const controllerReady: Step = {
  id: 'ingress.controller-ready',
  title: 'Controllers ready on every worker',
  async run(ctx) {
    const chosen = ingressControllerOf(ctx.config);
    const ds = await waitFor(ctx, {
      what: `the ${chosen.label} controller pods`,
      timeoutMs: ctx.timing.rolloutMs,
      remedy: `check \`kubectl -n ${namespace} get po -o wide -l ${selectorText(chosen)}\` and \`kubectl -n ${namespace} describe ds ${chosen.daemonSet}\`, then resume`,
      wakeOn: kubeChanges(ctx, { apiVersion: 'apps/v1', kind: 'DaemonSet', namespace }),
      check: async () => {
        const p = await controllerPods(ctx);
        return {
          done: p.done,
          value: p.ds,
          message: `${chosen.label} controllers ready ${p.ready}/${p.desired}`,
        };
      },
    });
    ctx.progress(rancherNeeds(ctx, ds));
  },
  runbook: (config) => [
    {
      kind: 'command',
      argv: [
        'kubectl',
        '-n',
        namespace,
        'get',
        'po',
        '-o',
        'wide',
        '-l',
        selectorText(ingressControllerOf(config)),
      ],
    },
  ],
};

/** The controller Service as NSX-T sees it, shown on the virtual-server panel. */
export async function virtualServer(ctx: StepContext) {
  const chart = ingressControllerOf(ctx.config);
  const kube = ctx.systems.kube();
  const svc = await kube.get({ apiVersion: 'v1', kind: 'Service', namespace, name: chart.service });
  const endpoints = await kube.get({
    apiVersion: 'v1',
    kind: 'Endpoints',
    namespace,
    name: chart.service,
  });
  const members = (
    (endpoints?.subsets as { addresses?: { ip: string }[] }[] | undefined) ?? []
  ).flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
  const { items: services } = await kube.list('v1', 'Service');
  const loadBalancers = services.filter((s) => s.spec?.type === 'LoadBalancer').length;
  const error = ncpError(svc);
  const nsxError = error ? await readNsxError(ctx, svc) : undefined;
  const addresses = virtualServerAddresses(loadBalancerIps(svc));
  const lbSize = ctx.config.pks.lbSize;
  ctx.panel({
    kind: 'virtual-server',
    service: chart.service,
    ips: addresses.all,
    ...(addresses.forDns ? { dnsIp: addresses.forDns } : {}),
    members,
    ...(error ? { error: `${error.code}${nsxError ? ` — ${nsxError}` : ''}` } : {}),
    virtualServers: {
      used: virtualServersInUse(loadBalancers),
      lbSize,
      ...(virtualServerCapacity[lbSize] ? { capacity: virtualServerCapacity[lbSize] } : {}),
    },
  });
  return { svc, addresses, error, nsxError };
}

/** The NSXError object's message, when NCP made one (it does where the profile enables it). */
async function readNsxError(ctx: StepContext, svc: KubeObject | undefined) {
  const name = nsxErrorName(svc);
  if (!name) return undefined;
  try {
    return nsxErrorMessage(await ctx.systems.kube().get(nsxErrorRef(name)));
  } catch {
    return undefined; // no NSXError CRD on this cluster: the annotation says enough
  }
}

function addressesNote(addresses: VirtualServerAddresses): string {
  const dns = addresses.forDns;
  if (!dns) return `only NSX-T transit addresses so far (${addresses.all.join(', ')})`;
  if (addresses.all.length === 1) return `virtual server ${dns}`;
  const others = addresses.all.filter((ip) => ip !== dns);
  const why = others.map((ip) => (isTransitAddress(ip) ? `${ip} is NSX-T's transit address` : ip));
  return `virtual server ${addresses.all.join(', ')}: the DNS record needs ${dns} (${why.join('; ')})`;
}

export const vip: Step = {
  id: 'ingress.vip',
  title: 'NSX-T virtual-server IP',
  async isDone(ctx) {
    const { addresses } = await virtualServer(ctx);
    if (!addresses.forDns) return false;
    ctx.facts.vip = addresses.forDns;
    ctx.progress(addressesNote(addresses));
    return true;
  },
  async run(ctx) {
    const ip = await waitFor<string>(ctx, {
      what: 'NSX-T to assign the load balancer IP',
      timeoutMs: ctx.timing.loadBalancerMs,
      remedy: `check NCP (\`kubectl -n ${namespace} describe svc\`, \`kubectl get nsxerror\`) and the NSX-T load balancer's IP pool, then resume`,
      wakeOn: kubeChanges(ctx, { apiVersion: 'v1', kind: 'Service', namespace }),
      check: async () => {
        const { svc, addresses, error, nsxError } = await virtualServer(ctx);
        if (error) {
          throw new PermanentError(
            `NSX-T could not give ${svc?.metadata?.name} a virtual-server IP: ${error.key}=${error.code}${nsxError ? ` (NSXError: ${nsxError})` : ''}`,
            ncpErrorRemedy(error.code, ctx.config.pks.lbSize),
          );
        }
        return {
          done: addresses.forDns !== undefined,
          value: addresses.forDns,
          message: addresses.all.length ? addressesNote(addresses) : 'EXTERNAL-IP <pending>',
        };
      },
    });
    ctx.facts.vip = ip!;
  },
  runbook: () => [
    {
      kind: 'command',
      argv: ['kubectl', '-n', namespace, 'get', 'svc'],
      note: 'until EXTERNAL-IP shows the NSX-T virtual-server IP (not a 100.64.x.x transit address); on an error: kubectl get nsxerror',
    },
  ],
};

export const rancherDns = dnsRecordStep({
  id: 'ingress.dns',
  title: 'Rancher hostname resolves',
  name: (c) => c.rancher.hostname,
  expected: (ctx) => ctx.facts.vip,
  why: 'browsers and Rancher agents reach Rancher by this name, through the NSX-T virtual server',
  timeout: (ctx) => ctx.timing.dnsRecordMs,
});

export const ingressResource: Step = {
  id: 'ingress.resource',
  title: 'Ingress for Rancher (TLS)',
  async isDone(ctx) {
    const wanted = rancherIngress(ctx.config);
    const current = await ctx.systems
      .kube()
      .get({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', namespace, name: ingressName });
    return current !== undefined && sameIngress(wanted)(current);
  },
  async run(ctx) {
    const wanted = rancherIngress(ctx.config);
    ctx.progress(
      `ingress ${ingressName} ${await ctx.systems.kube().ensure(wanted, sameIngress(wanted))}`,
    );
  },
  runbook: (config) => [
    { kind: 'manifest', yaml: stringify(rancherIngress(config)), note: 'ingress.yaml' },
    { kind: 'command', argv: ['kubectl', 'apply', '-f', 'ingress.yaml'] },
  ],
};

export async function probeRancher(ctx: StepContext, path: string) {
  return ctx.systems.probe({
    ip: ctx.facts.vip!,
    hostname: ctx.config.rancher.hostname,
    caPem: readTlsFile(ctx.config.tls.caCerts).toString('utf8'),
    path,
    defaultCertificateCns: defaultCertificateCns(),
  });
}

/** What the controller serves for the Rancher hostname: its default certificate means no secret yet. */
export function defaultCertificateCns(): string[] {
  return Object.values(ingressControllers).map((c) => c.defaultCertificateCn);
}

async function rancherServiceExists(ctx: StepContext): Promise<boolean> {
  const ref = { apiVersion: 'v1', kind: 'Service', namespace, name: rancherService };
  return (await ctx.systems.kube().get(ref)) !== undefined;
}

export const probe: Step = {
  id: 'ingress.probe',
  title: 'HTTPS serves the certificate (trusted)',
  async run(ctx) {
    const chosen = ingressControllerOf(ctx.config);
    await waitFor(ctx, {
      what: `https://${ctx.config.rancher.hostname} to present its certificate`,
      timeoutMs: ctx.timing.probeMs,
      remedy: `check \`kubectl -n ${namespace} get ingress,secret\`; the TLS secret must be in ${namespace}`,
      check: async () => {
        const r = await probeRancher(ctx, '/');
        if (r.defaultCertificate)
          return {
            done: false,
            message: `${chosen.label} serves its default certificate "${chosen.defaultCertificateCn}" (the TLS secret is not picked up yet)`,
          };
        if (!r.tlsOk)
          return { done: false, message: r.tlsError ?? r.error ?? 'TLS handshake failed' };
        if (r.status === 404 && chosen.unknownHostBody.test(r.body ?? '')) {
          if (!chosen.routesMissingBackends && !(await rancherServiceExists(ctx)))
            return {
              done: true,
              message: `TLS verified (${r.certSubject}); HTTP 404 — ${chosen.label} routes ${ctx.config.rancher.hostname} once Rancher's Service exists (next stage)`,
            };
          return {
            done: false,
            message: `${chosen.label} answers 404 for ${ctx.config.rancher.hostname}: it has not taken the Ingress yet (class ${chosen.ingressClass})`,
          };
        }
        return {
          done: r.status !== undefined,
          message: `TLS verified (${r.certSubject}); HTTP ${r.status}${r.status === 503 ? ' — expected before Rancher runs' : ''}`,
        };
      },
    });
  },
  runbook: (config) => [
    {
      kind: 'command',
      argv: [
        'curl',
        '--cacert',
        config.tls.caCerts,
        '--resolve',
        `${config.rancher.hostname}:443:<VIP>`,
        `https://${config.rancher.hostname}/`,
      ],
      note: '503 is expected before Rancher runs; the TLS handshake must verify',
    },
  ],
};

export function ingressStage(): Stage {
  return {
    id: 'ingress',
    title: 'Ingress',
    // The Ingress before the DNS wait: automated DNS (external-dns, IPAM plug-ins) creates the
    // record only once an Ingress names the host.
    steps: [controller, controllerReady, vip, ingressResource, rancherDns, probe],
  };
}
