import { readTlsFile } from '../../systems/tls.js';
import { stringify } from 'yaml';
import type { Config } from '../../config/config.js';
import { PermanentError } from '../../systems/errors.js';
import type { KubeObject } from '../../systems/kube.js';
import type { Stage, Step, StepContext } from '../step.js';
import { sameContent } from '../same-content.js';
import { waitFor } from '../wait.js';
import { tlsSecretName } from './certificates.js';
import { ingressChart, namespace } from './charts.js';
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

export const ingressName = 'rancher';

function controllerValues(): Record<string, string> {
  return { 'controller.kind': 'DaemonSet' };
}

const controller: Step = {
  id: 'ingress.controller',
  title: 'ingress-nginx controller (DaemonSet)',
  async isDone(ctx) {
    const chart = ingressChart;
    return releaseMatches(ctx, chart.release, controllerValues());
  },
  async run(ctx) {
    const chart = ingressChart;
    ctx.progress(`helm upgrade --install ${chart.release} ${chart.chart}`);
    await ctx.systems.helm.upgradeInstall({
      release: chart.release,
      chart: chart.chart,
      namespace,
      set: controllerValues(),
      createNamespace: true,
      wait: false,
    });
  },
  runbook: () => [
    {
      kind: 'command',
      argv: [
        'helm',
        'upgrade',
        '--install',
        'ingress-nginx',
        'ingress-nginx/ingress-nginx',
        '-n',
        namespace,
        '--set',
        'controller.kind=DaemonSet',
        '--wait',
        '--timeout',
        '10m',
      ],
      note: helm4Note,
    },
  ],
};

async function controllerPods(ctx: StepContext) {
  const chart = ingressChart;
  const ds = await ctx.systems
    .kube()
    .get({ apiVersion: 'apps/v1', kind: 'DaemonSet', namespace, name: chart.daemonSet });
  const desired = ds?.status?.desiredNumberScheduled ?? 0;
  const ready = ds?.status?.numberReady ?? 0;
  return { desired, ready, done: desired > 0 && ready === desired };
}

const controllerReady: Step = {
  id: 'ingress.controller-ready',
  title: 'Controllers ready on every worker',
  async run(ctx) {
    await waitFor(ctx, {
      what: 'the ingress-nginx controller pods',
      timeoutMs: ctx.timing.rolloutMs,
      remedy: `check \`kubectl -n ${namespace} get po -o wide\` and \`kubectl -n ${namespace} describe ds\`, then resume`,
      check: async () => {
        const p = await controllerPods(ctx);
        return { done: p.done, message: `controllers ready ${p.ready}/${p.desired}` };
      },
    });
  },
  runbook: () => [
    { kind: 'command', argv: ['kubectl', '-n', namespace, 'get', 'po', '-o', 'wide', '-L', 'app'] },
  ],
};

/** The controller Service as NSX-T sees it, shown on the virtual-server panel. */
async function virtualServer(ctx: StepContext) {
  const chart = ingressChart;
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

const vip: Step = {
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

const rancherDns = dnsRecordStep({
  id: 'ingress.dns',
  title: 'Rancher hostname resolves',
  name: (c) => c.rancher.hostname,
  expected: (ctx) => ctx.facts.vip,
  why: 'browsers and Rancher agents reach Rancher by this name, through the NSX-T virtual server',
  timeout: (ctx) => ctx.timing.dnsRecordMs,
});

/** The walkthrough's Ingress, today's API: networking.k8s.io/v1 with class nginx and TLS. */
export function rancherIngress(config: Config): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: ingressName,
      namespace,
      annotations: {
        // Keeps NSX-T's NCP away from it, as the walkthrough explains.
        'kubernetes.io/ingress.class': 'nginx',
        // What the Rancher chart sets for nginx: long-lived websockets to agents.
        'nginx.ingress.kubernetes.io/proxy-connect-timeout': '30',
        'nginx.ingress.kubernetes.io/proxy-read-timeout': '1800',
        'nginx.ingress.kubernetes.io/proxy-send-timeout': '1800',
      },
    },
    spec: {
      ingressClassName: 'nginx',
      rules: [
        {
          host: config.rancher.hostname,
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: 'rancher', port: { number: 80 } } },
              },
            ],
          },
        },
      ],
      tls: [{ hosts: [config.rancher.hostname], secretName: tlsSecretName }],
    },
  };
}

export function sameIngress(wanted: KubeObject) {
  return (current: KubeObject) =>
    sameContent(current.spec, wanted.spec) &&
    Object.entries(wanted.metadata?.annotations ?? {}).every(
      ([k, v]) => current.metadata?.annotations?.[k] === v,
    );
}

const ingressResource: Step = {
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
  });
}

const probe: Step = {
  id: 'ingress.probe',
  title: 'HTTPS serves the certificate (trusted)',
  async run(ctx) {
    await waitFor(ctx, {
      what: `https://${ctx.config.rancher.hostname} to present its certificate`,
      timeoutMs: ctx.timing.probeMs,
      remedy: `check \`kubectl -n ${namespace} get ingress,secret\`; the TLS secret must be in ${namespace}`,
      check: async () => {
        const r = await probeRancher(ctx, '/');
        if (r.fakeCertificate)
          return {
            done: false,
            message:
              'nginx serves "Kubernetes Ingress Controller Fake Certificate" (TLS secret not picked up yet)',
          };
        if (!r.tlsOk)
          return { done: false, message: r.tlsError ?? r.error ?? 'TLS handshake failed' };
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
    steps: [controller, controllerReady, vip, rancherDns, ingressResource, probe],
  };
}
