import net from 'node:net';
import { canBind, IpPlan } from './ip-plan.js';

/**
 * Which 127.N.0.0/16 a lab runs in. Several labs share one machine (a demo beside a
 * `lab up`, test runs side by side), and two in one range answer each other's
 * connections: as root both front their first virtual server on 127.N.1.10:443, so one
 * installer reads the other lab's certificate and waits until it gives up.
 *
 * A lab claims its range by listening on 127.N.255.254:claimPort for as long as it runs.
 * The kernel gives that address to one socket at a time, across processes and users,
 * and frees it however the process ends (even SIGKILL), so no lock file can go stale.
 * After claiming, it probes the addresses it will serve on: a range used by anything
 * that does not claim (a lab from before claims, another program) is skipped too.
 */

/** Ranges 127.100.0.0/16 to 127.199.0.0/16: clear of 127.0.0.1 and of the low ranges other tools use. */
export const firstOctet = 100;
export const rangeCount = 100;
/** Any fixed port works: only this tool listens on 127.N.255.254. */
export const claimPort = 47_999;

export interface AddressRange {
  readonly octet: number;
  /** `127.N.0.0/16`, for logs and lab.json. */
  readonly cidr: string;
  /** Lets the range go (idempotent). */
  release(): Promise<void>;
}

export interface ClaimOptions {
  /** The port every virtual server listens on (443 as root). */
  ingressHttpsPort: number;
  /** The octets to try, in order (default: all, shuffled). */
  octets?: number[];
}

export function claimAddress(octet: number): string {
  return `127.${octet}.255.254`;
}

/** Where this lab will listen in the range: its first masters, virtual servers, PKS API. */
export function probedAddresses(
  octet: number,
  ingressHttpsPort: number,
): { host: string; port: number }[] {
  const plan = new IpPlan(octet);
  const [master] = plan.masterIps(1);
  const vips = [plan.vip()!, plan.vip()!];
  const vipPorts = ingressHttpsPort === 443 ? [443, 80] : [ingressHttpsPort];
  return [
    { host: master!, port: IpPlan.kubeApiPort },
    { host: plan.pksApiIp(), port: IpPlan.kubeApiPort },
    ...vips.flatMap((host) => vipPorts.map((port) => ({ host, port }))),
  ];
}

/**
 * `RANCHER_PKS_TUI_LAB_RANGES=200-209`: the ranges labs of this process tree may take. Tests
 * that fill the ranges on purpose keep to a set of their own, so labs other tests start at
 * the same time are not crowded out.
 */
export const rangesVariable = 'RANCHER_PKS_TUI_LAB_RANGES';

/** The octets the variable allows, shuffled; undefined when it is not set (or not `A-B`). */
export function octetsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): number[] | undefined {
  const m = /^(\d{1,3})-(\d{1,3})$/.exec(env[rangesVariable]?.trim() ?? '');
  if (!m) return undefined;
  const [from, to] = [Number(m[1]), Number(m[2])];
  if (from < 1 || to > 254 || from > to) return undefined;
  return shuffled(Array.from({ length: to - from + 1 }, (_, i) => from + i));
}

function shuffled(values: number[]): number[] {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function allOctets(): number[] {
  return Array.from({ length: rangeCount }, (_, i) => firstOctet + i);
}

/** Listens on the range's claim address; the error code when someone else holds it. */
function listenClaim(octet: number): Promise<net.Server | string> {
  return new Promise((resolve) => {
    // Nobody is meant to connect; anyone who does is let go at once.
    const server = net.createServer((socket) => socket.destroy());
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    server.listen({ host: claimAddress(octet), port: claimPort, exclusive: true }, () => {
      // The claim alone must not keep a process alive.
      server.unref();
      resolve(server);
    });
  });
}

function closeServer(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

async function allFree(octet: number, ingressHttpsPort: number): Promise<boolean> {
  for (const { host, port } of probedAddresses(octet, ingressHttpsPort))
    if (!(await canBind(host, port))) return false;
  return true;
}

/** Claims the first free range; throws one line saying why when none is. */
export async function claimAddressRange(options: ClaimOptions): Promise<AddressRange> {
  const octets = options.octets ?? shuffled(allOctets());
  const refusals = new Set<string>();
  for (const octet of octets) {
    const claim = await listenClaim(octet);
    if (typeof claim === 'string') {
      refusals.add(claim);
      continue;
    }
    if (!(await allFree(octet, options.ingressHttpsPort))) {
      refusals.add('in use');
      await closeServer(claim);
      continue;
    }
    let released: Promise<void> | undefined;
    return {
      octet,
      cidr: `127.${octet}.0.0/16`,
      release: () => (released ??= closeServer(claim)),
    };
  }
  throw new Error(noRangeMessage(octets, refusals));
}

function noRangeMessage(octets: number[], refusals: Set<string>): string {
  const tried = octets.length === 1 ? `127.${octets[0]}.0.0/16` : `${octets.length} ranges`;
  if (refusals.has('EADDRNOTAVAIL'))
    return `lab: cannot listen on ${tried} (EADDRNOTAVAIL); the lab needs all of 127.0.0.0/8 on the loopback interface, as Linux has it`;
  return `lab: every loopback range it can use (${tried}, 127.N.0.0/16) is taken by other labs or programs; stop one (\`lab down --dir DIR\`) and start again`;
}
