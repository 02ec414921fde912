import { readFileSync } from 'node:fs';
import { execa } from 'execa';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError, TransientError } from '../../source/systems/errors.js';
import {
  escapeSetKeySegment,
  escapeSetValue,
  goDurationMs,
  Helm,
  majorOf,
} from '../../source/systems/helm.js';
import { parseReleaseList, parseStatus } from '../../source/systems/helm-releases.js';
import { Pks } from '../../source/systems/pks.js';
import { FakeBin, type FakeAnswer } from './fake-bin.js';
import { labShimBuilt, startLab, type LabFixture } from './lab-fixture.js';

const v2Version: FakeAnswer[] = [
  {
    when: 'version --short',
    stdout: 'Client: v2.16.10+gbceca24\n',
    stderr: 'Error: could not find tiller\n',
    exit: 1,
  },
];
const v3Version: FakeAnswer[] = [{ when: 'version --short', stdout: 'v3.16.4+g7877b45\n' }];
const v4Version: FakeAnswer[] = [{ when: 'version --short', stdout: 'v4.0.4+g8650e1d\n' }];

describe('helm --set escaping', () => {
  it('escapes commas and backslashes, and a leading brace', () => {
    expect(escapeSetValue('plain')).toBe('plain');
    expect(escapeSetValue('a,b')).toBe('a\\,b');
    expect(escapeSetValue('C:\\path')).toBe('C:\\\\path');
    expect(escapeSetValue('{a,b}')).toBe('\\{a\\,b}');
    expect(escapeSetValue('x=y')).toBe('x=y');
    expect(escapeSetKeySegment('nginx.ingress.kubernetes.io/ssl-redirect')).toBe(
      'nginx\\.ingress\\.kubernetes\\.io/ssl-redirect',
    );
  });
});

describe('helm output parsing', () => {
  it('reads the major from each version format', () => {
    expect(majorOf('v3.16.4+g7877b45')).toBe(3);
    expect(majorOf('Client: v2.16.10+gbceca24\nError: could not find tiller')).toBe(2);
    expect(majorOf('v4.0.4+g8650e1d')).toBe(4);
    expect(majorOf('v5.1.0')).toBe(4);
    expect(majorOf('Error: unknown flag: --short')).toBeUndefined();
  });

  it('parses release lists', () => {
    expect(
      parseReleaseList(
        '[{"name":"rancher","namespace":"cattle-system","revision":"2","updated":"x","status":"deployed","chart":"rancher-2.9.3","app_version":"v2.9.3"}]',
      ),
    ).toEqual([
      {
        name: 'rancher',
        namespace: 'cattle-system',
        revision: 2,
        status: 'deployed',
        chart: 'rancher-2.9.3',
        app_version: 'v2.9.3',
      },
    ]);
    expect(parseReleaseList('')).toEqual([]);
    expect(parseReleaseList('[]')).toEqual([]);
  });

  it('parses the status', () => {
    expect(parseStatus('{"name":"x","info":{"status":"failed"}}')).toBe('failed');
    expect(parseStatus('{"name":"x","info":{"status":"pending-upgrade"}}')).toBe('pending-upgrade');
  });

  it('reads Go durations', () => {
    expect(goDurationMs('10m')).toBe(600_000);
    expect(goDurationMs('1h30m')).toBe(5_400_000);
    expect(goDurationMs('90')).toBe(90_000);
    expect(() => goDurationMs('ten')).toThrow(PermanentError);
  });
});

