import { describe, expect, it } from 'vitest';
import { fakeLab } from './fake-lab.js';

describe('helm version', () => {
  it('Helm 3 prints BuildInfo, --short and --template', async () => {
    const { helm } = fakeLab({ helmMajor: 3 });
    const full = await helm('version');
    expect(full.exitCode).toBe(0);
    expect(full.stdout).toBe(
      'version.BuildInfo{Version:"v3.16.4", GitCommit:"7877b45b63f95635153b29a42c0c2f4273ec45ca", GitTreeState:"clean", GoVersion:"go1.22.7"}\n',
    );
    expect((await helm('version', '--short')).stdout).toBe('v3.16.4+g7877b45\n');
    expect((await helm('version', '--template', '{{.Version}}')).stdout).toBe('v3.16.4');
    // Helm 3 still accepts the hidden -c.
    expect((await helm('version', '-c', '--short')).exitCode).toBe(0);
  });

  it('Helm 4 prints v4 and rejects -c', async () => {
    const { helm } = fakeLab({ helmMajor: 4 });
    expect((await helm('version', '--short')).stdout).toMatch(/^v4\.0\.\d+\+g[0-9a-f]{7}\n$/);
    expect((await helm('version')).stdout).toContain('KubeClientVersion:"v1.34"');
    const c = await helm('version', '-c', '--short');
    expect(c.exitCode).toBe(1);
    expect(c.stderr).toBe("Error: unknown shorthand flag: 'c' in -c\n");
  });

  it('Helm 2 prints the client, then fails without Tiller', async () => {
    const { helm, markReady, store } = fakeLab({ helmMajor: 2 });
    const r = await helm('version', '--short');
    expect(r.stdout).toBe('Client: v2.16.10+gbceca24\n');
    expect(r.stderr).toBe('Error: could not find tiller\n');
    expect(r.exitCode).toBe(1);
    const client = await helm('version', '-c', '--short');
    expect(client).toEqual({ stdout: 'Client: v2.16.10+gbceca24\n', stderr: '', exitCode: 0 });
    expect(
      (
        await helm(
          'init',
          '--service-account',
          'tiller',
          '--stable-repo-url',
          'https://charts.helm.sh/stable',
        )
      ).exitCode,
    ).toBe(0);
    expect(store.get('apps/deployments', 'kube-system', 'tiller-deploy')).toBeDefined();
    markReady('deployments', 'kube-system', 'tiller-deploy');
    const both = await helm('version');
    expect(both.exitCode).toBe(0);
    expect(both.stdout).toContain('Server: &version.Version{SemVer:"v2.16.10"');
  });

  it('unknown commands are cobra errors', async () => {
    const { helm } = fakeLab();
    const r = await helm('frobnicate');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'Error: unknown command "frobnicate" for "helm"\nRun \'helm --help\' for usage.\n',
    );
  });
});
