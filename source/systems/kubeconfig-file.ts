import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { Env } from '../shared/env.js';

/**
 * The kubeconfig `pks get-credentials` writes and the installer reads: the first entry of
 * KUBECONFIG, else ~/.kube/config. Refreshed OIDC tokens go back into this file only.
 */
export function kubeconfigFile(env: Env): string {
  const first = (env.KUBECONFIG ?? '').split(delimiter).find((p) => p !== '');
  return first ? resolve(first) : join(env.HOME || homedir(), '.kube', 'config');
}

/** The `auth-provider: oidc` user of a context, as TKGI writes it. */
export interface OidcUser {
  name: string;
  config: Record<string, string>;
}

interface Named {
  name?: unknown;
  [key: string]: unknown;
}

function named(list: unknown, name: unknown): Named | undefined {
  return Array.isArray(list)
    ? (list as Named[]).find((e) => typeof e === 'object' && e !== null && e.name === name)
    : undefined;
}

function stringsOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** The OIDC user of `context` (default: the current one); undefined for any other kind of user. */
export function readOidcUser(file: string, context?: string): OidcUser | undefined {
  let doc: Record<string, unknown>;
  try {
    doc = (parseDocument(readFileSync(file, 'utf8')).toJS() ?? {}) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const ctx = named(doc.contexts, context ?? doc['current-context'])?.context as
    { user?: unknown } | undefined;
  const user = named(doc.users, ctx?.user)?.user as Record<string, unknown> | undefined;
  const provider = user?.['auth-provider'] as { name?: unknown; config?: unknown } | undefined;
  if (provider?.name !== 'oidc') return undefined;
  return { name: String(ctx!.user), config: stringsOf(provider.config) };
}

/**
 * Sets keys of a user's `auth-provider.config` in place (comments and everything else kept),
 * written atomically and readable by the owner only.
 */
export function updateOidcUser(file: string, user: string, changes: Record<string, string>): void {
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const users = (doc.toJS() as { users?: unknown } | null)?.users;
  const index = Array.isArray(users) ? users.findIndex((u: Named) => u?.name === user) : -1;
  if (index < 0) throw new Error(`kubeconfig ${file}: no user ${user}`);
  for (const [key, value] of Object.entries(changes)) {
    doc.setIn(['users', index, 'user', 'auth-provider', 'config', key], value);
  }
  const temp = join(dirname(file), `.${Date.now()}.${process.pid}.kubeconfig.tmp`);
  writeFileSync(temp, doc.toString(), { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}
