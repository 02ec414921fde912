import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseDocument } from 'yaml';
import type { CliContext, ClusterRuntime, LabContext } from '../context.js';
import { HelmError } from './errors.js';
import { oidcToken, type OidcConfig } from './oidc-provider.js';

interface NamedCluster {
  name: string;
  cluster?: { server?: string };
}

interface NamedContext {
  name: string;
  context?: { cluster?: string; namespace?: string; user?: string };
}

interface NamedUser {
  name: string;
  user?: { token?: string; 'auth-provider'?: { name?: string; config?: OidcConfig } };
  /** The file it came from: client-go persists refreshed tokens there. */
  file?: string;
}

interface Kubeconfig {
  'current-context'?: string;
  clusters?: NamedCluster[];
  contexts?: NamedContext[];
  users?: NamedUser[];
}

export interface KubeTarget {
  cluster: ClusterRuntime;
  /** The server URL the kubeconfig names, for error messages. */
  server: string;
  /** The context's namespace, when it sets one. */
  namespace?: string;
}

export interface KubeFlags {
  kubeconfig?: string;
  kubeContext?: string;
}

/** client-go's answer when nothing is configured: it falls back to localhost:8080. */
const noConfigServer = 'http://localhost:8080';

function kubeconfigPaths(ctx: CliContext, flags: KubeFlags): string[] {
  if (flags.kubeconfig) return [resolve(ctx.cwd, flags.kubeconfig)];
  const fromEnv = ctx.env.KUBECONFIG;
  if (fromEnv)
    return fromEnv
      .split(':')
      .filter(Boolean)
      .map((p) => resolve(ctx.cwd, p));
  const home = ctx.env.HOME;
  return home ? [join(home, '.kube', 'config')] : [];
}

/** Merges the files the way client-go does for the parts helm uses: first one wins. */
function loadKubeconfig(paths: string[], explicit: boolean): Kubeconfig | undefined {
  const merged: Kubeconfig = { clusters: [], contexts: [], users: [] };
  let found = false;
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      if (explicit) throw new HelmError(`stat ${path}: no such file or directory`);
      continue;
    }
    found = true;
    const doc = (parse(text) ?? {}) as Kubeconfig;
    merged['current-context'] ??= doc['current-context'];
    merged.clusters!.push(...(doc.clusters ?? []));
    merged.contexts!.push(...(doc.contexts ?? []));
    merged.users!.push(...(doc.users ?? []).map((u) => ({ ...u, file: path })));
  }
  return found ? merged : undefined;
}

function dialTarget(server: string): string {
  const url = new URL(server);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const host = url.hostname === 'localhost' ? '127.0.0.1' : url.hostname;
  return `${host}:${port}`;
}

/** Real helm 3.18 writes "Kubernetes cluster unreachable", 4.1.4 "kubernetes" (run against a closed port). */
export function unreachableText(major: number): string {
  return `${major === 4 ? 'k' : 'K'}ubernetes cluster unreachable`;
}

/** Helm 3/4: the client's first request is GET /version. */
export function unreachable(server: string, major = 3): HelmError {
  return new HelmError(
    `${unreachableText(major)}: Get "${server.replace(/\/$/, '')}/version": dial tcp ${dialTarget(server)}: connect: connection refused`,
  );
}

/** Helm 2: the client's first request looks for the Tiller pod. */
export function tillerUnreachable(server: string, tillerNamespace: string): HelmError {
  const url = `${server.replace(/\/$/, '')}/api/v1/namespaces/${tillerNamespace}/pods?labelSelector=app%3Dhelm%2Cname%3Dtiller`;
  return new HelmError(`Get ${url}: dial tcp ${dialTarget(server)}: connect: connection refused`);
}

interface Selected {
  server: string;
  namespace?: string;
  user?: NamedUser;
}

/** The server URL and namespace of the selected context, without contacting it. */
export function resolveServer(ctx: CliContext, flags: KubeFlags, major = 3): Selected {
  const config = loadKubeconfig(kubeconfigPaths(ctx, flags), Boolean(flags.kubeconfig));
  if (!config) return { server: noConfigServer };
  const contextName = flags.kubeContext ?? config['current-context'];
  if (!contextName) return { server: noConfigServer };
  const context = config.contexts?.find((c) => c.name === contextName);
  if (!context) {
    throw new HelmError(`${unreachableText(major)}: context "${contextName}" does not exist`);
  }
  const cluster = config.clusters?.find((c) => c.name === context.context?.cluster);
  const server = cluster?.cluster?.server;
  if (!server) {
    throw new HelmError(
      `${unreachableText(major)}: invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable`,
    );
  }
  // client-go: the first user of that name wins.
  const user = config.users?.find((u) => u.name === context.context?.user);
  return { server, namespace: context.context?.namespace, ...(user ? { user } : {}) };
}

/** client-go's persister: the new auth-provider config goes back to the user's file. */
function persistOidc(user: NamedUser, config: OidcConfig): void {
  if (!user.file) return;
  const doc = parseDocument(readFileSync(user.file, 'utf8'));
  const users = doc.get('users') as { items?: { get(k: string): unknown }[] } | undefined;
  const index = (users?.items ?? []).findIndex((u) => u.get('name') === user.name);
  if (index < 0) return;
  for (const [key, value] of Object.entries(config)) {
    if (value !== undefined)
      doc.setIn(['users', index, 'user', 'auth-provider', 'config', key], value);
  }
  writeFileSync(user.file, doc.toString(), { mode: 0o600 });
  chmodSync(user.file, 0o600);
}

/** The bearer token the user's credentials give (refreshing an OIDC id-token first). */
async function bearerOf(user: NamedUser | undefined, ctx: CliContext): Promise<string | undefined> {
  const provider = user?.user?.['auth-provider'];
  if (provider?.name === 'oidc') {
    const { idToken, changed } = await oidcToken(provider.config ?? {}, ctx.cwd);
    if (changed) persistOidc(user!, changed);
    return idToken;
  }
  return user?.user?.token;
}

/**
 * The lab cluster the kubeconfig points at, with credentials it accepts; helm's
 * "unreachable" error otherwise. Helm's first request is GET /version, so client-go's
 * transport errors (the OIDC refresh among them) arrive wrapped in it.
 */
export async function connectCluster(
  lab: LabContext,
  ctx: CliContext,
  flags: KubeFlags,
  describeUnreachable: (server: string) => HelmError = (server) =>
    unreachable(server, lab.options.helmMajor),
): Promise<KubeTarget> {
  const { server, namespace, user } = resolveServer(ctx, flags, lab.options.helmMajor);
  const cluster = lab.clusterByServer(server);
  if (!cluster || lab.faults.apiDown()) throw describeUnreachable(server);
  const unreachable = unreachableText(lab.options.helmMajor);
  const version = `Get "${server.replace(/\/$/, '')}/version"`;
  let bearer: string | undefined;
  try {
    bearer = await bearerOf(user, ctx);
  } catch (e) {
    throw new HelmError(`${unreachable}: ${version}: ${(e as Error).message}`);
  }
  if (bearer === undefined || !(await cluster.authenticate(bearer))) {
    throw new HelmError(
      `${unreachable}: the server has asked for the client to provide credentials`,
    );
  }
  return { cluster, server, ...(namespace ? { namespace } : {}) };
}
