/** What a finished install tells the user: the model the UI renders, and the same as lines. */
import type { Config } from '../config/config.js';
import type { Facts } from './facts.js';
import { rancherRepo } from './desired/charts.js';
import { controllerOf } from './desired/ingress-controller.js';

export interface PodPlacement {
  pod: string;
  node: string;
}

/** An A record the install relies on, as the DNS step that checked it knows it. */
export interface DnsRecord {
  name: string;
  ip: string;
  /** What reaches what by this name. */
  purpose: string;
}

/** A chart the install deployed. */
export interface ChartInstalled {
  /** `Rancher`, `Traefik, the ingress controller`. */
  product: string;
  /** `rancher-stable/rancher`, `traefik/traefik`. */
  chart: string;
  /** Unknown only when the session never got as far as choosing it. */
  version?: string;
}

/** Something left for the user: what to do, and the command for it when there is one. */
export interface NextStep {
  text: string;
  /** Meant to be copied whole. */
  command?: string;
}

export interface SummaryModel {
  url: string;
  /** The NSX-T virtual server in front of the controller. */
  vip?: string;
  /** The records the DNS steps checked: the API hostname's and the Rancher hostname's. */
  dnsRecords: DnsRecord[];
  charts: ChartInstalled[];
  spread: PodPlacement[];
  /** Set when the pods share nodes they need not share. */
  spreadWarning?: string;
  nextSteps: NextStep[];
  transcriptPath: string;
}

export const bootstrapPasswordCommand = `kubectl -n cattle-system get secret bootstrap-secret -o go-template='{{.data.bootstrapPassword|base64decode}}{{"\\n"}}'`;

/**
 * The two names the install's DNS steps check (cluster.dns, ingress.dns): each is known
 * once its step found the address.
 */
function dnsRecords(config: Config, facts: Facts): DnsRecord[] {
  const records: (DnsRecord | undefined)[] = [
    facts.masterIp
      ? {
          name: config.pks.externalHostname,
          ip: facts.masterIp,
          purpose: 'Kubernetes API',
        }
      : undefined,
    facts.vip
      ? {
          name: config.rancher.hostname,
          ip: facts.vip,
          purpose: 'Rancher, via the NSX-T VIP',
        }
      : undefined,
  ];
  return records.filter((r): r is DnsRecord => r !== undefined);
}

function charts(config: Config, facts: Facts): ChartInstalled[] {
  const controller = controllerOf(config.ingress.controller);
  const version = (v: string | undefined) => (v ? { version: v } : {});
  return [
    {
      product: 'Rancher',
      chart: `${rancherRepo(config).name}/rancher`,
      ...version(facts.rancherChartVersion),
    },
    {
      product: `${controller.label}, the ingress controller`,
      chart: controller.chart,
      ...version(facts.ingressChartVersion),
    },
  ];
}

function drsStep(facts: Facts): NextStep {
  if (facts.drsMasters)
    return {
      text: `create two DRS anti-affinity rules in vCenter: one for the masters (${facts.drsMasters.join(' ')}), one for the workers (${(facts.drsWorkers ?? []).join(' ')})`,
    };
  return {
    text: 'create two DRS anti-affinity rules in vCenter, one for the masters, one for the workers; list their VMs with',
    command: facts.drsCommand ?? 'bosh -d service-instance_<UUID> vms',
  };
}

function nextSteps(url: string, facts: Facts): NextStep[] {
  return [
    {
      text: `open ${url} and log in with the bootstrap password (the one you set, or print Rancher's with the command); Rancher then asks for the admin password and the server URL`,
      command: bootstrapPasswordCommand,
    },
    drsStep(facts),
    {
      // Short: the finish step's line and the transcript hold the long form.
      text: `${facts.nsxCapacity ? `${facts.nsxCapacity}. ` : ''}Each Rancher project and user adds a namespace, and each takes a pod subnet and a SNAT IP from NSX-T: size the pod IP blocks for it`,
    },
  ];
}

/** What the summary screen shows, from the run's facts (the line reporter prints the same). */
export function summaryModel(config: Config, facts: Facts, transcriptPath: string): SummaryModel {
  const url = `https://${config.rancher.hostname}`;
  return {
    url,
    ...(facts.vip ? { vip: facts.vip } : {}),
    dnsRecords: dnsRecords(config, facts),
    charts: charts(config, facts),
    spread: facts.haSpread ?? [],
    ...(facts.haSpreadWarning ? { spreadWarning: facts.haSpreadWarning } : {}),
    nextSteps: nextSteps(url, facts),
    transcriptPath,
  };
}

/** `rancher.example.com.  IN  A  10.0.0.5  ; Rancher …`: a zone-file line, comment included. */
export function zoneLine(record: DnsRecord): string {
  return `${record.name}.  IN  A  ${record.ip}  ; ${record.purpose}`;
}

/** `rancher-stable/rancher 2.12.5 (Rancher)`. */
export function chartLine(chart: ChartInstalled): string {
  return `${chart.chart} ${chart.version ?? '(version not recorded)'} (${chart.product})`;
}

/** The summary as plain lines (the line reporter, and what stays in scrollback after the UI). */
export function summaryLines(config: Config, facts: Facts, transcriptPath: string): string[] {
  const model = summaryModel(config, facts, transcriptPath);
  return [
    `Rancher is up: ${model.url}`,
    ...(model.vip ? [`  NSX-T virtual server: ${model.vip}`] : []),
    ...(model.dnsRecords.length
      ? ['  DNS records (keep them):', ...model.dnsRecords.map((r) => `    ${zoneLine(r)}`)]
      : []),
    '  charts:',
    ...model.charts.map((c) => `    ${chartLine(c)}`),
    ...(model.spread.length
      ? [`  HA spread: ${model.spread.map((p) => `${p.pod} → ${p.node}`).join('; ')}`]
      : []),
    ...(model.spreadWarning ? [`  HA spread warning: ${model.spreadWarning}`] : []),
    '  next steps:',
    ...model.nextSteps.flatMap((step, index) => [
      `    ${index + 1}. ${step.text}`,
      ...(step.command ? [`       ${step.command}`] : []),
    ]),
    `  transcript: ${model.transcriptPath}`,
  ];
}