describe('Helm with fake executables', () => {
  const bin = new FakeBin();
  afterAll(() => bin.cleanup());

  it('detects Helm 2 from the client line even when Tiller is missing', async () => {
    const helm = new Helm({ binary: bin.write('helm2', v2Version) });
    expect(await helm.major()).toBe(2);
    expect(await helm.version()).toEqual({ major: 2, version: 'v2.16.10+gbceca24' });
    expect(bin.calls('helm2')).toEqual([['version', '--short']]);
  });

  it('falls back to `version -c --short` when `version --short` hangs', async () => {
    const helm = new Helm({
      binary: bin.write('helm2-hang', [
        { when: 'version --short', script: 'exec sleep 10' },
        { when: 'version -c --short', stdout: 'Client: v2.16.10+gbceca24\n' },
      ]),
    });
    expect(await helm.major({ timeoutMs: 300 })).toBe(2);
    await expect(helm.repoList()).rejects.toThrow(/is Helm 2/);
  });

  it('says so when it cannot tell the version', async () => {
    const helm = new Helm({
      binary: bin.write('helm-odd', [{ when: '*', stdout: 'something else' }]),
    });
    await expect(helm.major()).rejects.toBeInstanceOf(PermanentError);
  });

  it('installs with Helm 4 flags: --create-namespace, --wait, no --atomic', async () => {
    const binary = bin.write('helm4', [
      ...v4Version,
      { when: 'upgrade *', stdout: 'Release "x" has been upgraded.\n' },
    ]);
    await new Helm({ binary }).upgradeInstall({
      release: 'ingress-nginx',
      chart: 'ingress-nginx/ingress-nginx',
      namespace: 'ingress-nginx',
      version: '4.11.3',
      set: { 'controller.kind': 'DaemonSet', note: 'a,b' },
      createNamespace: true,
    });
    expect(bin.calls('helm4')[1]).toEqual([
      'upgrade',
      '--install',
      'ingress-nginx',
      'ingress-nginx/ingress-nginx',
      '-n',
      'ingress-nginx',
      '--create-namespace',
      '--version',
      '4.11.3',
      '--set',
      'controller.kind=DaemonSet',
      '--set',
      'note=a\\,b',
      '--wait',
      '--timeout',
      '10m',
      '--server-side=true',
      '--force-conflicts',
    ]);
  });

  it('installs with Helm 3 flags: no server-side apply flags', async () => {
    const binary = bin.write('helm3-up', [
      ...v3Version,
      { when: 'upgrade *', stdout: 'Release "rancher" has been upgraded.\n' },
    ]);
    await new Helm({ binary }).upgradeInstall({
      release: 'rancher',
      chart: 'rancher-stable/rancher',
      namespace: 'cattle-system',
      set: { hostname: 'rancher.lab.test' },
      waitTimeout: '5m',
    });
    expect(bin.calls('helm3-up')[1]).toEqual([
      'upgrade',
      '--install',
      'rancher',
      'rancher-stable/rancher',
      '-n',
      'cattle-system',
      '--set',
      'hostname=rancher.lab.test',
      '--wait',
      '--timeout',
      '5m',
    ]);
  });

  it('refuses Helm 2 for every operation, saying why and what to install', async () => {
    const binary = bin.write('helm2-refused', v2Version);
    const helm = new Helm({ binary });
    const attempts = [
      helm.upgradeInstall({
        release: 'rancher',
        chart: 'rancher-stable/rancher',
        namespace: 'cattle-system',
        set: { hostname: 'rancher.lab.test' },
      }),
      helm.release('rancher', 'cattle-system'),
      helm.status('rancher', 'cattle-system'),
      helm.values('rancher', 'cattle-system'),
      helm.repoList(),
      helm.repoAdd('rancher-stable', 'https://releases.rancher.com/server-charts/stable'),
      helm.repoUpdate(),
    ];
    for (const attempt of attempts) {
      const error = await attempt.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PermanentError);
      expect((error as PermanentError).message).toBe(
        "helm v2.16.10+gbceca24 is Helm 2, which cannot install today's charts: Rancher's chart is apiVersion v2 since Rancher 2.7.2 and Helm 2 refuses it (apiVersion 'v2' is not valid)",
      );
      expect((error as PermanentError).remedy).toMatch(
        /^install Helm 3 \(3\.2 or later\) or Helm 4/,
      );
    }
    // Only the detection ran: nothing was installed, listed or added.
    expect(bin.calls('helm2-refused')).toEqual([['version', '--short']]);
  });

  it('passes secrets on stdin (-f -): never on the command line, never in a file', async () => {
    const binary = bin.write('helm-secret', [
      ...v3Version,
      { when: 'upgrade *', script: `cat > "${bin.dir}/stdin"` },
    ]);
    await new Helm({ binary }).upgradeInstall({
      release: 'rancher',
      chart: 'rancher-stable/rancher',
      namespace: 'cattle-system',
      set: { hostname: 'rancher.lab.test' },
      secretValues: { bootstrapPassword: 's3cret,with"quotes' },
      wait: false,
    });
    const argv = bin.calls('helm-secret')[1]!;
    expect(argv.join(' ')).not.toContain('s3cret');
    expect(argv).not.toContain('--wait');
    expect(argv.slice(-2)).toEqual(['-f', '-']);
    expect(JSON.parse(readFileSync(`${bin.dir}/stdin`, 'utf8'))).toEqual({
      bootstrapPassword: 's3cret,with"quotes',
    });
  });

  it('classifies install failures', async () => {
    const failing = (stderr: string) =>
      new Helm({
        binary: bin.write(`helm-fail-${Math.random().toString(36).slice(2)}`, [
          ...v3Version,
          { when: 'upgrade *', stderr, exit: 1 },
        ]),
      });
    const input = {
      release: 'rancher',
      chart: 'rancher-stable/rancher',
      namespace: 'cattle-system',
      set: {},
      versionSetting: 'rancher.chartVersion',
    };
    const kube = await failing(
      'Error: chart requires kubeVersion: < 1.28.0-0 which is incompatible with Kubernetes v1.31.4\n',
    )
      .upgradeInstall(input)
      .catch((e: unknown) => e);
    expect(kube).toBeInstanceOf(PermanentError);
    expect((kube as PermanentError).message).toBe(
      'Error: chart requires kubeVersion: < 1.28.0-0 which is incompatible with Kubernetes v1.31.4',
    );
    expect((kube as PermanentError).remedy).toContain(
      'supports Kubernetes v1.31.4 (rancher.chartVersion)',
    );
    const deadline = await failing('Error: UPGRADE FAILED: context deadline exceeded\n')
      .upgradeInstall(input)
      .catch((e: unknown) => e);
    expect(deadline).toBeInstanceOf(PermanentError);
    const down = await failing(
      'Error: Kubernetes cluster unreachable: Get "https://10.0.0.1:8443/version": dial tcp 10.0.0.1:8443: connect: connection refused\n',
    )
      .upgradeInstall(input)
      .catch((e: unknown) => e);
    expect(down).toBeInstanceOf(TransientError);
    const noContext = await failing(
      'Error: Kubernetes cluster unreachable: context "x" does not exist\n',
    )
      .upgradeInstall(input)
      .catch((e: unknown) => e);
    expect(noContext).toBeInstanceOf(PermanentError);
  });

  it('lists every status: Helm 3 with --all, Helm 4 without (it has no --all)', async () => {
    const list =
      '[{"name":"rancher","namespace":"cattle-system","revision":"3","status":"failed","chart":"rancher-2.9.3","app_version":"v2.9.3"}]';
    const v3 = bin.write('helm3-list', [
      ...v3Version,
      { when: 'list -n cattle-system --all --filter ^rancher$ -o json', stdout: list },
    ]);
    const v4 = bin.write('helm4-list', [
      ...v4Version,
      { when: 'list -n cattle-system --filter ^rancher$ -o json', stdout: list },
    ]);
    for (const binary of [v3, v4]) {
      expect(await new Helm({ binary }).release('rancher', 'cattle-system')).toMatchObject({
        revision: 3,
        status: 'failed',
      });
    }
  });

  it('reads an empty repository list and empty values', async () => {
    const binary = bin.write('helm3-empty', [
      ...v3Version,
      { when: 'repo list -o json', stderr: 'Error: no repositories to show\n', exit: 1 },
      { when: 'get values x -n ns -o json', stdout: 'null\n' },
    ]);
    const helm = new Helm({ binary });
    expect(await helm.repoList()).toEqual([]);
    expect(await helm.values('x', 'ns')).toEqual({});
  });
});

