import { describe, expect, it } from 'vitest';
import { fakeLab } from './fake-lab.js';

interface ClusterJson {
  name: string;
  plan_name: string;
  uuid: string;
  last_action: string;
  last_action_state: string;
  last_action_description: string;
  kubernetes_master_ips: string[];
  network_profile_name: string;
  parameters: {
    kubernetes_master_host: string;
    kubernetes_master_port: number;
    kubernetes_worker_instances: number;
  };
}

const CREATE = [
  'create-cluster',
  'czpksrancher05',
  '-e',
  'czpksrancher05.lab.test',
  '-p',
  'rancher',
];

async function clusterJson(run: ReturnType<typeof fakeLab>['run'], name: string) {
  const result = await run(['cluster', name, '--json']);
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout) as ClusterJson;
}

describe('pks create-cluster', () => {
  it('starts in progress with "In Progress" master IPs and prints the details block', async () => {
    const { run } = fakeLab();
    const result = await run(CREATE);
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(result.stdout).toContain('Name:                     czpksrancher05\n');
    expect(result.stdout).toContain('Plan Name:                rancher\n');
    expect(result.stdout).toContain('Last Action:              CREATE\n');
    expect(result.stdout).toContain('Last Action State:        in progress\n');
    expect(result.stdout).toContain('Kubernetes Master Host:   czpksrancher05.lab.test\n');
    expect(result.stdout).toContain('Kubernetes Master Port:   8443\n');
    expect(result.stdout).toContain('Worker Nodes:             3\n');
    expect(result.stdout).toContain('Kubernetes Master IP(s):  In Progress\n');
    expect(result.stdout).toContain(
      "Use 'pks cluster czpksrancher05' to monitor the state of your cluster",
    );
    const json = await clusterJson(run, 'czpksrancher05');
    expect(json).toMatchObject({
      last_action: 'CREATE',
      last_action_state: 'in progress',
      kubernetes_master_ips: ['In Progress'],
    });
  });

  it('reaches succeeded with the runtime master IPs and the DNS A record', async () => {
    const { run, state, lab, startedSpecs } = fakeLab();
    const created = await run(CREATE);
    expect(created.exitCode).toBe(0);
    await state.idle();
    const json = await clusterJson(run, 'czpksrancher05');
    expect(json).toMatchObject({
      name: 'czpksrancher05',
      plan_name: 'rancher',
      last_action: 'CREATE',
      last_action_state: 'succeeded',
      last_action_description: 'Instance provisioning completed',
      kubernetes_master_ips: ['127.20.1.10', '127.20.1.11', '127.20.1.12'],
      network_profile_name: '',
      parameters: {
        kubernetes_master_host: 'czpksrancher05.lab.test',
        kubernetes_master_port: 8443,
        kubernetes_worker_instances: 3,
      },
    });
    expect(startedSpecs).toEqual([
      {
        name: 'czpksrancher05',
        uuid: json.uuid,
        externalHostname: 'czpksrancher05.lab.test',
        masters: 3,
        workers: 3,
      },
    ]);
    expect(lab.dns.lookup('czpksrancher05.lab.test')).toEqual(['127.20.1.10']);
    const text = (await run(['cluster', 'czpksrancher05'])).stdout;
    expect(text).toContain('Kubernetes Master IP(s):  127.20.1.10, 127.20.1.11, 127.20.1.12\n');
  });

  it('honours --num-nodes and --network-profile, and --wait blocks until done', async () => {
    const { run, dir } = fakeLab();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      `${dir}/lb.json`,
      JSON.stringify({ name: 'lb-medium', description: 'm', parameters: { lb_size: 'medium' } }),
    );
    await run(['create-network-profile', 'lb.json']);
    const result = await run([
      'create-cluster',
      'c2',
      '--external-hostname=c2.lab.test',
      '--plan',
      'small-ha',
      '-n',
      '5',
      '--network-profile',
      'lb-medium',
      '--json',
      '--wait',
    ]);
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout) as ClusterJson;
    expect(json).toMatchObject({
      last_action_state: 'succeeded',
      network_profile_name: 'lb-medium',
      parameters: { kubernetes_worker_instances: 5 },
    });
  });

  it('ends in failed under the pksCreateFails fault, with no cluster started', async () => {
    const { run, state, lab, startedSpecs } = fakeLab();
    lab.faults.set({ pksCreateFails: true });
    await run(CREATE);
    await state.idle();
    const json = await clusterJson(run, 'czpksrancher05');
    expect(json.last_action_state).toBe('failed');
    expect(json.last_action_description).toMatch(
      /^Instance provisioning failed: .*service-instance-guid: /,
    );
    expect(json.last_action_description).toContain(json.uuid);
    expect(startedSpecs).toEqual([]);
    expect(lab.dns.lookup('czpksrancher05.lab.test')).toBeUndefined();
  });

  it('--wait on a failing create exits 1', async () => {
    const { run, lab } = fakeLab();
    lab.faults.set({ pksCreateFails: true });
    const result = await run([...CREATE, '--wait']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('Last Action State:        failed');
    expect(result.stderr).toMatch(
      /^Error: Cluster czpksrancher05 failed: Instance provisioning failed/,
    );
  });

  it('marks the cluster failed when the lab cannot start it', async () => {
    const { run, state, lab } = fakeLab();
    lab.startCluster = async () => {
      throw new Error('no free loopback address');
    };
    await run(CREATE);
    await state.idle();
    const json = await clusterJson(run, 'czpksrancher05');
    expect(json.last_action_state).toBe('failed');
    expect(json.last_action_description).toContain('no free loopback address');
  });

  it.each([
    [['-p', 'nope', '-e', 'x.lab.test'], /^Error: Status: 400; .*plan nope not found/],
    [
      ['-p', 'rancher', '-e', 'x.lab.test', '--network-profile', 'nope'],
      /network profile nope not found/,
    ],
    [['-p', 'rancher', '-e', 'bad_host!'], /^Error: Invalid external hostname "bad_host!"/],
    [['-p', 'rancher', '-e', 'x.lab.test', '-n', '99'], /Invalid number of worker nodes: 99/],
    [
      ['-p', 'rancher', '-e', 'x.lab.test', '-n', 'three'],
      /^Error: invalid argument "three" for "-n, --num-nodes" flag/,
    ],
    [['-e', 'x.lab.test'], /^Error: required flag\(s\) "plan" not set\nUsage:/],
  ])('rejects create-cluster c %j', async (flags, error) => {
    const { run, state } = fakeLab();
    const result = await run(['create-cluster', 'c', ...flags]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(error);
    expect(state.clusterList()).toEqual([]);
  });

  it('rejects a taken name and a bad name', async () => {
    const { run } = fakeLab();
    await run(CREATE);
    const again = await run(CREATE);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('cluster name czpksrancher05 already taken');
    const bad = await run(['create-cluster', '9lives', '-e', 'x.lab.test', '-p', 'rancher']);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/^Error: Invalid cluster name "9lives"/);
  });
});

