import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, runCase, startSweepLab, stopSweepLab } from './bad-input-sweep-cases.js';

// The sweep of bad inputs, the even-numbered cases (bad-input-sweep-2.test.ts runs the
// others, so two workers share the sweep). The cases and how each is judged: bad-input-sweep-cases.ts.
beforeAll(startSweepLab);
afterAll(stopSweepLab);

describe('a sweep of bad inputs', () => {
  it('has over a hundred cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  const mine = cases.filter((_c, i) => i % 2 === 0);
  it.each(mine.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await runCase(c);
  });
});
