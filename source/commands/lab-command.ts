import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { UsageError } from '../exit-codes.js';
import { commandLine } from '../invocation.js';
import { parseTimescale } from './timescale.js';
import { faultSchema, type FaultSettings } from '../lab/faults.js';
import { labInfoPath, type LabInfo } from '../lab/lab-files.js';

interface UpOptions {
  dir: string;
  timescale: string;
  helm: string;
  kubeVersion: string;
  manualDns?: boolean;
  dnsFromIngress?: boolean;
  rancherHostname: string[];
  loggedOut?: boolean;
  oidc?: boolean;
  oidcTokenSeconds?: string;
  fault: string[];
  edgeClusters?: string;
  edgeOffline?: string;
  edgeOld?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseHelmMajor(value: string): 2 | 3 | 4 {
  if (value === '2' || value === '3' || value === '4') return Number(value) as 2 | 3 | 4;
  throw new UsageError(`--helm: "${value}" is not a Helm major version; use 2, 3 or 4`);
}

function parseKubeVersion(value: string): string {
  if (!/^v?\d+\.\d+\.\d+$/.test(value))
    throw new UsageError(`--kube-version: "${value}" is not a version; use e.g. v1.31.4`);
  return value.startsWith('v') ? value : `v${value}`;
}

/** `--fault api5xx=3`, `--fault lbNoIp`, `--fault lbNoIp=IP_POOL_NOT_FOUND`. */
export function parseFaults(items: string[]): FaultSettings {
  const raw: Record<string, unknown> = {};
  for (const item of items) {
    const [name = '', value] = item.split(/=(.*)/s, 2);
    if (value === undefined) raw[name] = true;
    else if (value === 'true' || value === 'false') raw[name] = value === 'true';
    else if (value !== '' && Number.isFinite(Number(value))) raw[name] = Number(value);
    else raw[name] = value;
  }
  const parsed = faultSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const known = Object.keys(faultSchema.shape).join(', ');
    const field =
      issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '');
    throw new UsageError(`--fault ${field}: ${issue.message}; known faults: ${known}`);
  }
  return parsed.data;
}

function parseTokenSeconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new UsageError(
      `--oidc-token-seconds: "${value}" is not a number of seconds; use e.g. 600 (the tile's default)`,
    );
  return seconds;
}

function parseCount(flag: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new UsageError(
      `${flag}: "${value}" is not a whole number from 0 to ${max}; use e.g. ${flag} 3`,
    );
  return n;
}

/** `--edge-clusters N [--edge-offline K] [--edge-old K]`; at most 1000 (the edge address range). */
function parseEdge(
  options: UpOptions,
): { count: number; offline: number; old: number } | undefined {
  const count = parseCount('--edge-clusters', options.edgeClusters, 1000);
  const offline = parseCount('--edge-offline', options.edgeOffline, count ?? 0) ?? 0;
  const old = parseCount('--edge-old', options.edgeOld, (count ?? 0) - offline) ?? 0;
  if (!count) {
    if (offline || old)
      throw new UsageError(
        '--edge-offline/--edge-old: they need --edge-clusters N; use e.g. --edge-clusters 10',
      );
    return undefined;
  }
  return { count, offline, old };
}

async function labUp(options: UpOptions): Promise<void> {
  const dir = resolve(options.dir);
  const timescale = parseTimescale(options.timescale);
  const helmMajor = parseHelmMajor(options.helm);
  const kubeVersion = parseKubeVersion(options.kubeVersion);
  const faults = parseFaults(options.fault);
  const idTokenSeconds = parseTokenSeconds(options.oidcTokenSeconds);
  const oidc = options.oidc || idTokenSeconds !== undefined;
  const edge = parseEdge(options);
  const { Lab, labUserPassword, pksApiCaPath } = await import('../lab/lab.js');
  const logFile = join(dir, 'lab.log');
  const log = (message: string) => {
    const line = `${new Date().toISOString()} ${message}`;
    process.stderr.write(line + '\n');
    try {
      appendFileSync(logFile, line + '\n', { mode: 0o600 });
    } catch {
      // The log file is a convenience; the lab runs on without it.
    }
  };
  const lab = await Lab.start({
    dir,
    timescale,
    helmMajor,
    kubeVersion,
    manualDns: options.manualDns ?? false,
    dnsFromIngress: options.dnsFromIngress ?? false,
    operatorHostnames: options.rancherHostname.length ? options.rancherHostname : undefined,
    loggedOut: options.loggedOut ?? false,
    faults,
    log,
    ...(oidc ? { oidc: idTokenSeconds ? { idTokenSeconds } : true } : {}),
    ...(edge ? { edge } : {}),
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the lab`);
    lab.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.stdout.write(
    [
      `lab ready`,
      `  environment:  . ${join(dir, 'env.sh')}`,
      `  DNS server:   ${lab.dnsServer}`,
      `  addresses:    ${lab.addressRange}`,
      `  timescale:    ${timescale}  (helm v${helmMajor}, kubernetes ${kubeVersion})`,
      `  faults file:  ${join(dir, 'faults.json')}`,
      ...(options.dnsFromIngress
        ? ['  DNS:          external-dns makes A records for Ingress hosts (--dns-from-ingress)']
        : []),
      ...(oidc
        ? [
            `  OIDC:         get-credentials needs the password: PKS_USER_PASSWORD=${labUserPassword}`,
            `  PKS API CA:   ${pksApiCaPath(dir)}  (${lab.pksApiUrl})`,
          ]
        : []),
      ...(lab.edges
        ? [
            `  edge:         ${lab.edges.clusters.size} clusters (${edge?.offline ?? 0} offline, ${edge?.old ?? 0} on an old Kubernetes), kubeconfigs in ${join(dir, 'edge')}`,
            `  inventory:    ${lab.edges.inventoryPath}`,
          ]
        : []),
      `  stop with Ctrl-C`,
      '',
    ].join('\n'),
  );
}

function readLabInfo(dirOption: string): LabInfo {
  const file = labInfoPath(resolve(dirOption));
  if (!existsSync(file))
    throw new UsageError(
      `--dir: no lab found in ${resolve(dirOption)}; start one with \`${commandLine('lab', 'up', '--dir', dirOption)}\``,
    );
  return JSON.parse(readFileSync(file, 'utf8')) as LabInfo;
}

function postToLab(info: LabInfo, path: string, body: unknown): Promise<void> {
  return new Promise((resolvePost, reject) => {
    const req = request(`${info.controlUrl}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${info.controlToken}`, 'Content-Type': 'application/json' },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200
          ? resolvePost()
          : reject(new Error(`the lab answered ${res.statusCode}`)),
      );
    });
    req.on('error', () =>
      reject(
        new UsageError(
          `--dir: the lab in that folder is not running; start it with \`${commandLine('lab', 'up', '--dir', 'DIR')}\``,
        ),
      ),
    );
    req.end(JSON.stringify(body));
  });
}

