import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { CliContext, ClusterRuntime, LabContext } from '../context.js';
import { HelmError } from './errors.js';

interface NamedCluster {
  name: string;
  cluster?: { server?: string };
}

interface NamedContext {
  name: string;
  context?: { cluster?: string; namespace?: string };
}

interface Kubeconfig {
  'current-context'?: string;
  clusters?: NamedCluster[];
  contexts?: NamedContext[];
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
  const merged: Kubeconfig = { clusters: [], contexts: [] };
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
  }
  return found ? merged : undefined;
}

function dialTarget(server: string): string {
  const url = new URL(server);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const host = url.hostname === 'localhost' ? '127.0.0.1' : url.hostname;
  return `${host}:${port}`;
}

/** Helm 3/4: the client's first request is GET /version. */
export function unreachable(server: string): HelmError {
  return new HelmError(
    `Kubernetes cluster unreachable: Get "${server.replace(/\/$/, '')}/version": dial tcp ${dialTarget(server)}: connect: connection refused`,
  );
}

/** Helm 2: the client's first request looks for the Tiller pod. */
export function tillerUnreachable(server: string, tillerNamespace: string): HelmError {
  const url = `${server.replace(/\/$/, '')}/api/v1/namespaces/${tillerNamespace}/pods?labelSelector=app%3Dhelm%2Cname%3Dtiller`;
  return new HelmError(`Get ${url}: dial tcp ${dialTarget(server)}: connect: connection refused`);
}

/** The server URL and namespace of the selected context, without contacting it. */
export function resolveServer(
  ctx: CliContext,
  flags: KubeFlags,
): { server: string; namespace?: string } {
  const config = loadKubeconfig(kubeconfigPaths(ctx, flags), Boolean(flags.kubeconfig));
  if (!config) return { server: noConfigServer };
  const contextName = flags.kubeContext ?? config['current-context'];
  if (!contextName) return { server: noConfigServer };
  const context = config.contexts?.find((c) => c.name === contextName);
  if (!context) {
    throw new HelmError(`Kubernetes cluster unreachable: context "${contextName}" does not exist`);
  }
  const cluster = config.clusters?.find((c) => c.name === context.context?.cluster);
  const server = cluster?.cluster?.server;
  if (!server) {
    throw new HelmError(
      'Kubernetes cluster unreachable: invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable',
    );
  }
  return { server, namespace: context.context?.namespace };
}

/** The lab cluster the kubeconfig points at; helm's "unreachable" error otherwise. */
export function resolveCluster(
  lab: LabContext,
  ctx: CliContext,
  flags: KubeFlags,
  describeUnreachable: (server: string) => HelmError = unreachable,
): KubeTarget {
  const { server, namespace } = resolveServer(ctx, flags);
  const cluster = lab.clusterByServer(server);
  if (!cluster || lab.faults.apiDown()) throw describeUnreachable(server);
  return { cluster, server, ...(namespace ? { namespace } : {}) };
}