describe('pks cluster / clusters', () => {
  it('reports an unknown cluster', async () => {
    const { run } = fakeLab();
    const result = await run(['cluster', 'ghost']);
    expect(result).toEqual({ stdout: '', stderr: 'Error: cluster ghost not found\n', exitCode: 1 });
    expect((await run(['cluster', 'ghost', '--json'])).exitCode).toBe(1);
  });

  it('lists clusters as text and JSON', async () => {
    const { run, state } = fakeLab();
    await run(CREATE);
    await state.idle();
    const text = (await run(['clusters'])).stdout;
    expect(text).toMatch(/^Name\s+Plan Name\s+UUID\s+Status\s+Action$/m);
    expect(text).toMatch(/^czpksrancher05\s+rancher\s+[0-9a-f-]{36}\s+succeeded\s+CREATE$/m);
    const list = JSON.parse((await run(['clusters', '--json'])).stdout) as ClusterJson[];
    expect(list.map((c) => c.name)).toEqual(['czpksrancher05']);
  });
});

describe('pks delete-cluster', () => {
  it('asks for confirmation on stdin and does nothing on "n"', async () => {
    const { run, state } = fakeLab();
    await run(CREATE);
    await state.idle();
    const declined = await run(['delete-cluster', 'czpksrancher05'], { stdin: 'n\n' });
    expect(declined.exitCode).toBe(0);
    expect(declined.stdout).toContain(
      'Are you sure you want to delete cluster czpksrancher05? (y/n): ',
    );
    expect(state.cluster('czpksrancher05')?.lastAction).toBe('CREATE');
    const noInput = await run(['delete-cluster', 'czpksrancher05']);
    expect(noInput).toMatchObject({ exitCode: 1, stderr: 'Error: EOF\n' });
  });

  it('deletes: DELETE in progress, then gone, runtime stopped, DNS removed', async () => {
    const { run, state, lab, runtimes } = fakeLab();
    await run(CREATE);
    await state.idle();
    const result = await run(['delete-cluster', 'czpksrancher05'], { stdin: 'y\n' });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(
      "Use 'pks cluster czpksrancher05' to monitor the state of your cluster",
    );
    const json = await clusterJson(run, 'czpksrancher05');
    expect(json).toMatchObject({
      last_action: 'DELETE',
      last_action_state: 'in progress',
      last_action_description: 'Instance deletion in progress',
    });
    await state.idle();
    expect((await run(['cluster', 'czpksrancher05'])).exitCode).toBe(1);
    expect(runtimes.get('czpksrancher05')?.stopped).toBe(true);
    expect(lab.dns.lookup('czpksrancher05.lab.test')).toBeUndefined();
  });

  it('refuses while an operation runs, and --non-interactive --wait finishes the delete', async () => {
    const { run, state } = fakeLab();
    await run(CREATE);
    const busy = await run(['delete-cluster', 'czpksrancher05', '--non-interactive']);
    expect(busy.exitCode).toBe(1);
    expect(busy.stderr).toContain('An operation is in progress for your service instance');
    await state.idle();
    const done = await run(['delete-cluster', 'czpksrancher05', '--non-interactive', '--wait']);
    expect(done.exitCode).toBe(0);
    expect(state.cluster('czpksrancher05')).toBeUndefined();
  });

  it('deletes a failed cluster', async () => {
    const { run, state, lab } = fakeLab();
    lab.faults.set({ pksCreateFails: true });
    await run(CREATE);
    await state.idle();
    const done = await run(['delete-cluster', 'czpksrancher05', '--non-interactive', '--wait']);
    expect(done.exitCode).toBe(0);
    expect(state.clusterList()).toEqual([]);
  });
});
