import type { ClusterRuntime, LabContext } from '../context.js';
import type { KubeObject } from '../kube/object.js';
import { loadBalancerIp } from '../ingress/controller-service.js';

/**
 * How long a change takes to reach DNS (simulated ms). external-dns syncs every `--interval`
 * (1m by default) and, with `--events`, soon after a change; the lab takes a few seconds.
 */
export const externalDnsDelayMs = 5000;

interface IngressTls {
  hosts?: string[];
}

/**
 * The names external-dns's `ingress` source takes from an Ingress: each rule's host and
 * each `tls[].hosts` entry (docs/sources/ingress.md; `--ignore-ingress-tls-spec` is off by
 * default). Wildcards are left out: the lab's zone has no wildcard records.
 */
function hostsOf(ingress: KubeObject): string[] {
  const rules = (ingress.spec?.rules as { host?: string }[] | undefined) ?? [];
  const tls = (ingress.spec?.tls as IngressTls[] | undefined) ?? [];
  const hosts = [...rules.map((r) => r.host), ...tls.flatMap((t) => t.hosts ?? [])];
  return [...new Set(hosts.filter((h): h is string => Boolean(h) && !h!.startsWith('*')))].map(
    (h) => h.toLowerCase().replace(/\.$/, ''),
  );
}

/**
 * What the source wants: host → the Ingress's load-balancer address. external-dns takes
 * every address in `status.loadBalancer.ingress` (source/ingress.go targetsFromIngressStatus);
 * the lab takes the first outside NSX-T's transit range only, so no client of the lab is
 * sent to an address off loopback (a deliberate difference: an NSX-T status listing the
 * transit address too gives a real record both). The oldest Ingress wins a name.
 */
function desiredRecords(ingresses: KubeObject[]): Map<string, string> {
  const wanted = new Map<string, string>();
  const oldestFirst = [...ingresses].sort((a, b) =>
    (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''),
  );
  for (const ingress of oldestFirst) {
    if (ingress.metadata.deletionTimestamp) continue;
    const ip = loadBalancerIp(ingress);
    if (!ip) continue;
    for (const host of hostsOf(ingress)) if (!wanted.has(host)) wanted.set(host, ip);
  }
  return wanted;
}

/**
 * external-dns with `--source=ingress --policy=sync` (sync is the default policy:
 * docs/flags.md "Modify how DNS records are synchronized between sources and providers
 * (default: sync, options: sync, upsert-only, create-only)"): records appear for Ingress
 * hosts once the Ingress has an address, follow it when it changes and go when the Ingress
 * or its address goes. Like its TXT registry, it touches only records it created: a name
 * someone else holds is left alone. Returns stop.
 */
export function startExternalDns(lab: LabContext, cluster: ClusterRuntime): () => void {
  if (!lab.options.dnsFromIngress) return () => {};
  const owned = new Map<string, string>();
  const refused = new Set<string>();
  let pending: (() => void) | undefined;

  function remove(name: string, ip: string): void {
    lab.dns.delete(name);
    owned.delete(name);
    lab.log(`dns: external-dns deleted ${name} A ${ip}`);
  }

  function publish(name: string, ip: string): void {
    if (!owned.has(name) && lab.dns.lookup(name)) {
      if (!refused.has(name)) lab.log(`dns: external-dns leaves ${name} alone: not its record`);
      refused.add(name);
      return;
    }
    lab.dns.set(name, [ip]);
    owned.set(name, ip);
    lab.log(`dns: external-dns set ${name} A ${ip}`);
  }

  function sync(): void {
    pending = undefined;
    const wanted = desiredRecords(cluster.store.list('networking.k8s.io/ingresses'));
    for (const [name, ip] of [...owned]) if (!wanted.has(name)) remove(name, ip);
    for (const [name, ip] of wanted) if (owned.get(name) !== ip) publish(name, ip);
  }

  function schedule(): void {
    pending ??= lab.clock.after(externalDnsDelayMs, sync);
  }

  const unsubscribe = cluster.store.subscribe((event) => {
    if (event.key === 'networking.k8s.io/ingresses') schedule();
  });
  schedule();
  return () => {
    unsubscribe();
    pending?.();
    pending = undefined;
  };
}
