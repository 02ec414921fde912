import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../../../source/config/load-answers.js';
import { SessionStore } from '../../../source/session/session-store.js';
import { fleetFacts, fleetWorld, inventoryOf, runImport } from './fleet-fakes.js';

describe('the fleet rows in a real session', () => {
  it('keeps 300 rows through coalesced writes; the file holds every row at the end, no token', async () => {
    const home = mkdtempSync(join(tmpdir(), 'rpt-fleet-home-'));
    const store = new SessionStore({ env: { RANCHER_PKS_TUI_HOME: home } });
    const answers = parseAnswers(
      {
        pks: { plan: 'large', cluster: 'czpksrancher05', externalHostname: 'cz.pks.example.test' },
        rancher: { hostname: 'rancher.lab.test', replicas: 3 },
        tls: { cert: '/certs/tls.crt', key: '/certs/tls.key', caCerts: '/certs/cacerts.pem' },
      },
      '/',
      {},
    );
    const session = store.create(answers, 'import');
    const names = Array.from({ length: 300 }, (_, i) => ({ name: `edge-${i}`, offline: false }));
    const world = fleetWorld(inventoryOf(names));
    world.namespaces.count = 0;
    world.namespaces.perCreate = 0; // nothing measured: the assumption holds (300 × 3 > 256)
    const facts = fleetFacts(20, { podIpBlockPrefix: 14 });
    const started = process.hrtime.bigint();
    let changes = 0;
    const { status, writes } = await runImport(world, facts, {
      onEvent: (e) => {
        if (e.type === 'fleet-row') changes += 1;
      },
      recordFacts: (f) => session.setFacts(f),
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(status).toBe('done');
    const saved = store.get(session.id)!.facts.fleet!.rows;
    expect(Object.keys(saved)).toHaveLength(300);
    expect(Object.values(saved).every((r) => r.state === 'active')).toBe(true);
    // Far fewer session writes than row changes (figures for the report, not assertions of speed).
    expect(writes).toBeLessThan(changes / 5);
    console.log(`300 rows: ${changes} row changes, ${writes} session writes, ${Math.round(ms)} ms`);
  });
});
