import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import type { CliContext } from '../context.js';
import { PksCliError } from './errors.js';

/**
 * The kubeconfig user: a static token, or TKGI's OIDC user (docs-pks@1.19
 * manage-cluster-permissions.html.md.erb: `auth-provider: {name: oidc, config: {client-id:
 * pks_cluster_client, cluster_client_secret: "", id-token, idp-issuer-url, refresh-token}}`).
 */
export type KubeconfigCredentials =
  { token: string } | { 'auth-provider': { name: 'oidc'; config: Record<string, string> } };

/** One cluster's access, as `get-credentials` writes it. */
export interface KubeconfigEntry {
  name: string;
  server: string;
  caPem: string;
  user: string;
  credentials: KubeconfigCredentials;
}

interface Named {
  name: string;
  [key: string]: unknown;
}

interface Kubeconfig {
  apiVersion: string;
  kind: string;
  clusters: Named[];
  users: Named[];
  contexts: Named[];
  'current-context'?: string;
  [key: string]: unknown;
}

/** `$KUBECONFIG`'s first file (relative to the caller's cwd), else `$HOME/.kube/config`. */
export function kubeconfigPath(ctx: CliContext): string {
  const first = (ctx.env.KUBECONFIG ?? '').split(delimiter).find((p) => p !== '');
  if (first) return resolve(ctx.cwd, first);
  return resolve(ctx.env.HOME ?? homedir(), '.kube', 'config');
}

function namedList(value: unknown): Named[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (v): v is Named => typeof v === 'object' && v !== null && typeof v.name === 'string',
  );
}

function readKubeconfig(path: string): Kubeconfig {
  const empty: Kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [],
    users: [],
    contexts: [],
  };
  if (!existsSync(path)) return empty;
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new PksCliError(`error loading config file "${path}": ${(e as Error).message}`);
  }
  if (doc === null || doc === undefined) return empty;
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new PksCliError(`error loading config file "${path}": not a kubeconfig`);
  }
  const raw = doc as Record<string, unknown>;
  return {
    ...raw,
    apiVersion: typeof raw.apiVersion === 'string' ? raw.apiVersion : 'v1',
    kind: typeof raw.kind === 'string' ? raw.kind : 'Config',
    clusters: namedList(raw.clusters),
    users: namedList(raw.users),
    contexts: namedList(raw.contexts),
  };
}

/** Replaces the entry with the same name, or appends it. */
function upsert(list: Named[], entry: Named): Named[] {
  return [...list.filter((e) => e.name !== entry.name), entry];
}

/** Writes the cluster, user and context (and selects it), keeping everything else. */
export function mergeKubeconfig(path: string, entry: KubeconfigEntry): void {
  const config = readKubeconfig(path);
  config.clusters = upsert(config.clusters, {
    name: entry.name,
    cluster: {
      server: entry.server,
      'certificate-authority-data': Buffer.from(entry.caPem).toString('base64'),
    },
  });
  config.users = upsert(config.users, { name: entry.user, user: entry.credentials });
  config.contexts = upsert(config.contexts, {
    name: entry.name,
    context: { cluster: entry.name, user: entry.user },
  });
  config['current-context'] = entry.name;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, stringify(config), { mode: 0o600 });
  // The mode above only applies to a new file: credentials must not stay world-readable.
  chmodSync(path, 0o600);
}
