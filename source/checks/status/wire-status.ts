import type { Config } from '../../config/config.js';
import { ingressControllerOf } from '../../engine/desired/charts.js';
import { ingressControllers } from '../../engine/desired/ingress-controller.js';
import {
  ingressName,
  namespace,
  rancherService,
  tlsSecretName,
} from '../../engine/desired/names.js';
import { commandLine } from '../../invocation.js';
import type { ProbeResult, ServedCertificate } from '../../systems/https.js';
import {
  certificatesIn,
  checkChain,
  checkHostname,
  checkValidity,
  describe,
  describeIssuer,
  dnsNames,
} from '../../systems/tls.js';
import { fail, pass, skip, warn, type CheckResult } from '../check.js';

/**
 * What a browser or a Rancher agent gets through the load balancer: the certificate served
 * for the hostname, judged by the same rules as the certificate files before the install
 * (systems/tls), and Rancher's own answers to `/ping` and `/healthz`.
 */

/** The CA bundle the checks trust: the answers' file, else (unreadable here) the tls-ca secret. */
export interface Trust {
  pem: string;
  from: string;
}

/** The connection to the virtual server, when there was one to make. */
export interface Wire {
  vip: string;
  served: ServedCertificate;
}

function unreachable(wire: Wire | undefined): string | undefined {
  if (!wire) return 'no virtual-server IP to connect to (see ingress.vip)';
  if (wire.served.error) return `nothing answers at the virtual server (see ingress.vip)`;
  return undefined;
}

const defaultCns = Object.values(ingressControllers).map((c) => c.defaultCertificateCn);

/** `kubectl … create secret tls … | kubectl apply -f -`: how Rancher's docs replace it. */
function putBack(config: Config): string {
  return `\`kubectl -n ${namespace} create secret tls ${tlsSecretName} --cert=${config.tls.cert} --key=${config.tls.key} --dry-run=client -o yaml | kubectl apply -f -\``;
}

/**
 * `tls.served`: the certificate served for the hostname (SNI) is not the controller's
 * default, covers the hostname, and verifies up to the CA bundle; it should also be the
 * answers' `tls.cert`, or a re-run of the install would put that one back.
 */
export function checkServed(
  wire: Wire | undefined,
  config: Config,
  trust: Trust | undefined,
  answersCert: Buffer | undefined,
  now: Date = new Date(),
): CheckResult {
  const id = 'tls.served';
  const host = config.rancher.hostname;
  const why = unreachable(wire);
  if (why) return skip(id, why);
  const chain = Buffer.from(wire!.served.chainPem ?? '');
  const [leaf] = certificatesIn(chain);
  if (!leaf)
    return fail(id, `${host}: the server presented no readable certificate`, 'see ingress.pods');
  const served = `${host} is served ${describe(leaf)}, issued by ${describeIssuer(leaf)}`;
  const controller = ingressControllerOf(config);
  if (defaultCns.some((cn) => leaf.subject.split('\n').includes(`CN=${cn}`)))
    return fail(
      id,
      `${served}: ${controller.label}'s default certificate, so the TLS secret ${tlsSecretName} is not picked up`,
      `check \`kubectl -n ${namespace} get secret ${tlsSecretName}\` and the tls section of \`kubectl -n ${namespace} get ingress ${ingressName} -o yaml\``,
    );
  const mine = answersCert ? certificatesIn(answersCert)[0] : undefined;
  const replaced = mine !== undefined && mine.fingerprint256 !== leaf.fingerprint256;
  if (!trust)
    return warn(id, `${served}; no CA bundle to verify it against`, 'see rancher.cacerts');
  const chained = checkChain(chain, Buffer.from(trust.pem), now);
  if (chained.status === 'fail')
    return fail(
      id,
      `${served}, which does not verify against ${trust.from}: ${chained.message}`,
      replaced
        ? `secret ${tlsSecretName} no longer holds tls.cert (${config.tls.cert}): put a certificate your CA signed back with ${putBack(config)}`
        : chained.remedy,
    );
  const named = checkHostname(chain, host);
  if (named.status === 'fail') return fail(id, `${served}: ${named.message}`, named.remedy);
  const names = dnsNames(leaf)
    .map((n) => `DNS:${n}`)
    .join(', ');
  if (replaced)
    return warn(
      id,
      `${served} (${names}), verified against ${trust.from}, but it is not tls.cert (${config.tls.cert}): running the install again would put that one back`,
      `point tls.cert and tls.key in the answers at the certificate now in ${tlsSecretName}, or put tls.cert back with ${putBack(config)}`,
    );
  return pass(id, `${served} (${names}), verified against ${trust.from}`);
}

