import { describe, expect, it } from 'vitest';
import { fakeLab } from './fake-lab.js';

describe('pks plans', () => {
  it('lists plans in the walkthrough columns', async () => {
    const { run } = fakeLab();
    const result = await run(['plans']);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Name\s+ID\s+Description$/);
    expect(result.stdout).toContain(
      'rancher     fa824527-318d-4253-9f8e-0025863b8c8a  Deploys HA configuration with 3 workers for testing Rancher HA builds.',
    );
    expect(result.stdout).toMatch(
      /^dev-small\s+8A0E21A8-8072-4D80-B365-D1F502085560\s+1 master; 2 workers \(max 4\)$/m,
    );
    expect(result.stdout).not.toMatch(/ +$/m);
  });

  it('gives masters, workers and privileged in --json', async () => {
    const { run } = fakeLab();
    const result = await run(['plans', '--json']);
    expect(result.exitCode).toBe(0);
    const plans = JSON.parse(result.stdout) as Record<string, unknown>[];
    const byName = new Map(plans.map((p) => [p.name, p]));
    expect([...byName.keys()]).toEqual(
      expect.arrayContaining([
        'dev-small',
        'dev-large',
        'prod-large',
        'dev-tiny',
        'rancher',
        'small-ha',
      ]),
    );
    expect(byName.get('rancher')).toMatchObject({
      worker_instances: 3,
      master_instances: 3,
      'allow-privileged-containers': true,
      description: 'Deploys HA configuration with 3 workers for testing Rancher HA builds.',
    });
    expect(byName.get('small-ha')).toMatchObject({
      worker_instances: 3,
      master_instances: 3,
      'allow-privileged-containers': false,
    });
    expect(byName.get('prod-large')).toMatchObject({ master_instances: 3, worker_instances: 10 });
    for (const plan of plans) expect(plan.id).toMatch(/^[0-9a-f-]{36}$/i);
  });
});