async function dnsAdd(name: string, ip: string, options: { dir: string }): Promise<void> {
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/i.test(name))
    throw new UsageError(`NAME: "${name}" is not a DNS name; use e.g. rancher.lab.test`);
  if (isIP(ip) !== 4)
    throw new UsageError(`IP: "${ip}" is not an IPv4 address; use e.g. 127.150.1.10`);
  await postToLab(readLabInfo(options.dir), '/dns', { name, ip });
  process.stdout.write(`A record ${name} → ${ip} added\n`);
}

async function dnsRemove(name: string, options: { dir: string }): Promise<void> {
  await postToLab(readLabInfo(options.dir), '/dns/remove', { name });
  process.stdout.write(`A record ${name} removed\n`);
}

function labDown(options: { dir: string }): void {
  const info = readLabInfo(options.dir);
  try {
    process.kill(info.pid, 'SIGTERM');
    process.stdout.write(`lab (pid ${info.pid}) stopping\n`);
  } catch {
    process.stdout.write(`lab (pid ${info.pid}) was not running\n`);
  }
}

export function labCommand(): Command {
  const lab = new Command('lab').description(
    'the simulated Enterprise PKS lab (tests, demos, your own automation)',
  );
  lab
    .command('up')
    .description(
      'run the lab in the foreground until Ctrl-C; writes DIR/env.sh and prints "lab ready"',
    )
    .requiredOption('--dir <dir>', 'folder for env.sh, bin/, kubeconfig, audit.jsonl')
    .option(
      '--timescale <factor>',
      'multiplies every simulated delay (1 = watchable, 0 = fastest)',
      '1',
    )
    .addOption(new Option('--helm <major>', 'the helm major version to simulate').default('3'))
    .option('--kube-version <version>', 'Kubernetes version of new clusters', 'v1.31.4')
    .option('--manual-dns', 'no simulated operator: add the Rancher A record with `lab dns add`')
    .option(
      '--dns-from-ingress',
      'a simulated external-dns makes A records for Ingress hosts (no simulated operator)',
    )
    .option(
      '--rancher-hostname <name>',
      'name the simulated operator points at the ingress IP (repeatable)',
      collect,
      [],
    )
    .option('--logged-out', 'start with the pks CLI logged out')
    .option(
      '--oidc',
      'UAA as the OIDC provider: get-credentials needs the password, cluster tokens expire',
    )
    .option(
      '--oidc-token-seconds <seconds>',
      'with --oidc: the ID token lifetime in simulated seconds (default 600); implies --oidc',
    )
    .option(
      '--fault <name[=value]>',
      'inject a fault (repeatable); see DIR/faults.json to change them live',
      collect,
      [],
    )
    .option(
      '--edge-clusters <n>',
      'N light downstream clusters to import (DIR/edge-inventory.yaml)',
    )
    .option('--edge-offline <k>', 'with --edge-clusters: the last K are offline sites')
    .option('--edge-old <k>', 'with --edge-clusters: K reachable ones run Kubernetes v1.23.17')
    .action(labUp);
  const dns = lab.command('dns').description("the lab's DNS server");
  dns
    .command('add <name> <ip>')
    .description('add an A record, as an operator would')
    .requiredOption('--dir <dir>', 'the lab folder')
    .action(dnsAdd);
  dns
    .command('remove <name>')
    .description("delete a name's A records, as an operator would after an uninstall")
    .requiredOption('--dir <dir>', 'the lab folder')
    .action(dnsRemove);
  lab
    .command('down')
    .description('stop a running lab')
    .requiredOption('--dir <dir>', 'the lab folder')
    .action(labDown);
  return lab;
}
