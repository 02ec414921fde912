import { describe, expect, it } from 'vitest';
import { fail, pass, skip, warn } from '../../../source/checks/check.js';
import { checksByUrgency, reportLines } from '../../../source/ui/preflight/report-lines.js';

describe('the preflight report’s lines', () => {
  it('orders failures, warnings, checks that could not run, then passes (each kept in its order)', () => {
    const ids = checksByUrgency([
      pass('a', 'ok'),
      skip('b', 'no cluster yet'),
      warn('c', 'hm', 'look'),
      fail('d', 'no', 'fix'),
      pass('e', 'ok'),
      fail('f', 'no', 'fix'),
    ]).map((c) => c.id);
    expect(ids).toEqual(['d', 'f', 'c', 'b', 'a', 'e']);
  });

  const chain = fail(
    'tls.chain',
    'the certificate does not chain to the CA in cacerts.pem',
    'give the chain',
  );

  it('wide: messages in a column beside the ids, wrapped lines and remedies under their text', () => {
    const lines = reportLines([chain, pass('k8s.reachable', 'ok')], 60);
    expect(lines.map((l) => `${l.id ?? ''}${l.text}`)).toEqual([
      // Joined without the mark ("✗ "): on screen every part starts two columns later.
      'tls.chain      the certificate does not chain to the CA',
      '                 in cacerts.pem',
      '                 → give the chain',
      'k8s.reachable  ok',
    ]);
    // The mark and its space take two columns on a check's first line.
    for (const line of lines)
      expect(
        (line.id === undefined ? 0 : 2 + line.id.length) + line.text.length,
      ).toBeLessThanOrEqual(60);
  });

  it('narrow: messages under the ids, indented', () => {
    const lines = reportLines([chain], 30);
    expect(lines.map((l) => `${l.id ?? ''}${l.text}`)).toEqual([
      'tls.chain',
      '    the certificate does not',
      '    chain to the CA in',
      '    cacerts.pem',
      '    → give the chain',
    ]);
    for (const line of lines)
      expect(
        (line.id === undefined ? 0 : 2 + line.id.length) + line.text.length,
      ).toBeLessThanOrEqual(30);
  });

  it('keeps the mark on the first line when the id does not fit it whole', () => {
    const [first] = reportLines([fail('x'.repeat(40), 'broken', 'fix')], 20);
    expect(first).toMatchObject({ id: '', text: 'x'.repeat(17) });
  });
});
