import { HelmError } from './errors.js';
import { requireArgs } from './flags.js';
import { json, table } from './output.js';
import { fetchIndexError, normalizeRepoUrl, notAChartRepository } from './repositories.js';
import type { HelmSession } from './session.js';
import { stringify } from 'yaml';

/** `helm repo add NAME URL [--force-update]`. */
export function repoAdd(s: HelmSession): void {
  requireArgs('repo add', 'repo add [NAME] [URL]', s.flags.positionals, 2);
  const [name, url] = s.flags.positionals as [string, string];
  const repos = s.repositories();
  const existing = repos.get(name);
  if (existing && s.major !== 2) {
    if (normalizeRepoUrl(existing.url) === normalizeRepoUrl(url) && !s.flags.bool('force-update')) {
      s.print(`"${name}" already exists with the same configuration, skipping\n`);
      return;
    }
    if (!s.flags.bool('force-update')) {
      throw new HelmError(
        `repository name (${name}) already exists, please specify a different name`,
      );
    }
  }
  if (existing && s.major === 2 && s.flags.bool('no-update')) {
    throw new HelmError(
      `repository name (${name}) already exists, please specify a different name`,
    );
  }
  const failure = fetchIndexError(url, s.major);
  if (failure) throw new HelmError(notAChartRepository(url, failure, s.major));
  repos.put(name, url, s.major);
  s.print(`"${name}" has been added to your repositories\n`);
}

/** `helm repo update [NAME...]`: re-downloads each index. */
export function repoUpdate(s: HelmSession): void {
  let repos = s.repositories().list();
  if (repos.length === 0)
    throw new HelmError('no repositories found. You must add one before updating');
  const names = s.flags.positionals;
  if (names.length && s.major !== 2) {
    repos = repos.filter((r) => names.includes(r.name));
    if (repos.length === 0) {
      throw new HelmError(
        `no repositories found matching '[${names.join(' ')}]'.  Nothing will be updated`,
      );
    }
  }
  s.print('Hang tight while we grab the latest from your chart repositories...\n');
  const failed: string[] = [];
  for (const r of repos) {
    if (s.major === 2 && r.name === 'local') {
      s.print('...Skip local chart repository\n');
      continue;
    }
    const failure = fetchIndexError(r.url, s.major);
    if (failure) {
      failed.push(r.url);
      s.print(
        `...Unable to get an update from the "${r.name}" chart repository (${r.url}):\n\t${failure}\n`,
      );
    } else s.print(`...Successfully got an update from the "${r.name}" chart repository\n`);
  }
  if (s.major === 2) {
    s.print('Update Complete.\n');
    return;
  }
  if (failed.length)
    throw new HelmError(`Failed to update the following repositories: [${failed.join(' ')}]`);
  s.print('Update Complete. ⎈Happy Helming!⎈\n');
}

export function repoList(s: HelmSession): void {
  const repos = s.repositories().list();
  const format = s.flags.string('output') ?? 'table';
  if (repos.length === 0 && format === 'table') throw new HelmError('no repositories to show');
  const rows = repos.map((r) => ({ name: r.name, url: r.url }));
  if (format === 'json') return s.print(json(rows));
  if (format === 'yaml') return s.print(stringify(rows));
  s.print(table([['NAME', 'URL'], ...rows.map((r) => [r.name, r.url])]));
}

export function repoRemove(s: HelmSession): void {
  requireArgs('repo remove', 'repo remove [REPO1 [REPO2 ...]]', s.flags.positionals, 1, Infinity);
  const repos = s.repositories();
  for (const name of s.flags.positionals) {
    if (!repos.remove(name)) throw new HelmError(`no repo named "${name}" found`);
    s.print(`"${name}" has been removed from your repositories\n`);
  }
}
