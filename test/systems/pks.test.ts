import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError, TransientError } from '../../source/systems/errors.js';
import { classifyPksFailure, parsePksApiError } from '../../source/systems/pks-errors.js';
import { Pks, createClusterArgs, isFailedState, realIps } from '../../source/systems/pks.js';
import { FakeBin } from './fake-bin.js';
import { labShimBuilt, startLab, type LabFixture } from './lab-fixture.js';

const notLoggedIn =
  "Error: You are not currently logged in. Please log in with 'pks login' and try again.\n";

describe('pks output parsing (fake CLI)', () => {
  const bin = new FakeBin();
  afterAll(() => bin.cleanup());

  it('treats plan fields the API may omit as unknown', async () => {
    const pks = new Pks({
      binary: bin.write('pks', [
        {
          when: 'plans --json',
          stdout: JSON.stringify([
            { id: 'a', name: 'small', description: '1 master', worker_instances: 1, extra: true },
            {
              id: 'b',
              name: 'rancher',
              description: 'HA',
              worker_instances: 3,
              master_instances: 3,
              'allow-privileged-containers': true,
            },
            { id: 'c', name: 'older', description: '', allow_privileged_containers: false },
          ]),
        },
      ]),
    });
    const plans = await pks.plans();
    expect(plans[0]).toEqual({
      id: 'a',
      name: 'small',
      description: '1 master',
      workerInstances: 1,
    });
    expect(plans[0]!.allowPrivileged).toBeUndefined();
    expect(plans[1]).toMatchObject({ masterInstances: 3, allowPrivileged: true });
    expect(plans[2]).toMatchObject({ name: 'older', allowPrivileged: false });
  });

  it('filters "In Progress" out of the master IPs', async () => {
    const cluster = {
      name: 'c1',
      plan_name: 'rancher',
      uuid: 'u-1',
      last_action: 'CREATE',
      last_action_state: 'in progress',
      last_action_description: 'Instance provisioning in progress',
      kubernetes_master_ips: ['In Progress'],
      network_profile_name: '',
      parameters: {
        kubernetes_master_host: 'c1.example.com',
        kubernetes_master_port: 8443,
        kubernetes_worker_instances: 3,
      },
    };
    const pks = new Pks({
      binary: bin.write('pks-c', [{ when: 'cluster c1 --json', stdout: JSON.stringify(cluster) }]),
    });
    expect(await pks.cluster('c1')).toEqual({
      name: 'c1',
      planName: 'rancher',
      uuid: 'u-1',
      lastAction: 'CREATE',
      state: 'in progress',
      description: 'Instance provisioning in progress',
      masterIps: [],
      externalHostname: 'c1.example.com',
      masterPort: 8443,
      workerInstances: 3,
    });
  });

  it("reads a network profile's pod network, with parameters as an object or a JSON string", async () => {
    const parameters = { lb_size: 'medium', pod_subnet_prefix: 27, pod_ip_block_ids: ['a', 'b'] };
    for (const [name, shown] of [
      ['pks-np-object', parameters],
      ['pks-np-string', JSON.stringify(parameters)],
    ] as const) {
      const pks = new Pks({
        binary: bin.write(name, [
          {
            when: 'network-profile np --json',
            stdout: JSON.stringify({ name: 'np', description: '', parameters: shown }),
          },
        ]),
      });
      expect(await pks.networkProfile('np'), name).toMatchObject({
        lbSize: 'medium',
        podSubnetPrefix: 27,
        podIpBlockIds: ['a', 'b'],
      });
    }
  });

  it('reports unparseable JSON as a PermanentError', async () => {
    const pks = new Pks({
      binary: bin.write('pks-bad', [{ when: 'plans --json', stdout: 'Name  ID\nsmall a' }]),
    });
    await expect(pks.plans()).rejects.toBeInstanceOf(PermanentError);
  });

  it('turns the not-logged-in error into a login remedy', async () => {
    const pks = new Pks({
      binary: bin.write('pks-out', [{ when: '*', stderr: notLoggedIn, exit: 1 }]),
    });
    expect(await pks.loggedIn()).toEqual({
      ok: false,
      message:
        "pks-out is not logged in: Error: You are not currently logged in. Please log in with 'pks login' and try again.",
      remedy: expect.stringContaining('pks-out login -a PKS-API -u USER -k'),
    });
    const error = await pks.clusters().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).remedy).toMatch(/^log in again: pks-out login -a .*--ca-cert/);
  });

  it('says "log in again" for any expired-session wording, never retrying it', async () => {
    for (const stderr of [
      'Error: token expired\n',
      'Error: Status: 401; ErrorMessage: <nil>; Description: invalid_token; ResponseError: <nil>\n',
      'Error: could not refresh creds\n',
      'Error: Please login again\n',
    ]) {
      const name = `pks-expired-${Buffer.from(stderr).toString('hex').slice(0, 12)}`;
      const pks = new Pks({ binary: bin.write(name, [{ when: '*', stderr, exit: 1 }]) });
      const error = await pks.clusters().catch((e: unknown) => e);
      expect(error, stderr).toBeInstanceOf(PermanentError);
      expect((error as PermanentError).remedy, stderr).toMatch(/^log in again:/);
      expect((await pks.loggedIn()).ok, stderr).toBe(false);
    }
  });

  it('does not call a missing CLI "not logged in"', async () => {
    const pks = new Pks({ binary: `${bin.dir}/no-such-pks` });
    const error = await pks.loggedIn().catch((e: unknown) => e);
    expect((error as PermanentError).message).toMatch(/no-such-pks: command not found$/);
    expect((error as PermanentError).remedy).not.toMatch(/log in/);
  });

  it('says a missing pks/tkgi is not on PATH, never "log in"', async () => {
    const pks = new Pks({ binary: 'pks', env: { PATH: '/nonexistent-rpt-bin' } });
    const error = await pks.loggedIn().catch((e: unknown) => e);
    expect((error as PermanentError).message).toBe('pks/tkgi is not on PATH (looked for pks)');
    expect((error as PermanentError).remedy).not.toMatch(/log in/);
  });

  it("reads the API's error form with Go's <nil>", async () => {
    expect(
      parsePksApiError(
        'Error: Status: 500; ErrorMessage: <nil>; Description: BOSH director unreachable; ResponseError: <nil>',
      ),
    ).toEqual({ status: 500, description: 'BOSH director unreachable' });
    expect(
      parsePksApiError(
        'Error: Status: 409; ErrorMessage: name taken; Description: cluster name c1 already taken; ResponseError: <nil>',
      ),
    ).toEqual({
      status: 409,
      description: 'cluster name c1 already taken',
      errorMessage: 'name taken',
    });
    expect(parsePksApiError('Error: cluster x not found')).toBeUndefined();
    const pks = new Pks({
      binary: bin.write('pks-409', [
        {
          when: '*',
          stderr:
            'Error: Status: 409; ErrorMessage: <nil>; Description: cluster name c1 already taken; ResponseError: <nil>\n',
          exit: 1,
        },
      ]),
    });
    const error = await pks.clusters().catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'pks-409 clusters: the PKS API answered 409: cluster name c1 already taken',
    );
  });

  it('treats API connectivity problems as transient', async () => {
    const pks = new Pks({
      binary: bin.write('pks-down', [
        {
          when: '*',
          stderr:
            'Error: Get "https://api.pks.example.com:9021/v1/clusters": dial tcp 10.0.0.5:9021: connect: connection refused\n',
          exit: 1,
        },
      ]),
    });
    await expect(pks.clusters()).rejects.toBeInstanceOf(TransientError);
    await expect(pks.loggedIn()).rejects.toBeInstanceOf(TransientError);
  });

  it('writes the network profile to a private file and removes it', async () => {
    const binary = bin.write('pks-np', [
      {
        when: 'create-network-profile *',
        script: `stat -c %a "$(dirname "$2")" > "${bin.dir}/np.mode"; stat -c %a "$2" >> "${bin.dir}/np.mode"; cat "$2" > "${bin.dir}/np.json"`,
        stdout: '\nNetwork profile lb-medium successfully created\n\n',
      },
    ]);
    await new Pks({ binary }).createNetworkProfile({
      name: 'lb-medium',
      description: 'medium LB',
      lbSize: 'medium',
    });
    expect(JSON.parse(readFileSync(`${bin.dir}/np.json`, 'utf8'))).toEqual({
      name: 'lb-medium',
      description: 'medium LB',
      parameters: { lb_size: 'medium' },
    });
    expect(readFileSync(`${bin.dir}/np.mode`, 'utf8').split('\n').slice(0, 2)).toEqual([
      '700',
      '600',
    ]);
    const file = bin.calls('pks-np')[0]![1]!;
    expect(bin.calls('pks-np')[0]).toEqual(['create-network-profile', file]);
    expect(() => readFileSync(file)).toThrow();
  });

  it('classifies the failures users meet', () => {
    expect(classifyPksFailure('Error: You are not currently logged in.')).toBe('not-logged-in');
    expect(classifyPksFailure('Error: token expired')).toBe('not-logged-in');
    expect(
      classifyPksFailure('Error: You do not have enough privileges to perform this action'),
    ).toBe('no-privileges');
    expect(classifyPksFailure('x509: certificate signed by unknown authority')).toBe(
      'untrusted-api',
    );
    expect(classifyPksFailure('Error: Status: 503; ErrorMessage: <nil>;')).toBe('unreachable');
    expect(
      classifyPksFailure(
        'Error: Status: 422; Description: An operation is in progress for your service instance.',
      ),
    ).toBe('busy');
    expect(classifyPksFailure('Error: cluster x not found')).toBe('not-found');
  });

  it('knows failed states and real IPs', () => {
    expect(isFailedState('failed')).toBe(true);
    expect(isFailedState('error')).toBe(true);
    expect(isFailedState('succeeded')).toBe(false);
    expect(realIps(['In Progress', '10.0.0.1', ' 10.0.0.2 '])).toEqual(['10.0.0.1', '10.0.0.2']);
  });

  it('detects pks or tkgi on PATH, preferring the configured one', () => {
    bin.write('tkgi', [{ when: '*' }]);
    const env = { PATH: bin.dir };
    expect(Pks.detect(env)).toBe('pks');
    expect(Pks.detect(env, 'tkgi')).toBe('tkgi');
    expect(Pks.detect({ PATH: '/nonexistent' })).toBeUndefined();
  });
});

