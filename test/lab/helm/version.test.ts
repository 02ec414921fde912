import { describe, expect, it } from 'vitest';
import { fakeLab } from './fake-lab.js';

describe('helm version', () => {
  // The strings the real binaries print (helm 3.18.0 and 4.1.4, see test/helpers/real-helm.ts).
  it('Helm 3 prints BuildInfo, --short and --template', async () => {
    const { helm } = fakeLab({ helmMajor: 3 });
    const full = await helm('version');
    expect(full.exitCode).toBe(0);
    expect(full.stdout).toBe(
      'version.BuildInfo{Version:"v3.18.0", GitCommit:"cc58e3f5a3aa615c6a86275e6f4444b5fdd3cc4e", GitTreeState:"clean", GoVersion:"go1.24.3"}\n',
    );
    expect((await helm('version', '--short')).stdout).toBe('v3.18.0+gcc58e3f\n');
    expect((await helm('version', '--template', '{{.Version}}')).stdout).toBe('v3.18.0');
    // Helm 3 still accepts the hidden -c.
    expect((await helm('version', '-c', '--short')).exitCode).toBe(0);
  });

  it('Helm 4 prints v4 and rejects -c', async () => {
    const { helm } = fakeLab({ helmMajor: 4 });
    expect((await helm('version', '--short')).stdout).toBe('v4.1.4+g05fa379\n');
    expect((await helm('version')).stdout).toBe(
      'version.BuildInfo{Version:"v4.1.4", GitCommit:"05fa37973dc9e42b76e1d2883494c87174b6074f", GitTreeState:"clean", GoVersion:"go1.25.9", KubeClientVersion:"v1.35"}\n',
    );
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
