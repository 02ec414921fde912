import { describe, expect, it } from 'vitest';
import type { FleetRow } from '../../../source/engine/fleet/fleet-row.js';
import { importedByLabel } from '../../../source/engine/fleet/fleet-label.js';
import { RancherApiError } from '../../../source/systems/rancher-api-types.js';
import { fleetFacts, fleetWorld, inventoryOf, runImport } from './fleet-fakes.js';

const rowsOf = (facts: ReturnType<typeof fleetFacts>) => facts.fleet!.rows;

describe('the fleet import plan', () => {
  it('imports push clusters to Active and bundles offline ones, which turn Active once applied', async () => {
    const inventory = inventoryOf([
      { name: 'edge-001' },
      { name: 'edge-002' },
      { name: 'edge-003', offline: true },
    ]);
    const world = fleetWorld(inventory);
    const facts = fleetFacts();
    const { status, events } = await runImport(world, facts, {
      onEvent: (e) => {
        // The site applies its bundle as soon as it is written.
        if (e.type === 'fleet-row' && e.row.state === 'bundled')
          world.rancher.connect(e.row.clusterId!);
      },
    });
    expect(status).toBe('done');
    expect(Object.values(rowsOf(facts)).map((r) => r.state)).toEqual([
      'active',
      'active',
      'active',
    ]);
    expect(world.bundles.get('edge-003')).toContain('cattle-cluster-agent');
    expect(world.downstreams.get('edge-001')!.applied.map((o) => o.kind)).toContain('Deployment');
    const created = world.rancher.named('edge-001')[0]!;
    expect(created.labels).toMatchObject({ site: 'store-0', [importedByLabel]: 'install-1' });
    expect(events.some((e) => e.type === 'fleet-rows')).toBe(true);
    // Never a token in the facts.
    expect(JSON.stringify(facts)).not.toMatch(/secret|tok c-/);
  });

  it('ends only the cluster at fault, each with its own reason and fix', async () => {
    const names = [
      'ok-1',
      'unreachable',
      'old-k8s',
      'no-dns',
      'bad-ca',
      'stuck-agent',
      'taken',
      'ok-2',
    ];
    const world = fleetWorld(inventoryOf(names.map((name) => ({ name }))));
    world.downstreams.get('unreachable')!.unreachable = true;
    world.downstreams.get('old-k8s')!.kubeVersion = 'v1.29.4';
    world.downstreams.get('no-dns')!.reach = {
      exitCode: 6,
      log: 'curl: (6) Could not resolve host: rancher.lab.test',
    };
    world.downstreams.get('bad-ca')!.reach = {
      exitCode: 60,
      log: 'curl: (60) SSL certificate problem: unable to get local issuer certificate',
    };
    world.downstreams.get('stuck-agent')!.agentStuck = true;
    world.rancher.add('taken', {}, 'active', 'rke2');
    const facts = fleetFacts();
    const { status } = await runImport(world, facts);
    expect(status).toBe('failed');
    const rows = rowsOf(facts);
    expect(rows['ok-1']!.state).toBe('active');
    expect(rows['ok-2']!.state).toBe('active');
    expect(rows.unreachable).toMatchObject({
      state: 'failed',
      lastError: expect.stringContaining('does not answer'),
    });
    expect(rows['old-k8s']).toMatchObject({
      state: 'failed',
      lastError: expect.stringContaining('outside what Rancher 2.13 supports (1.32–1.34)'),
    });
    expect(rows['no-dns']).toMatchObject({
      state: 'failed',
      lastError: expect.stringMatching(/^DNS: .*Could not resolve host/),
    });
    expect(rows['bad-ca']).toMatchObject({
      state: 'failed',
      lastError: expect.stringMatching(/^TLS\/CA: .*\(60\)/),
    });
    expect(rows['stuck-agent']).toMatchObject({
      state: 'failed',
      lastError: expect.stringContaining('agent did not connect'),
    });
    expect(rows.taken).toMatchObject({
      state: 'failed',
      lastError: expect.stringContaining('did not import'),
    });
    for (const row of Object.values(rows).filter((r) => r.state === 'failed'))
      expect(row.fix).toBeTruthy();
    // The foreign cluster was left alone and nobody made a second.
    expect(world.rancher.named('taken')).toHaveLength(1);
  });

  it('never creates a cluster twice, even when the create answer was lost', async () => {
    const world = fleetWorld(inventoryOf([{ name: 'edge-001' }, { name: 'edge-002' }]));
    world.rancher.lostCreates = 2;
    const facts = fleetFacts();
    expect((await runImport(world, facts)).status).toBe('done');
    expect(world.rancher.named('edge-001')).toHaveLength(1);
    expect(world.rancher.named('edge-002')).toHaveLength(1);
  });

  it('retries a step through 429s and 503s without failing the cluster', async () => {
    const world = fleetWorld(inventoryOf([{ name: 'edge-001' }]));
    world.rancher.faults.push(
      {
        method: 'createCluster',
        times: 2,
        error: () => new RancherApiError('429 Too Many Requests', 429, true),
      },
      { method: 'registration', times: 1, error: () => new RancherApiError('503', 503, true) },
    );
    world.rancher.emptyTokenReads = 1;
    const facts = fleetFacts();
    expect((await runImport(world, facts)).status).toBe('done');
    expect(rowsOf(facts)['edge-001']!.state).toBe('active');
    expect(world.rancher.named('edge-001')).toHaveLength(1);
  });

  it.each([
    ['queued', false],
    ['checking', false],
    ['creating', false],
    ['creating', true],
    ['registering', true],
    ['applying', true],
    ['connecting', true],
    ['bundled', true],
    ['failed', true],
    ['active', true],
  ] as const)(
    'resumes a row left %s (in Rancher: %s) to Active, never twice',
    async (state, inRancher) => {
      const offline = state === 'bundled';
      const world = fleetWorld(inventoryOf([{ name: 'edge-001', offline }]));
      const facts = fleetFacts();
      const existing = inRancher
        ? world.rancher.add(
            'edge-001',
            { [importedByLabel]: 'install-1' },
            state === 'active' ? 'active' : 'pending',
          )
        : undefined;
      facts.fleet!.rows['edge-001'] = {
        state,
        mode: offline ? 'offline' : 'push',
        step: 'where it was',
        attempts: 1,
        ...(existing && state !== 'creating' ? { clusterId: existing.id } : {}),
      };
      const { status } = await runImport(world, facts, {
        onEvent: (e) => {
          if (e.type === 'fleet-row' && e.row.state === 'bundled')
            world.rancher.connect(e.row.clusterId!);
        },
      });
      expect(status).toBe('done');
      expect(rowsOf(facts)['edge-001']!.state).toBe('active');
      expect(world.rancher.named('edge-001')).toHaveLength(1);
    },
  );

  it('a stop leaves each row where it was; the resume finishes them without duplicates', async () => {
    const names = Array.from({ length: 30 }, (_, i) => ({
      name: `edge-${String(i).padStart(3, '0')}`,
    }));
    const world = fleetWorld(inventoryOf(names));
    const facts = fleetFacts(5);
    const stop = new AbortController();
    let changes = 0;
    const first = await runImport(world, facts, {
      signal: stop.signal,
      onEvent: (e) => {
        if (e.type === 'fleet-row' && ++changes === 150) stop.abort(new Error('interrupted'));
      },
    });
    expect(first.status).toBe('interrupted');
    const rows = Object.values(rowsOf(facts));
    expect(rows.some((r) => r.state === 'failed')).toBe(false);
    expect(rows.some((r) => r.state !== 'active')).toBe(true);
    const second = await runImport(world, facts);
    expect(second.status).toBe('done');
    expect(Object.values(rowsOf(facts)).every((r) => r.state === 'active')).toBe(true);
    for (const { name } of names) expect(world.rancher.named(name)).toHaveLength(1);
  });

  it('refuses with the numbers when the fleet does not fit the pod IP block, importing nothing', async () => {
    const names = Array.from({ length: 300 }, (_, i) => ({ name: `edge-${i}` }));
    const world = fleetWorld(inventoryOf(names));
    const facts = fleetFacts(20);
    const { status, events } = await runImport(world, facts);
    expect(status).toBe('failed');
    const failed = events.find((e) => e.type === 'step-failed');
    expect(failed && 'error' in failed ? failed.error : '').toBe(
      'NSX-T budget: 300 imports × 3 namespaces (assumed until the first import measures it) = 900 more; the /16 pod IP block holds 256 /24 subnets (a /16 block is assumed: give --pod-ip-block-prefix N), 12 in use: does not fit',
    );
    expect(world.rancher.creates).toBe(0);
  });

  it('measures the namespaces of the first import and re-checks the budget with them', async () => {
    const names = Array.from({ length: 60 }, (_, i) => ({ name: `edge-${i}` }));
    const world = fleetWorld(inventoryOf(names));
    world.namespaces.perCreate = 5; // more than assumed: 59 × 5 = 295 does not fit a /16's 256
    const facts = fleetFacts(10);
    const { status, events } = await runImport(world, facts);
    expect(facts.fleet!.namespacesPerImport).toBe(5);
    expect(facts.fleet!.namespacesMeasured).toBe(true);
    expect(status).toBe('failed');
    const failed = events.find((e) => e.type === 'step-failed');
    expect(failed && 'error' in failed ? failed.error : '').toContain(
      '59 imports × 5 namespaces (measured) = 295 more',
    );
    expect(world.rancher.creates).toBe(1);
  });

  it('--check changes nothing in Rancher and reports each row', async () => {
    const world = fleetWorld(inventoryOf([{ name: 'a' }, { name: 'b' }]));
    world.downstreams.get('b')!.reach = {
      exitCode: 7,
      log: 'curl: (7) Failed to connect to rancher.lab.test port 443',
    };
    const facts = fleetFacts();
    const { status } = await runImport(world, facts, { checkOnly: true });
    expect(status).toBe('done');
    expect(world.rancher.creates).toBe(0);
    expect(rowsOf(facts).a!.state).toBe('queued');
    expect(rowsOf(facts).b).toMatchObject({
      state: 'failed',
      lastError: expect.stringMatching(/^TCP: /),
    });
  });

  it('keeps at most N clusters in flight', async () => {
    const names = Array.from({ length: 40 }, (_, i) => ({ name: `edge-${i}` }));
    const world = fleetWorld(inventoryOf(names));
    const busy = new Set<string>();
    let most = 0;
    const facts = fleetFacts(7);
    await runImport(world, facts, {
      onEvent: (e) => {
        if (e.type !== 'fleet-row') return;
        const row: FleetRow = e.row;
        if (['creating', 'registering', 'applying'].includes(row.state)) busy.add(row.name);
        else busy.delete(row.name);
        most = Math.max(most, busy.size);
      },
    });
    expect(most).toBeLessThanOrEqual(7);
    expect(most).toBeGreaterThan(1);
  });
});
