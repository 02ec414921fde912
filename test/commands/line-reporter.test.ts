import { describe, expect, it } from 'vitest';
import { lineReporter } from '../../source/commands/line-reporter.js';

const at = (hours: number, minutes: number) => new Date(2026, 10, 28, hours, minutes).getTime();

describe('lineReporter', () => {
  it('prints a wait’s deadline once, when it starts; the looks after are not printed', () => {
    const lines: string[] = [];
    const report = lineReporter(
      (line) => lines.push(line),
      () => at(13, 34),
    );
    report({
      type: 'wait-started',
      step: 'ingress.dns',
      what: 'DNS to answer rancher.example.com → 10.0.0.5',
      deadline: at(14, 32),
    });
    for (let i = 0; i < 3; i++) report({ type: 'wait-checked', step: 'ingress.dns', early: false });
    expect(lines).toEqual([
      '  ingress.dns: waiting for DNS to answer rancher.example.com → 10.0.0.5; gives up at 14:32 (in 58m)',
    ]);
  });

  it('prints a fleet row once per state change, a failure with its fix', () => {
    const lines: string[] = [];
    const report = lineReporter((line) => lines.push(line));
    const row = { name: 'edge-001', mode: 'push' as const, attempts: 1 };
    report({
      type: 'fleet-rows',
      rows: [
        { ...row, state: 'queued', step: 'waiting its turn' },
        { ...row, name: 'edge-002', state: 'active', step: 'active' },
      ],
    });
    report({ type: 'fleet-row', row: { ...row, state: 'creating', step: 'looking it up' } });
    report({ type: 'fleet-row', row: { ...row, state: 'creating', step: 'creating it' } });
    report({
      type: 'fleet-row',
      row: { ...row, state: 'failed', step: 'x', lastError: 'DNS: no', fix: 'add it' },
    });
    expect(lines).toEqual([
      '  fleet: 2 clusters (1 queued, 1 active)',
      '  edge-001: creating (looking it up)',
      '  edge-001: FAILED: DNS: no',
      '    what to do: add it',
    ]);
  });
});
