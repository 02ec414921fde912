import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../shared/package-root.js';
import { shellQuote } from '../shared/shell-quote.js';
import type { ControlServer } from './control-server.js';
import type { Env } from '../shared/env.js';

/** What `DIR/lab.json` records, for `lab dns add` and `lab down`. */
export interface LabInfo {
  pid: number;
  controlUrl: string;
  controlToken: string;
  dnsServer: string;
  ingressHttpsPort: number;
  /** `127.N.0.0/16`: where the lab's masters, virtual servers and PKS API listen. */
  addressRange: string;
  timescale: number;
  /** With --oidc: the PKS API (UAA) URL and its CA file. */
  pksApiUrl?: string;
  pksApiCa?: string;
  /** With --edge-clusters: DIR/edge-inventory.yaml. */
  edgeInventory?: string;
}

export interface EnvFileInput {
  dir: string;
  dnsServer: string;
  ingressHttpsPort: number;
}

/** The built shim (dist/lab/shim.js): a fast, dependency-free script the fake CLIs exec. */
function findShim(): string {
  return join(packageRoot(), 'dist', 'lab', 'shim.js');
}

const shimScript = findShim();

/** DIR/bin/{pks,tkgi,helm}: thin clients that hand the call to the running lab. */
export function writeShims(
  dir: string,
  control: Pick<ControlServer, 'url' | 'token'>,
  options: { oidc?: boolean } = {},
): void {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true, mode: 0o700 });
  for (const tool of ['pks', 'tkgi', 'helm']) {
    const script = [
      '#!/bin/sh',
      '# rancher-pks-tui lab: this command runs inside the lab process.',
      `RANCHER_PKS_TUI_LAB_CONTROL=${shellQuote(control.url)}`,
      `RANCHER_PKS_TUI_LAB_TOKEN=${shellQuote(control.token)}`,
      // With OIDC, get-credentials asks for the password: the shim reads it for the lab.
      `RANCHER_PKS_TUI_LAB_OIDC=${options.oidc ? '1' : "''"}`,
      'export RANCHER_PKS_TUI_LAB_CONTROL RANCHER_PKS_TUI_LAB_TOKEN RANCHER_PKS_TUI_LAB_OIDC',
      `exec ${shellQuote(process.execPath)} ${shellQuote(shimScript)} ${tool} "$@"`,
      '',
    ].join('\n');
    const file = join(bin, tool);
    writeFileSync(file, script, { mode: 0o700 });
    chmodSync(file, 0o700);
  }
}

/** DIR/rancher-token: an admin API key of the lab's Rancher; env.sh exports it as RANCHER_TOKEN. */
export function rancherTokenPath(dir: string): string {
  return join(dir, 'rancher-token');
}

/** The variables a lab user needs, besides PATH (which gets DIR/bin in front). */
export function labVariables(input: EnvFileInput): Record<string, string> {
  const dir = resolve(input.dir);
  return {
    KUBECONFIG: join(dir, 'kubeconfig'),
    RANCHER_PKS_TUI_DNS_SERVERS: input.dnsServer,
    RANCHER_PKS_TUI_INGRESS_HTTPS_PORT: String(input.ingressHttpsPort),
    RANCHER_PKS_TUI_LAB_DIR: dir,
    HELM_REPOSITORY_CONFIG: join(dir, 'helm', 'repositories.yaml'),
    HELM_REPOSITORY_CACHE: join(dir, 'helm', 'cache'),
    // kubectl keeps discovery and HTTP caches under ~/.kube/cache by host:port unless
    // KUBECACHEDIR says (k8s.io/cli-runtime genericclioptions): a lab that later takes the same
    // address must not read another lab's API list.
    KUBECACHEDIR: join(dir, 'kube-cache'),
  };
}

/** The process environment with the lab in it: what sourcing env.sh gives a shell. */
export function labEnvironment(input: EnvFileInput, base: NodeJS.ProcessEnv): Env {
  const token = readRancherToken(input.dir);
  return {
    ...base,
    PATH: `${join(resolve(input.dir), 'bin')}:${base.PATH ?? ''}`,
    ...labVariables(input),
    ...(token ? { RANCHER_TOKEN: token } : {}),
  };
}

/** DIR/rancher-token's key, once the lab's Rancher has started; undefined before. */
export function readRancherToken(dir: string): string | undefined {
  try {
    return readFileSync(rancherTokenPath(resolve(dir)), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

export function envFileText(input: EnvFileInput): string {
  const variables = labVariables(input);
  const tokenFile = shellQuote(rancherTokenPath(resolve(input.dir)));
  const lines = [
    '# rancher-pks-tui lab environment: . ./env.sh',
    `PATH=${shellQuote(join(resolve(input.dir), 'bin'))}:"$PATH"`,
    ...Object.entries(variables).map(([k, v]) => `${k}=${shellQuote(v)}`),
    `export PATH ${Object.keys(variables).join(' ')}`,
    // The lab's Rancher writes an admin API key there once it has started.
    `if [ -f ${tokenFile} ]; then RANCHER_TOKEN=$(cat ${tokenFile}); export RANCHER_TOKEN; fi`,
    '',
  ];
  return lines.join('\n');
}

export function writeEnvFile(input: EnvFileInput): void {
  mkdirSync(join(input.dir, 'helm'), { recursive: true, mode: 0o700 });
  writeFileSync(join(input.dir, 'env.sh'), envFileText(input), { mode: 0o600 });
}

export function writeLabInfo(dir: string, info: LabInfo): void {
  const file = join(dir, 'lab.json');
  writeFileSync(file, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
}

export function labInfoPath(dir: string): string {
  return join(dir, 'lab.json');
}