async function labWithCluster(helmMajor: 2 | 3 | 4): Promise<LabFixture> {
  const f = await startLab({ helmMajor });
  const pks = new Pks({ binary: f.bin('pks'), env: f.env });
  await pks.createCluster({
    name: 'rancher-ha',
    externalHostname: 'rancher-ha-api.lab.test',
    plan: 'rancher',
  });
  await f.lab.pks.idle();
  await pks.getCredentials('rancher-ha');
  return f;
}

describe.runIf(labShimBuilt)('Helm 3 against the lab', () => {
  let f: LabFixture;
  let helm: Helm;
  beforeAll(async () => {
    f = await labWithCluster(3);
    helm = new Helm({ binary: f.bin('helm'), env: f.env });
  });
  afterAll(() => f?.stop());

  it('detects Helm 3 and manages repositories idempotently', async () => {
    expect(await helm.major()).toBe(3);
    expect(await helm.repoList()).toEqual([]);
    await helm.repoAdd('rancher-stable', 'https://releases.rancher.com/server-charts/latest');
    // A changed URL is fixed by --force-update.
    await helm.repoAdd('rancher-stable', 'https://releases.rancher.com/server-charts/stable');
    await helm.repoAdd('ingress-nginx', 'https://kubernetes.github.io/ingress-nginx');
    await helm.repoUpdate(['rancher-stable', 'ingress-nginx']);
    expect(await helm.repoList()).toEqual([
      { name: 'rancher-stable', url: 'https://releases.rancher.com/server-charts/stable' },
      { name: 'ingress-nginx', url: 'https://kubernetes.github.io/ingress-nginx' },
    ]);
  });

  it('installs a release and reads it back', async () => {
    expect(await helm.release('ingress-nginx', 'ingress-nginx')).toBeUndefined();
    await helm.upgradeInstall({
      release: 'ingress-nginx',
      chart: 'ingress-nginx/ingress-nginx',
      namespace: 'ingress-nginx',
      set: { 'controller.kind': 'DaemonSet' },
      createNamespace: true,
      wait: false,
    });
    expect(await helm.release('ingress-nginx', 'ingress-nginx')).toMatchObject({
      name: 'ingress-nginx',
      namespace: 'ingress-nginx',
      revision: 1,
      status: 'deployed',
    });
    expect(await helm.status('ingress-nginx', 'ingress-nginx')).toBe('deployed');
    expect(await helm.values('ingress-nginx', 'ingress-nginx')).toEqual({
      controller: { kind: 'DaemonSet' },
    });
    expect(await helm.status('missing', 'ingress-nginx')).toBeUndefined();
  });

  it('explains a chart too old for the cluster', async () => {
    const error = await helm
      .upgradeInstall({
        release: 'rancher',
        chart: 'rancher-stable/rancher',
        namespace: 'cattle-system',
        version: '2.8.5',
        set: { hostname: 'rancher.lab.test' },
        createNamespace: true,
        versionSetting: 'rancher.chartVersion',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).message).toMatch(
      /chart requires kubeVersion: .* incompatible with Kubernetes v1\.31\.4/,
    );
    expect((error as PermanentError).remedy).toContain('v1.31.4 (rancher.chartVersion)');
  });
});