describe.runIf(labShimBuilt)('Pks against the lab', () => {
  let f: LabFixture;
  let pks: Pks;
  beforeAll(async () => {
    f = await startLab();
    pks = new Pks({ binary: f.bin('pks'), env: f.env });
  });
  afterAll(() => f?.stop());

  it('is logged in and reads its version and plans', async () => {
    expect(await pks.loggedIn()).toEqual({ ok: true });
    expect(await pks.version()).toBe('1.20.0-build.37');
    const rancher = (await pks.plans()).find((p) => p.name === 'rancher');
    expect(rancher).toMatchObject({
      masterInstances: 3,
      workerInstances: 3,
      allowPrivileged: true,
    });
  });

  it('creates and reads a network profile; a missing one is undefined', async () => {
    expect(await pks.networkProfile('lb-medium')).toBeUndefined();
    await pks.createNetworkProfile({ name: 'lb-medium', description: 'medium', lbSize: 'medium' });
    expect(await pks.networkProfile('lb-medium')).toMatchObject({
      name: 'lb-medium',
      lbSize: 'medium',
    });
    expect((await pks.networkProfiles()).map((p) => p.name)).toContain('lb-medium');
    const again = await pks
      .createNetworkProfile({ name: 'lb-medium', description: 'medium', lbSize: 'medium' })
      .catch((e: unknown) => e);
    expect(again).toBeInstanceOf(PermanentError);
    expect((again as Error).message).toMatch(/already exists/);
  });

  it('creates a cluster, watches it and gets its credentials', async () => {
    expect(await pks.cluster('rancher-ha')).toBeUndefined();
    const created = await pks.createCluster({
      name: 'rancher-ha',
      externalHostname: 'rancher-ha-api.lab.test',
      plan: 'rancher',
      networkProfile: 'lb-medium',
    });
    expect(created).toMatchObject({
      name: 'rancher-ha',
      lastAction: 'CREATE',
      state: 'in progress',
      masterIps: [],
    });
    await f.lab.pks.idle();
    const done = await pks.cluster('rancher-ha');
    expect(done).toMatchObject({
      state: 'succeeded',
      networkProfile: 'lb-medium',
      externalHostname: 'rancher-ha-api.lab.test',
      masterPort: 8443,
      kubernetesVersion: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    expect(done!.masterIps.length).toBe(3);
    expect((await pks.clusters()).map((c) => c.name)).toEqual(['rancher-ha']);
    await pks.getCredentials('rancher-ha');
    expect(readFileSync(f.env.KUBECONFIG!, 'utf8')).toContain('rancher-ha');
  });

  it('creates without prompting, with the worker count the answers ask for', async () => {
    expect(
      createClusterArgs({ name: 'c', externalHostname: 'c.lab.test', plan: 'rancher', workers: 4 }),
    ).toEqual([
      'create-cluster',
      'c',
      '-e',
      'c.lab.test',
      '-p',
      'rancher',
      '-n',
      '4',
      '--non-interactive',
    ]);
    await pks.createCluster({
      name: 'rancher-four',
      externalHostname: 'rancher-four-api.lab.test',
      plan: 'rancher',
      workers: 4,
    });
    expect((await pks.cluster('rancher-four'))?.workerInstances).toBe(4);
  });

  it('names the missing scope when creating a profile without it', async () => {
    f.lab.pks.login({
      apiEndpoint: 'api.pks.lab.test',
      user: 'dev',
      skipSslValidation: true,
      clusterAdmin: false,
    });
    try {
      const error = await pks
        .createNetworkProfile({ name: 'lb-x', description: '', lbSize: 'small' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PermanentError);
      expect((error as PermanentError).message).toBe(
        'Error: You do not have enough privileges to perform this action',
      );
      expect((error as PermanentError).remedy).toContain('pks.clusters.admin');
    } finally {
      f.lab.pks.login({
        apiEndpoint: 'api.pks.lab.test',
        user: 'admin',
        skipSslValidation: true,
        clusterAdmin: true,
      });
    }
  });

  it('detects the logged-out CLI', async () => {
    f.lab.pks.logout();
    try {
      const state = await pks.loggedIn();
      expect(state.ok).toBe(false);
      expect(state.ok ? '' : state.message).toContain('You are not currently authenticated');
      await expect(pks.cluster('rancher-ha')).rejects.toMatchObject({
        remedy: expect.stringContaining('log in again: pks login -a PKS-API -u USER'),
      });
    } finally {
      f.lab.pks.login({
        apiEndpoint: 'api.pks.lab.test',
        user: 'admin',
        skipSslValidation: true,
        clusterAdmin: true,
      });
    }
  });

  it('works the same as tkgi', async () => {
    const tkgi = new Pks({ binary: f.bin('tkgi'), env: f.env });
    expect((await tkgi.cluster('rancher-ha'))?.state).toBe('succeeded');
  });
});
