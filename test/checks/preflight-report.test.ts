import { describe, expect, it } from 'vitest';
import { fail, pass, skip, warn } from '../../source/checks/check.js';
import { preflightReport, summaryLine, verdict } from '../../source/checks/preflight-report.js';
import { jsonText, plainLines, tableLines } from '../../source/commands/preflight-output.js';

const report = preflightReport([
  pass('tools.pks', 'pks 1.20.0'),
  warn('dns.rancher', 'r.x resolves to 1.1.1.1', 'point it at 10.1.1.10'),
  skip('k8s.reachable', 'the cluster does not exist yet'),
]);

describe('the preflight report', () => {
  it('counts each status and decides: failures block, warnings ask', () => {
    expect(report.summary).toEqual({ pass: 1, warn: 1, fail: 0, skip: 1 });
    expect(verdict(report)).toBe('confirm');
    expect(verdict(preflightReport([pass('a', 'ok')]))).toBe('clear');
    expect(verdict(preflightReport([fail('a', 'no', 'fix')]))).toBe('blocked');
    expect(summaryLine(report)).toBe('preflight: 1 pass, 1 warn, 0 fail, 1 skip');
  });

  it('plain lines: one per check, the remedy below', () => {
    expect(plainLines(report)).toEqual([
      'PASS tools.pks: pks 1.20.0',
      'WARN dns.rancher: r.x resolves to 1.1.1.1',
      '  → point it at 10.1.1.10',
      'SKIP k8s.reachable: not checked: the cluster does not exist yet',
      'preflight: 1 pass, 1 warn, 0 fail, 1 skip',
    ]);
  });

  it('the table wraps messages to the terminal width', () => {
    const long = preflightReport([pass('tls.chain', 'word '.repeat(40).trim())]);
    const lines = tableLines(long, 60, false);
    expect(lines[0]).toMatch(/^STATUS\s+CHECK\s+MESSAGE$/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    expect(lines.filter((l) => l.includes('word')).length).toBeGreaterThan(1);
  });

  it('the table heads its columns in full and reads each status as a mark and a word', () => {
    const lines = tableLines(
      preflightReport([
        pass('tools.pks', 'pks 1.20.0'),
        warn('dns.rancher', 'r.x resolves to 1.1.1.1', 'point it at 10.1.1.10 '.repeat(4).trim()),
        fail('pks.plan-ha', 'plan dev-small has 1 master', 'use an HA plan'),
        skip('k8s.reachable', 'the cluster does not exist yet'),
      ]),
      70,
      false,
    );
    expect(lines[0]).toBe('STATUS  CHECK          MESSAGE');
    expect(lines).toContain('✓ pass  tools.pks      pks 1.20.0');
    expect(lines).toContain('! warn  dns.rancher    r.x resolves to 1.1.1.1');
    expect(lines).toContain('✗ fail  pks.plan-ha    plan dev-small has 1 master');
    expect(lines).toContain('- skip  k8s.reachable  not checked: the cluster does not exist yet');
    // A remedy that wraps goes on under its words, not under the arrow.
    const remedy = lines.findIndex((l) => l.includes('→ point it at'));
    expect(lines[remedy + 1]).toMatch(/^ {25}point it at/);
  });

  it('--json has exactly checks and summary', () => {
    const parsed = JSON.parse(jsonText(report)) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['checks', 'summary']);
  });
});
