import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { repoIndexFor } from './charts/index.js';

/** One entry of repositories.yaml, with the fields helm writes. */
export interface RepoEntry {
  name: string;
  url: string;
  [field: string]: unknown;
}

export interface RepoFile {
  apiVersion: string;
  generated: string;
  repositories: RepoEntry[];
}

/** Hosts the lab knows; other hosts do not resolve (the lab has no network). */
const knownHosts = new Set([
  'kubernetes.github.io',
  'releases.rancher.com',
  'charts.helm.sh',
  'charts.jetstack.io',
  'kubernetes-charts.storage.googleapis.com',
  '127.0.0.1',
]);

/** Retired since November 2020: Google's bucket answers 403. */
const forbiddenHosts = new Set(['kubernetes-charts.storage.googleapis.com']);

export function normalizeRepoUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

function readRepoFile(path: string): RepoFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const doc = (parse(text) ?? {}) as Partial<RepoFile>;
  return {
    apiVersion: doc.apiVersion ?? '',
    generated: doc.generated ?? '0001-01-01T00:00:00Z',
    repositories: doc.repositories ?? [],
  };
}

/** repositories.yaml at a path: add, remove, find. */
export class Repositories {
  constructor(readonly path: string) {}

  exists(): boolean {
    return readRepoFile(this.path) !== undefined;
  }

  list(): RepoEntry[] {
    return readRepoFile(this.path)?.repositories ?? [];
  }

  get(name: string): RepoEntry | undefined {
    return this.list().find((r) => r.name === name);
  }

  /** Adds or replaces an entry by name. */
  put(name: string, url: string, major: number): void {
    const file = readRepoFile(this.path) ?? {
      apiVersion: major === 2 ? 'v1' : '',
      generated: new Date().toISOString(),
      repositories: [],
    };
    const entry = repoEntry(name, url, major, this.path);
    const at = file.repositories.findIndex((r) => r.name === name);
    if (at >= 0) file.repositories[at] = entry;
    else file.repositories.push(entry);
    this.write(file);
  }

  remove(name: string): boolean {
    const file = readRepoFile(this.path);
    if (!file) return false;
    const kept = file.repositories.filter((r) => r.name !== name);
    if (kept.length === file.repositories.length) return false;
    this.write({ ...file, repositories: kept });
    return true;
  }

  /** An empty file, as `helm init` leaves when it has no repositories to add. */
  ensure(major: number): void {
    if (this.exists()) return;
    this.write({
      apiVersion: major === 2 ? 'v1' : '',
      generated: new Date().toISOString(),
      repositories: [],
    });
  }

  private write(file: RepoFile): void {
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(this.path, stringify(file), { mode: 0o644 });
  }
}

function repoEntry(name: string, url: string, major: number, repoFile: string): RepoEntry {
  if (major === 2) {
    const cache = join(dirname(repoFile), 'cache', `${name}-index.yaml`);
    return { caFile: '', cache, certFile: '', keyFile: '', name, password: '', url, username: '' };
  }
  return {
    caFile: '',
    certFile: '',
    insecure_skip_tls_verify: false,
    keyFile: '',
    name,
    pass_credentials_all: false,
    password: '',
    url,
    username: '',
  };
}

/**
 * Downloads URL/index.yaml, as far as the lab can: known chart repositories answer,
 * the retired Google bucket answers 403, other paths 404, unknown hosts do not resolve.
 * Returns helm's error text (after `cannot be reached: `) or undefined when it worked.
 */
export function fetchIndexError(url: string, major: number): string | undefined {
  const base = normalizeRepoUrl(url);
  const indexUrl = `${base}/index.yaml`;
  const failed = major === 2 ? 'Failed to fetch' : 'failed to fetch';
  let host: string;
  try {
    host = new URL(base).hostname;
  } catch {
    return `could not find protocol handler for: ${url}`;
  }
  if (forbiddenHosts.has(host)) return `${failed} ${indexUrl} : 403 Forbidden`;
  if (repoIndexFor(base)) return undefined;
  if (knownHosts.has(host)) return `${failed} ${indexUrl} : 404 Not Found`;
  return `Get "${indexUrl}": dial tcp: lookup ${host} on 127.0.0.53:53: no such host`;
}

/** helm's wrapper around a failed index download. */
export function notAChartRepository(url: string, reason: string, major: number): string {
  const looks = major === 2 ? 'Looks like' : 'looks like';
  return `${looks} "${url}" is not a valid chart repository or cannot be reached: ${reason}`;
}
