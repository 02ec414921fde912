import { describe, expect, it } from 'vitest';
import { ownSignals } from '../../source/commands/own-signals.js';
import { waitFor } from '../helpers/wait-for.js';

// SIGUSR2 stands in for SIGINT: the test runner's own Ctrl-C handling stays out of it.
describe('ownSignals', () => {
  it('sets one-shot listeners aside while a run owns the signal, and puts them back', async () => {
    let oneShot = 0;
    const lasting: string[] = [];
    // when-exit's kind: once, then it would send the signal again.
    process.once('SIGUSR2', () => oneShot++);
    const keep = () => lasting.push('signal');
    process.on('SIGUSR2', keep);
    const seen: string[] = [];
    const release = ownSignals(['SIGUSR2'], () => seen.push('run'));
    try {
      process.kill(process.pid, 'SIGUSR2');
      await waitFor(() => seen.length === 1, 'the run to hear the signal');
      expect(oneShot).toBe(0);
      expect(lasting).toEqual(['signal']);
    } finally {
      release();
    }
    process.kill(process.pid, 'SIGUSR2');
    await waitFor(() => oneShot === 1, 'the one-shot listener, back');
    expect(seen).toEqual(['run']);
    process.off('SIGUSR2', keep);
    expect(process.listenerCount('SIGUSR2')).toBe(0);
  });
});
