import { afterAll, beforeAll, describe, it } from 'vitest';
import { cases, runCase, startSweepLab, stopSweepLab } from './bad-input-sweep-cases.js';

// The sweep of bad inputs, the odd-numbered cases (bad-input-sweep.test.ts runs the
// others, so two workers share the sweep). The cases and how each is judged: bad-input-sweep-cases.ts.
beforeAll(startSweepLab);
afterAll(stopSweepLab);

describe('a sweep of bad inputs (continued)', () => {
  const mine = cases.filter((_c, i) => i % 2 === 1);
  it.each(mine.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await runCase(c);
  });
});
