import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FAKE_CA_PEM, fakeLab } from './fake-lab.js';

interface Kubeconfig {
  'current-context': string;
  clusters: { name: string; cluster: { server: string; 'certificate-authority-data': string } }[];
  users: { name: string; user: { token: string } }[];
  contexts: { name: string; context: { cluster: string; user: string } }[];
}

const CREATE = ['create-cluster', 'c1', '-e', 'c1.lab.test', '-p', 'rancher'];

function readKubeconfig(path: string): Kubeconfig {
  return parse(readFileSync(path, 'utf8')) as Kubeconfig;
}

describe('pks get-credentials', () => {
  it('writes a kubeconfig context for a succeeded cluster (mode 0600)', async () => {
    const { run, state, ctx, runtimes } = fakeLab();
    await run(CREATE);
    await state.idle();
    const result = await run(['get-credentials', 'c1']);
    expect(result).toEqual({
      stdout:
        '\nFetching credentials for cluster c1.\nContext set for cluster c1.\n\n' +
        'You can now switch between clusters by using:\n$kubectl config use-context <cluster-name>\n\n',
      stderr: '',
      exitCode: 0,
    });
    const path = ctx.env.KUBECONFIG ?? '';
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const config = readKubeconfig(path);
    const runtime = runtimes.get('c1');
    expect(config['current-context']).toBe('c1');
    expect(config.clusters).toEqual([
      {
        name: 'c1',
        cluster: {
          server: runtime?.apiUrl,
          'certificate-authority-data': Buffer.from(FAKE_CA_PEM).toString('base64'),
        },
      },
    ]);
    const context = config.contexts.find((c) => c.name === 'c1');
    expect(context?.context.cluster).toBe('c1');
    const user = config.users.find((u) => u.name === context?.context.user);
    expect(user?.user.token).toBe(runtime?.token);
  });

  it('merges into an existing kubeconfig and replaces its own entries on a rerun', async () => {
    const { run, state, ctx } = fakeLab();
    const path = ctx.env.KUBECONFIG ?? '';
    writeFileSync(
      path,
      [
        'apiVersion: v1',
        'kind: Config',
        'preferences: {}',
        'clusters:',
        '- name: other',
        '  cluster: {server: "https://other:6443"}',
        'users:',
        '- name: other-user',
        '  user: {token: abc}',
        'contexts:',
        '- name: other',
        '  context: {cluster: other, user: other-user}',
        'current-context: other',
        '',
      ].join('\n'),
      { mode: 0o644 },
    );
    await run(CREATE);
    await state.idle();
    expect((await run(['get-credentials', 'c1'])).exitCode).toBe(0);
    expect((await run(['get-credentials', 'c1'])).exitCode).toBe(0);
    const config = readKubeconfig(path);
    expect(config.clusters.map((c) => c.name)).toEqual(['other', 'c1']);
    expect(config.contexts.map((c) => c.name)).toEqual(['other', 'c1']);
    expect(config.users.map((u) => u.name)).toContain('other-user');
    expect(config.users).toHaveLength(2);
    expect(config['current-context']).toBe('c1');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('falls back to $HOME/.kube/config', async () => {
    const { run, state, dir } = fakeLab();
    await run(CREATE);
    await state.idle();
    const result = await run(['get-credentials', 'c1'], { env: { HOME: dir } });
    expect(result.exitCode).toBe(0);
    expect(readKubeconfig(join(dir, '.kube', 'config'))['current-context']).toBe('c1');
  });

  it('refuses a cluster that is not ready, and an unknown one', async () => {
    const { run } = fakeLab();
    await run(CREATE);
    const early = await run(['get-credentials', 'c1']);
    expect(early.exitCode).toBe(1);
    expect(early.stdout).toContain('Fetching credentials for cluster c1.');
    expect(early.stderr).toMatch(/^Error: cluster c1 is not ready/);
    const ghost = await run(['get-credentials', 'ghost']);
    expect(ghost).toMatchObject({ exitCode: 1, stderr: 'Error: cluster ghost not found\n' });
  });
});
