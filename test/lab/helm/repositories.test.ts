import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fakeLab } from './fake-lab.js';

describe('helm repo', () => {
  it('adds, lists, updates and removes repositories', async () => {
    const { helm, dir } = fakeLab();
    const add = await helm(
      'repo',
      'add',
      'rancher-stable',
      'https://releases.rancher.com/server-charts/stable',
    );
    expect(add).toEqual({
      stdout: '"rancher-stable" has been added to your repositories\n',
      stderr: '',
      exitCode: 0,
    });
    await helm('repo', 'add', 'ingress-nginx', 'https://kubernetes.github.io/ingress-nginx');
    const file = parse(readFileSync(join(dir, 'helm', 'repositories.yaml'), 'utf8'));
    expect(file.repositories.map((r: { name: string }) => r.name)).toEqual([
      'rancher-stable',
      'ingress-nginx',
    ]);

    const list = await helm('repo', 'list', '-o', 'json');
    expect(JSON.parse(list.stdout)).toEqual([
      { name: 'rancher-stable', url: 'https://releases.rancher.com/server-charts/stable' },
      { name: 'ingress-nginx', url: 'https://kubernetes.github.io/ingress-nginx' },
    ]);
    expect((await helm('repo', 'list')).stdout).toMatch(/^NAME\s+\tURL\nrancher-stable\s*\thttps:/);

    const update = await helm('repo', 'update');
    expect(update.stdout).toBe(
      'Hang tight while we grab the latest from your chart repositories...\n' +
        '...Successfully got an update from the "rancher-stable" chart repository\n' +
        '...Successfully got an update from the "ingress-nginx" chart repository\n' +
        'Update Complete. ⎈Happy Helming!⎈\n',
    );

    expect((await helm('repo', 'remove', 'ingress-nginx')).stdout).toBe(
      '"ingress-nginx" has been removed from your repositories\n',
    );
    expect((await helm('repo', 'remove', 'nope')).stderr).toBe(
      'Error: no repo named "nope" found\n',
    );
  });

  it('honours HELM_REPOSITORY_CONFIG', async () => {
    const { lab, ctx, dir } = fakeLab();
    const { runHelm } = await import('../../../source/lab/helm/run-helm.js');
    const path = join(dir, 'custom.yaml');
    const env = { ...ctx.env, HELM_REPOSITORY_CONFIG: path };
    await runHelm(lab, ['repo', 'add', 'stable', 'https://charts.helm.sh/stable'], { ...ctx, env });
    expect(parse(readFileSync(path, 'utf8')).repositories[0].url).toBe(
      'https://charts.helm.sh/stable',
    );
  });

  it('answers 403 for the retired Google stable repository', async () => {
    const { helm } = fakeLab();
    const r = await helm(
      'repo',
      'add',
      'stable',
      'https://kubernetes-charts.storage.googleapis.com',
    );
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'Error: looks like "https://kubernetes-charts.storage.googleapis.com" is not a valid chart repository or cannot be reached: failed to fetch https://kubernetes-charts.storage.googleapis.com/index.yaml : 403 Forbidden\n',
    );
  });

  it('cannot reach unknown hosts, and 404s unknown paths', async () => {
    const { helm } = fakeLab();
    const unknown = await helm('repo', 'add', 'x', 'https://charts.example.com');
    expect(unknown.stderr).toContain('dial tcp: lookup charts.example.com');
    const missing = await helm(
      'repo',
      'add',
      'x',
      'https://releases.rancher.com/server-charts/nope',
    );
    expect(missing.stderr).toContain('index.yaml : 404 Not Found');
  });

  it('skips an identical re-add and refuses a different URL without --force-update', async () => {
    const { helm } = fakeLab();
    const url = 'https://releases.rancher.com/server-charts/stable';
    await helm('repo', 'add', 'rancher', url);
    expect((await helm('repo', 'add', 'rancher', url)).stdout).toBe(
      '"rancher" already exists with the same configuration, skipping\n',
    );
    const other = 'https://releases.rancher.com/server-charts/latest';
    expect((await helm('repo', 'add', 'rancher', other)).stderr).toBe(
      'Error: repository name (rancher) already exists, please specify a different name\n',
    );
    expect((await helm('repo', 'add', 'rancher', other, '--force-update')).exitCode).toBe(0);
  });

  it('errors on update with no repositories', async () => {
    const { helm } = fakeLab();
    expect((await helm('repo', 'update')).stderr).toBe(
      'Error: no repositories found. You must add one before updating\n',
    );
  });

  it('searches the indexes', async () => {
    const { helm } = fakeLab();
    await helm(
      'repo',
      'add',
      'rancher-stable',
      'https://releases.rancher.com/server-charts/stable',
    );
    const hits = JSON.parse(
      (await helm('search', 'repo', 'rancher-stable/rancher', '--versions', '-o', 'json')).stdout,
    );
    expect(hits[0]).toMatchObject({
      name: 'rancher-stable/rancher',
      version: '2.15.0',
      app_version: 'v2.15.0',
    });
    expect(hits.map((h: { version: string }) => h.version)).toContain('2.10.3');
    const chart = await helm('show', 'chart', 'rancher-stable/rancher', '--version', '2.10.3');
    expect(chart.stdout).toContain('kubeVersion: < 1.32.0-0');
  });

  it('shows a chart straight from a repository URL (--repo), adding nothing', async () => {
    const { helm } = fakeLab();
    const url = 'https://releases.rancher.com/server-charts/stable';
    const chart = await helm('show', 'chart', 'rancher', '--repo', url, '--version', '2.8.2');
    expect(chart.stdout).toContain('kubeVersion: < 1.28.0-0');
    expect((await helm('show', 'chart', 'rancher', '--repo', url)).stdout).toContain(
      'version: 2.15.0',
    );
    const missing = await helm('show', 'chart', 'rancher', '--repo', url, '--version', '9.9.9');
    expect(missing.stderr).toBe(
      `Error: chart "rancher" version "9.9.9" not found in ${url} repository\n`,
    );
    expect(JSON.parse((await helm('repo', 'list', '-o', 'json')).stdout)).toEqual([]);
  });
});
