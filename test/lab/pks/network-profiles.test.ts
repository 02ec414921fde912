import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeLab } from './fake-lab.js';

const LB_MEDIUM = {
  name: 'lb-medium',
  description: 'Network profile for medium NSX-T load balancer',
  parameters: { lb_size: 'medium' },
};

function writeJson(dir: string, file: string, value: unknown): void {
  writeFileSync(join(dir, file), JSON.stringify(value));
}

describe('pks network profiles', () => {
  it('creates a profile from a file relative to the cwd and lists it', async () => {
    const { run, dir } = fakeLab();
    writeJson(dir, 'lb-medium.json', LB_MEDIUM);
    const created = await run(['create-network-profile', 'lb-medium.json']);
    expect(created).toMatchObject({ exitCode: 0, stderr: '' });
    expect(created.stdout).toContain('Network profile lb-medium successfully created');

    const list = await run(['network-profiles']);
    expect(list.stdout).toMatch(/^Name\s+Description$/m);
    expect(list.stdout).toContain('lb-medium  Network profile for medium NSX-T load balancer');

    const listJson = JSON.parse((await run(['network-profiles', '--json'])).stdout) as unknown;
    expect(listJson).toEqual([LB_MEDIUM]);
    const one = await run(['network-profile', 'lb-medium', '--json']);
    expect(JSON.parse(one.stdout)).toEqual(LB_MEDIUM);
    expect((await run(['network-profile', 'lb-medium'])).stdout).toContain('"lb_size":"medium"');
  });

  it('defaults lb_size to small', async () => {
    const { run, dir } = fakeLab();
    writeJson(dir, 'np.json', { name: 'np-default', description: 'd' });
    expect((await run(['create-network-profile', 'np.json'])).exitCode).toBe(0);
    const one = JSON.parse((await run(['network-profile', 'np-default', '--json'])).stdout) as {
      parameters: { lb_size: string };
    };
    expect(one.parameters.lb_size).toBe('small');
  });

  it('rejects an lb_size outside small|medium|large', async () => {
    const { run, dir } = fakeLab();
    writeJson(dir, 'bad.json', { ...LB_MEDIUM, parameters: { lb_size: 'huge' } });
    const result = await run(['create-network-profile', 'bad.json']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^Error: Status: 400; .*lb_size.*"huge".*small, medium, large/);
    expect((await run(['network-profiles', '--json'])).stdout.trim()).toBe('[]');
  });

  it('rejects a duplicate name', async () => {
    const { run, dir } = fakeLab();
    writeJson(dir, 'lb-medium.json', LB_MEDIUM);
    await run(['create-network-profile', 'lb-medium.json']);
    const again = await run(['create-network-profile', 'lb-medium.json']);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('Network profile lb-medium already exists');
  });

  it('reports a missing file and bad JSON', async () => {
    const { run, dir } = fakeLab();
    const missing = await run(['create-network-profile', 'nope.json']);
    expect(missing).toMatchObject({ exitCode: 1 });
    expect(missing.stderr).toBe('Error: open nope.json: no such file or directory\n');
    writeFileSync(join(dir, 'broken.json'), '{ not json');
    const broken = await run(['create-network-profile', 'broken.json']);
    expect(broken.exitCode).toBe(1);
    expect(broken.stderr).toMatch(/^Error: invalid network profile file/);
  });

  it('needs the pks.clusters.admin scope to create', async () => {
    const { run, dir } = fakeLab({ clusterAdmin: false });
    writeJson(dir, 'lb-medium.json', LB_MEDIUM);
    const result = await run(['create-network-profile', 'lb-medium.json']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('You do not have enough privileges to perform this action');
  });

  it('deletes a profile after confirmation, and refuses one in use', async () => {
    const { run, dir, state } = fakeLab();
    writeJson(dir, 'lb-medium.json', LB_MEDIUM);
    await run(['create-network-profile', 'lb-medium.json']);
    await run([
      'create-cluster',
      'c1',
      '-e',
      'c1.lab.test',
      '-p',
      'rancher',
      '--network-profile',
      'lb-medium',
    ]);
    await state.idle();
    const inUse = await run(['delete-network-profile', 'lb-medium', '--non-interactive']);
    expect(inUse.exitCode).toBe(1);
    expect(inUse.stderr).toContain('in use by cluster(s): c1');
    await run(['delete-cluster', 'c1', '--non-interactive', '--wait']);
    const declined = await run(['delete-network-profile', 'lb-medium'], { stdin: 'n\n' });
    expect(declined.exitCode).toBe(0);
    expect(state.networkProfile('lb-medium')).toBeDefined();
    const deleted = await run(['delete-network-profile', 'lb-medium'], { stdin: 'y\n' });
    expect(deleted.exitCode).toBe(0);
    expect(deleted.stdout).toContain(
      'Are you sure you want to delete the network profile lb-medium? (y/n): ',
    );
    expect(state.networkProfile('lb-medium')).toBeUndefined();
  });
});
