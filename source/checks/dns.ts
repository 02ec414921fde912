import type { Config } from '../config/config.js';
import type { ResolveResult } from '../systems/dns.js';
import { recordAction } from '../engine/desired/dns-record.js';
import { fail, pass, skip, warn, type CheckResult } from './check.js';

/** Live lookups with the configured resolvers (the ones the install's DNS steps use). */

/** NXDOMAIN or no A record: the name simply has no record yet (not a resolver problem). */
function noRecord(result: ResolveResult): boolean {
  return result.answers.length === 0 && /NXDOMAIN|no A record/i.test(result.error ?? '');
}

function resolverTrouble(id: string, name: string, result: ResolveResult): CheckResult {
  return warn(
    id,
    `${name}: the resolvers ${result.server} did not answer (${result.error ?? 'no answer'})`,
    'check dns.servers in the answers (or RANCHER_PKS_TUI_DNS_SERVERS) and that those servers are reachable from here',
  );
}

function shown(result: ResolveResult): string {
  return result.answers.join(', ');
}

/** `dns.cluster`: the API hostname resolves, to the master IP once the cluster has one. */
export function checkClusterDns(
  name: string,
  result: ResolveResult,
  masterIp: string | undefined,
): CheckResult {
  const id = 'dns.cluster';
  if (result.answers.length === 0 && !noRecord(result)) return resolverTrouble(id, name, result);
  if (!masterIp) {
    return result.answers.length
      ? pass(
          id,
          `${name} resolves to ${shown(result)}; once the cluster exists it must point at its master IP`,
        )
      : pass(
          id,
          `${name} has no record yet, as expected before the cluster has a master IP (the install shows the record to create)`,
        );
  }
  if (result.answers.includes(masterIp))
    return pass(id, `${name} resolves to the master IP ${masterIp}`);
  // No record yet: the install shows the one to create and waits for it (nothing to hold).
  if (result.answers.length === 0)
    return pass(
      id,
      `${name} has no record yet; the install shows the record to create (${name} → ${masterIp}) and waits for it`,
    );
  return fail(
    id,
    `${name} resolves to ${shown(result)}, not the master IP ${masterIp}`,
    `point the DNS A record ${name} at ${masterIp}`,
  );
}

/** `dns.rancher`: the Rancher hostname's current answer, against the ingress IP when known. */
export function checkRancherDns(
  name: string,
  result: ResolveResult,
  ingressIp: string | undefined,
): CheckResult {
  const id = 'dns.rancher';
  if (result.answers.length === 0 && !noRecord(result)) return resolverTrouble(id, name, result);
  if (!ingressIp) {
    return result.answers.length
      ? pass(
          id,
          `${name} resolves to ${shown(result)} (the ingress IP is not known yet; the install checks the record once NSX-T assigns it)`,
        )
      : pass(
          id,
          `${name} has no record yet, as expected before the ingress has its IP (the install shows the record to create)`,
        );
  }
  if (result.answers.includes(ingressIp))
    return pass(id, `${name} resolves to the ingress IP ${ingressIp}`);
  if (result.answers.length === 0)
    return pass(
      id,
      `${name} has no record yet; the install shows the record to create (${name} → ${ingressIp}) and waits for it`,
    );
  return warn(
    id,
    `${name} resolves to ${shown(result)}, not the ingress IP ${ingressIp}`,
    `the record ${name} points at ${shown(result)}; change it to ${ingressIp}`,
  );
}

export interface DnsFacts {
  masterIp?: string;
  ingressIp?: string;
}

export async function dnsChecks(
  resolve: (name: string) => Promise<ResolveResult>,
  config: Config,
  facts: DnsFacts,
): Promise<CheckResult[]> {
  const [api, rancher] = await Promise.all([
    resolve(config.pks.externalHostname),
    resolve(config.rancher.hostname),
  ]);
  return [
    checkClusterDns(config.pks.externalHostname, api, facts.masterIp),
    checkRancherDns(config.rancher.hostname, rancher, facts.ingressIp),
  ];
}

/**
 * `status`'s `dns.cluster` and `dns.rancher`: every configured resolver answers `name` with
 * `expected` and nothing else (split DNS and stale caches show resolver by resolver).
 * Unlike before an install, a missing record is a failure: people and agents use the name.
 */
export function checkRecordEverywhere(
  id: string,
  name: string,
  results: readonly ResolveResult[],
  expected: { ip: string; what: string } | undefined,
  unknownBecause: string,
): CheckResult {
  if (!expected) return skip(id, unknownBecause);
  const wrong = results.filter(
    (r) => !r.answers.includes(expected.ip) && (r.answers.length > 0 || noRecord(r)),
  );
  const silent = results.filter((r) => r.answers.length === 0 && !noRecord(r));
  const extra = results.filter((r) => r.answers.includes(expected.ip) && r.answers.length > 1);
  const target = `${expected.what} ${expected.ip}`;
  if (wrong.length > 0) {
    const said = wrong
      .map((r) => `${r.server} answers ${r.answers.length ? shown(r) : (r.error ?? 'nothing')}`)
      .join('; ');
    return fail(
      id,
      `${name} does not resolve to ${target}: ${said}`,
      `${recordAction(name, expected.ip, wrong[0]!.answers).remedy}${results.length > 1 ? ` (on every resolver: ${results.map((r) => r.server).join(', ')})` : ''}`,
    );
  }
  if (silent.length > 0) return resolverTrouble(id, name, silent[0]!);
  if (extra.length > 0)
    return warn(
      id,
      `${name} resolves to ${shown(extra[0]!)} on ${extra[0]!.server}: ${target}, and more (clients pick any of them)`,
      `remove the other addresses from the A record ${name}; keep only ${expected.ip}`,
    );
  return pass(
    id,
    `${name} → ${expected.ip} (${expected.what}) on ${results.map((r) => r.server).join(', ')}`,
  );
}