/** The day-2 command that puts renewed files in place, as the user would type it. */
function rotateLine(): string {
  return `\`${commandLine('rotate-certs', '--cert', 'NEW.cer', '--key', 'NEW.key', '--ca-certs', 'cacerts.pem')}\``;
}

/**
 * `tls.expiry`: the served chain's days left (warn within 30, fail within 7 or expired); the
 * remedy names `rotate-certs`, which replaces the secret and proves the new one is served.
 */
export function checkExpiry(
  wire: Wire | undefined,
  config: Config,
  now: Date = new Date(),
): CheckResult {
  const id = 'tls.expiry';
  const why = unreachable(wire);
  if (why) return skip(id, why);
  const chain = Buffer.from(wire!.served.chainPem ?? '');
  const finding = checkValidity(chain, now);
  const message = `served for ${config.rancher.hostname}: ${finding.message}`;
  if (finding.status === 'pass') return pass(id, message);
  if (finding.status === 'skip') return skip(id, finding.message);
  const remedy = `${finding.remedy}; then put it in place with ${rotateLine()}`;
  return finding.status === 'warn' ? warn(id, message, remedy) : fail(id, message, remedy);
}

/**
 * `https.ping` (`pong`) and `https.healthz` (`ok`): Rancher answers through the whole path,
 * DNS aside (the request goes to the virtual server with the hostname for SNI and Host).
 */
export function checkRancherAnswer(
  id: 'https.ping' | 'https.healthz',
  wire: Wire | undefined,
  result: ProbeResult | undefined,
  config: Config,
): CheckResult {
  const path = id === 'https.ping' ? '/ping' : '/healthz';
  const want = id === 'https.ping' ? 'pong' : 'ok';
  const why = unreachable(wire);
  if (why || !result) return skip(id, why ?? 'not asked');
  const url = `https://${config.rancher.hostname}${path}`;
  if (!result.tlsOk)
    return skip(
      id,
      `TLS to ${config.rancher.hostname} fails (see tls.served): ${result.tlsError ?? result.error ?? ''}`,
    );
  if (result.error)
    return fail(
      id,
      `GET ${url} via ${wire!.vip}: ${result.error}`,
      'see ingress.vip and ingress.pods',
    );
  const body = (result.body ?? '').trim();
  if (result.status === 200 && body === want)
    return pass(id, `GET ${url} → ${result.status} ${want} (via ${wire!.vip})`);
  const controller = ingressControllerOf(config);
  const said = `GET ${url} → ${result.status} ${JSON.stringify(body.slice(0, 60))}, not ${want}`;
  if (result.status === 503)
    return fail(
      id,
      `${said}: no ready Rancher pod behind the Ingress`,
      `see rancher.pods; \`kubectl -n ${namespace} get endpoints ${rancherService}\` lists the ready ones`,
    );
  if (result.status === 404 && controller.unknownHostBody.test(result.body ?? ''))
    return fail(
      id,
      `${said}: ${controller.label} has no route for ${config.rancher.hostname}`,
      `check the Ingress: \`kubectl -n ${namespace} get ingress ${ingressName} -o yaml\` (host ${config.rancher.hostname}, class ${controller.ingressClass}); running the install again recreates it`,
    );
  return fail(id, said, `read \`kubectl -n ${namespace} logs deploy/rancher\``);
}
