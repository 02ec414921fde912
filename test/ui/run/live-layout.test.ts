import { describe, expect, it } from 'vitest';
import { liveLayout } from '../../../source/ui/run/live-layout.js';
import { runReducer } from '../../../source/ui/run/run-state.js';
import { panelsForStage } from '../../../source/ui/run/stage-panels.js';
import { fold, stageStarted, started, stepStarted } from './run-fixtures.js';
import { busySnapshot, ingressWaitingForDns, rancherFailed } from './screen-fixtures.js';

describe('panelsForStage', () => {
  it('shows what matters for each stage', () => {
    expect(panelsForStage('cluster')).toEqual(['pks-cluster', 'dns', 'command']);
    expect(panelsForStage('helm')).toEqual(['command']);
    expect(panelsForStage('certificates')).toEqual([]);
    expect(panelsForStage('ingress')).toEqual(
      expect.arrayContaining(['pods', 'services', 'virtual-server', 'dns', 'command']),
    );
    expect(panelsForStage('rancher')).toEqual(['pods', 'command']);
    expect(panelsForStage('finish')).toEqual(['pods']);
  });
});

describe('liveLayout', () => {
  it('never plans more lines than the terminal has, less one', () => {
    for (const state of [ingressWaitingForDns(), rancherFailed()]) {
      for (const rows of [8, 12, 24, 40, 60]) {
        const layout = liveLayout(state, { columns: 80, rows });
        if (rows >= 12) expect(layout.height).toBeLessThanOrEqual(rows - 1);
      }
    }
  });

  it('gives a tall terminal every panel in full', () => {
    const layout = liveLayout(ingressWaitingForDns(), { columns: 120, rows: 80 });
    const lines = Object.fromEntries(layout.panels.map((p) => [p.kind, p.lines]));
    expect(lines).toEqual({ 'virtual-server': 3, dns: 3, services: 7, pods: 14 });
    expect(layout.stepLines).toBe(4);
  });

  it('drops the panels that do not fit and keeps the first ones', () => {
    const layout = liveLayout(ingressWaitingForDns(), { columns: 80, rows: 20 });
    expect(layout.panels.map((p) => p.kind)).toEqual(['virtual-server', 'dns']);
  });

  it('shows no panel without data', () => {
    let state = fold([started, stageStarted('rancher'), stepStarted('rancher', 'rancher.install')]);
    expect(liveLayout(state, { columns: 80, rows: 24 }).panels).toEqual([]);
    state = runReducer(state, { type: 'cluster', snapshot: busySnapshot(2) });
    expect(liveLayout(state, { columns: 80, rows: 24 }).panels).toEqual([
      { kind: 'pods', lines: 4 },
    ]);
  });

  it('wraps the error and remedy to the box, shorter on a short terminal', () => {
    const state = rancherFailed();
    const failure = { ...state.failure!, error: 'word '.repeat(200) };
    const tall = liveLayout({ ...state, failure }, { columns: 80, rows: 40 });
    const short = liveLayout({ ...state, failure }, { columns: 80, rows: 14 });
    expect(tall.errorLines).toHaveLength(6);
    expect(tall.errorLines.at(-1)).toMatch(/…$/);
    expect(short.errorLines.length).toBeLessThan(6);
    expect(short.remedyLines.length).toBeGreaterThan(0);
    for (const line of [...tall.errorLines, ...tall.remedyLines]) {
      expect(line.length).toBeLessThanOrEqual(76);
    }
  });
});
