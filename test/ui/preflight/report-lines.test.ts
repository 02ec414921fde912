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

  it('wraps to the width, continuation lines indented, remedies under their check', () => {
    const lines = reportLines(
      [
        fail(
          'tls.chain',
          'the certificate does not chain to the CA in cacerts.pem',
          'give the chain',
        ),
      ],
      30,
    );
    expect(lines.map((l) => `${l.id ?? ''}${l.text}`)).toEqual([
      'tls.chain  the certificate',
      '  does not chain to the CA in',
      '  cacerts.pem',
      '    → give the chain',
    ]);
    // The mark and its space take two columns on a check's first line.
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