describe.runIf(labShimBuilt)('Helm 2 and 4 against the lab', () => {
  it('Helm 4: detects it and installs', async () => {
    const f = await labWithCluster(4);
    try {
      const helm = new Helm({ binary: f.bin('helm'), env: f.env });
      expect(await helm.major()).toBe(4);
      await helm.repoAdd('ingress-nginx', 'https://kubernetes.github.io/ingress-nginx');
      await helm.upgradeInstall({
        release: 'ingress-nginx',
        chart: 'ingress-nginx/ingress-nginx',
        namespace: 'ingress-nginx',
        set: {},
        createNamespace: true,
        wait: false,
      });
      expect((await helm.release('ingress-nginx', 'ingress-nginx'))?.status).toBe('deployed');
    } finally {
      await f.stop();
    }
  });

  it('Helm 4: an upgrade takes back a field real kubectl changed; the old command line conflicts', async () => {
    const f = await labWithCluster(4);
    try {
      const helm = new Helm({ binary: f.bin('helm'), env: f.env });
      await helm.repoAdd('rancher-stable', 'https://releases.rancher.com/server-charts/stable');
      const set = { hostname: 'rancher.lab.test', 'ingress.tls.source': 'secret' };
      const input = {
        release: 'rancher',
        chart: 'rancher-stable/rancher',
        namespace: 'cattle-system',
        set,
        createNamespace: true,
        wait: false,
      };
      await helm.upgradeInstall(input);
      const kubectl = (...args: string[]) =>
        execa('kubectl', ['-n', 'cattle-system', ...args], { env: f.env, reject: false });
      const scaled = await kubectl('patch', 'deploy', 'rancher', '-p', '{"spec":{"replicas":5}}');
      expect(scaled.exitCode, scaled.stderr).toBe(0);
      // The command line this installer built before: Helm 4's default --server-side=auto
      // applies server-side (the release was), without taking fields from others.
      const before = await execa(
        f.bin('helm'),
        [
          ...['upgrade', '--install', 'rancher', 'rancher-stable/rancher', '-n', 'cattle-system'],
          ...['--create-namespace', '--set', 'hostname=rancher.lab.test'],
          ...['--set', 'ingress.tls.source=secret', '--timeout', '10m'],
        ],
        { env: f.env, reject: false },
      );
      expect(before.exitCode).toBe(1);
      expect(before.stderr).toBe(
        'Error: UPGRADE FAILED: conflict occurred while applying object cattle-system/rancher apps/v1, Kind=Deployment: Apply failed with 1 conflict: conflict with "kubectl-patch" using apps/v1: .spec.replicas',
      );
      await helm.upgradeInstall(input);
      const replicas = await kubectl('get', 'deploy', 'rancher', '-o', 'jsonpath={.spec.replicas}');
      expect(replicas.stdout).toBe('3');
      expect(await helm.release('rancher', 'cattle-system')).toMatchObject({
        revision: 3,
        status: 'deployed',
      });
    } finally {
      await f.stop();
    }
  });

  it('Helm 2: detected without Tiller, then refused before it touches the cluster', async () => {
    const f = await labWithCluster(2);
    try {
      const helm = new Helm({
        binary: f.bin('helm'),
        env: { ...f.env, HELM_HOME: `${f.dir}/helm-home` },
      });
      expect(await helm.major()).toBe(2);
      await expect(helm.release('rancher', 'cattle-system')).rejects.toThrow(/is Helm 2/);
      await expect(
        helm.repoAdd('rancher-stable', 'https://releases.rancher.com/server-charts/stable'),
      ).rejects.toThrow(/is Helm 2/);
      const helmCalls = readFileSync(join(f.dir, 'audit.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { kind: string; tool?: string; argv?: string[] })
        .filter((e) => e.kind === 'cli' && e.tool === 'helm')
        .map((e) => e.argv);
      expect(helmCalls).toEqual([['version', '--short']]);
    } finally {
      await f.stop();
    }
  });
});
