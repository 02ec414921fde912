import { render } from 'ink-testing-library';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { StageRow } from '../../../source/ui/run/run-state.js';
import { StageList } from '../../../source/ui/run/StageList.js';

function stage(id: StageRow['id'], status: StageRow['status'], steps: StageRow['steps']): StageRow {
  return { id, title: id.toUpperCase(), status, startedAt: 0, durationMs: 90_000, steps };
}

const step = (i: number, status: StageRow['steps'][number]['status']) => ({
  id: `s${i}`,
  title: `step ${i}`,
  status,
  startedAt: 0,
  durationMs: 1200,
  retries: 0,
});

describe('StageList', () => {
  it('marks each step: done ✓ with time, running ▸ with elapsed, failed ✗, pending ·', () => {
    const live = stage('cluster', 'running', [
      step(0, 'done'),
      step(1, 'running'),
      step(2, 'pending'),
    ]);
    const { lastFrame } = render(
      <StageList
        finished={[]}
        live={live}
        pending={[stage('helm', 'pending', [])]}
        stepLines={5}
        now={7_000}
        width={80}
      />,
    );
    const frame = stripVTControlCharacters(lastFrame()!);
    expect(frame).toMatch(/CLUSTER {2}7s/);
    expect(frame).toContain('✓ step 0  1s');
    expect(frame).toContain('▸ step 1  7s');
    expect(frame).toContain('· step 2');
    expect(frame).toContain('next: · HELM');
    // A failed stage keeps the time it ran for, however long the screen stays up after.
    const failed = {
      ...stage('cluster', 'failed', [step(0, 'done'), step(1, 'failed')]),
      durationMs: 7_000,
    };
    const { lastFrame: failedFrame } = render(
      <StageList finished={[]} live={failed} pending={[]} stepLines={5} now={60_000} width={80} />,
    );
    expect(failedFrame()).toContain('✗ CLUSTER  failed after 7s');
    expect(failedFrame()).toContain('✗ step 1  failed');
  });

  it('shows a window around the current step when the steps do not fit', () => {
    const steps = Array.from({ length: 8 }, (_, i) =>
      step(i, i < 5 ? 'done' : i === 5 ? 'running' : 'pending'),
    );
    const { lastFrame } = render(
      <StageList
        finished={[]}
        live={stage('cluster', 'running', steps)}
        pending={[]}
        stepLines={4}
        now={0}
        width={80}
      />,
    );
    const frame = lastFrame()!;
    expect(frame).toContain('✓ 4 earlier steps');
    expect(frame).toContain('step 4');
    expect(frame).toContain('step 5');
    expect(frame).toContain('· 2 more steps');
    expect(frame).not.toContain('step 0');
  });

  it('prints finished stages once, above the live area', () => {
    const done = stage('cluster', 'done', [step(0, 'done')]);
    const live = stage('helm', 'running', [step(0, 'running')]);
    const { lastFrame, rerender } = render(
      <StageList finished={[done]} live={live} pending={[]} stepLines={3} now={0} width={80} />,
    );
    rerender(
      <StageList finished={[done]} live={live} pending={[]} stepLines={3} now={1000} width={80} />,
    );
    const frame = lastFrame()!;
    expect(frame.indexOf('✓ CLUSTER  1m30s')).toBeLessThan(frame.indexOf('HELM'));
    expect(frame.split('CLUSTER').length - 1).toBe(1);
  });
});
