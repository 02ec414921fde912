import { describe, expect, it } from 'vitest';
import { initialRunState, runReducer } from '../../../source/ui/run/run-state.js';
import { manualCheck } from '../../../source/ui/run/run-selectors.js';
import {
  fold,
  outline,
  stageDone,
  stageStarted,
  started,
  stepDone,
  stepSkipped,
  stepStarted,
  wholeStage,
} from './run-fixtures.js';

const stageOf = (state: ReturnType<typeof fold>, id: string) =>
  state.stages.find((s) => s.id === id)!;

describe('runReducer', () => {
  it('starts with every stage and step pending', () => {
    const state = initialRunState(outline);
    expect(state.status).toBe('idle');
    expect(state.stages.map((s) => s.status)).toEqual(['pending', 'pending', 'pending', 'pending']);
    expect(state.stages[0]!.steps.every((t) => t.status === 'pending')).toBe(true);
  });

  it('keeps what a step found on its row, also when it was already done', () => {
    const state = fold([
      started,
      stageStarted('ingress'),
      stepStarted('ingress', 'ingress.vip'),
      { type: 'step-progress', step: 'ingress.vip', message: 'virtual server 127.186.1.10' },
      stepSkipped('ingress', 'ingress.vip'),
    ]);
    const vip = stageOf(state, 'ingress').steps.find((t) => t.id === 'ingress.vip')!;
    expect(vip).toMatchObject({
      status: 'skipped',
      note: 'already done',
      found: 'virtual server 127.186.1.10',
    });
    expect(state.progress).toBeUndefined();
  });

  it('follows a stage through its steps: start, progress, retry, failure', () => {
    const state = fold([
      started,
      stageStarted('cluster'),
      stepStarted('cluster', 'cluster.login'),
      stepDone('cluster', 'cluster.login'),
      stepStarted('cluster', 'cluster.create'),
      { type: 'step-progress', step: 'cluster.create', message: 'pks create-cluster rancher' },
      {
        type: 'step-retry',
        step: 'cluster.create',
        attempt: 1,
        delayMs: 2000,
        error: 'connection reset',
      },
      {
        type: 'step-failed',
        stage: 'cluster',
        step: 'cluster.create',
        title: 'Create the cluster',
        error: 'pks: You do not have enough privileges',
        remedy: 'log in with a pks.clusters.admin user, then resume',
      },
      { type: 'run-finished', status: 'failed', durationMs: 9000 },
    ]);
    const cluster = stageOf(state, 'cluster');
    expect(state.status).toBe('failed');
    expect(state.sessionId).toBe('s-123');
    expect(cluster.status).toBe('failed');
    expect(cluster.steps.map((t) => t.status)).toEqual(['done', 'failed', 'pending', 'pending']);
    expect(cluster.steps[0]!.durationMs).toBe(1500);
    expect(cluster.steps[1]!.retries).toBe(1);
    expect(state.failure).toEqual({
      stage: 'cluster',
      step: 'cluster.create',
      title: 'Create the cluster',
      error: 'pks: You do not have enough privileges',
      remedy: 'log in with a pks.clusters.admin user, then resume',
    });
    // The retry notice and progress belong to the step that ended.
    expect(state.retry).toBeUndefined();
    expect(state.progress).toBeUndefined();
    expect(state.durationMs).toBe(9000);
  });

  it('keeps the latest progress message and retry of the running step', () => {
    const retrying = fold([
      started,
      stageStarted('cluster'),
      stepStarted('cluster', 'cluster.provisioned'),
      { type: 'step-progress', step: 'cluster.provisioned', message: 'CREATE in progress' },
      { type: 'step-retry', step: 'cluster.provisioned', attempt: 2, delayMs: 4000, error: 'EOF' },
    ]);
    expect(retrying.progress).toEqual({
      step: 'cluster.provisioned',
      message: 'CREATE in progress',
    });
    expect(retrying.retry).toMatchObject({ attempt: 2, delayMs: 4000, error: 'EOF', at: 5000 });
    expect(retrying.current).toEqual({ stage: 'cluster', step: 'cluster.provisioned' });
    expect(stageOf(retrying, 'cluster').steps[2]).toMatchObject({
      status: 'running',
      startedAt: 3000,
      retries: 2,
    });
    // Working again: the retry notice goes, the step keeps its count.
    const again = fold(
      [{ type: 'step-progress', step: 'cluster.provisioned', message: 'CREATE succeeded' }],
      retrying,
    );
    expect(again.progress?.message).toBe('CREATE succeeded');
    expect(again.retry).toBeUndefined();
    expect(stageOf(again, 'cluster').steps[2]!.retries).toBe(2);
  });

  it('marks a stage whose steps were all skipped, and logs finished stages once', () => {
    const state = fold([
      started,
      ...wholeStage('cluster'),
      stageStarted('helm'),
      stepStarted('helm', 'helm.detect'),
      stepSkipped('helm', 'helm.detect'),
      stepStarted('helm', 'helm.repos'),
      stepSkipped('helm', 'helm.repos'),
      stageDone('helm'),
    ]);
    expect(stageOf(state, 'cluster').status).toBe('done');
    expect(stageOf(state, 'helm').status).toBe('skipped-all');
    expect(stageOf(state, 'helm').steps[1]).toMatchObject({
      status: 'skipped',
      note: 'already done',
    });
    expect(state.finished.map((s) => s.id)).toEqual(['cluster', 'helm']);
  });

  it('keeps the finished log across a retry that runs the plan again', () => {
    const failed = fold([
      started,
      ...wholeStage('cluster'),
      stageStarted('helm'),
      stepStarted('helm', 'helm.detect'),
      {
        type: 'step-failed',
        stage: 'helm',
        step: 'helm.detect',
        title: 'Detect Helm',
        error: 'helm: not found',
      },
      { type: 'run-finished', status: 'failed', durationMs: 1 },
    ]);
    const again = fold([{ ...started, resumed: true }, ...wholeStage('cluster')], failed);
    expect(again.status).toBe('running');
    expect(again.resumed).toBe(true);
    expect(again.failure).toBeUndefined();
    expect(stageOf(again, 'helm').status).toBe('pending');
    expect(again.finished.map((s) => s.id)).toEqual(['cluster']);
  });

  it('clears the manual action when its step finishes, and checks it with its own DNS updates', () => {
    const waiting = fold([
      started,
      stageStarted('cluster'),
      stepStarted('cluster', 'cluster.dns'),
      {
        type: 'manual-action',
        step: 'cluster.dns',
        title: 'Create the DNS A record api.example.com → 10.0.0.10',
        lines: ['api.example.com.  IN  A  10.0.0.10'],
      },
      {
        type: 'panel',
        step: 'cluster.dns',
        panel: {
          kind: 'dns',
          name: 'api.example.com',
          server: '10.0.0.2',
          answers: [],
          expected: '10.0.0.10',
          ok: false,
          checkedAt: '2024-05-01T10:00:00.000Z',
        },
      },
    ]);
    expect(waiting.manual?.title).toContain('api.example.com');
    expect(manualCheck(waiting)).toMatchObject({ name: 'api.example.com', ok: false });
    const done = fold([stepDone('cluster', 'cluster.dns')], waiting);
    expect(done.manual).toBeUndefined();
    // The DNS panel still shows the name.
    expect(Object.keys(done.panels.dns)).toEqual(['api.example.com']);
  });

  it('keeps the latest panel update of each kind, DNS per name', () => {
    const dns = (name: string, ok: boolean) =>
      ({
        type: 'panel',
        step: 'ingress.dns',
        panel: {
          kind: 'dns',
          name,
          server: '10.0.0.2',
          answers: ok ? ['10.0.0.5'] : [],
          expected: '10.0.0.5',
          ok,
          checkedAt: '2024-05-01T10:00:00.000Z',
        },
      }) as const;
    const state = fold([
      started,
      {
        type: 'panel',
        step: 'ingress.vip',
        panel: { kind: 'virtual-server', service: 'nginx', ips: [], members: [] },
      },
      {
        type: 'panel',
        step: 'ingress.vip',
        panel: { kind: 'virtual-server', service: 'nginx', ips: ['10.0.0.5'], members: ['a'] },
      },
      dns('rancher.example.com', false),
      dns('other.example.com', false),
      dns('rancher.example.com', true),
    ]);
    expect(state.panels.virtualServer?.ips).toEqual(['10.0.0.5']);
    expect(Object.keys(state.panels.dns)).toEqual(['rancher.example.com', 'other.example.com']);
    expect(state.panels.dns['rancher.example.com']?.ok).toBe(true);
    expect(state.panels.dns['other.example.com']?.ok).toBe(false);
  });

  it('caps the command output tail and drops it when its step is done', () => {
    let state = fold([started, stageStarted('rancher'), stepStarted('rancher', 'rancher.install')]);
    const argv = ['helm', 'upgrade', '--install', 'rancher'];
    for (let i = 1; i <= 12; i++) {
      state = runReducer(state, { type: 'command-output', argv, chunk: `line ${i}\n` });
    }
    state = runReducer(state, { type: 'command-output', argv, chunk: 'partial' });
    expect(state.panels.command?.lines).toHaveLength(8);
    expect(state.panels.command?.lines.at(-1)).toBe('line 12');
    expect(state.panels.command?.partial).toBe('partial');
    expect(state.panels.command?.step).toBe('rancher.install');
    const done = fold([stepDone('rancher', 'rancher.install')], state);
    expect(done.panels.command).toBeUndefined();
  });

  it('keeps the command tail when its step fails: it explains the failure', () => {
    let state = fold([started, stageStarted('rancher'), stepStarted('rancher', 'rancher.install')]);
    state = runReducer(state, {
      type: 'command-output',
      argv: ['helm', 'install'],
      chunk: 'Error: chart requires kubeVersion\n',
    });
    state = fold(
      [
        {
          type: 'step-failed',
          stage: 'rancher',
          step: 'rancher.install',
          title: 'helm upgrade --install rancher',
          error: 'helm failed',
        },
      ],
      state,
    );
    expect(state.panels.command?.lines).toEqual(['Error: chart requires kubeVersion']);
  });

  it('finishes: done clears the current step, interrupted stops the running one', () => {
    const done = fold([
      started,
      ...wholeStage('cluster'),
      { type: 'run-finished', status: 'done', durationMs: 5 },
    ]);
    expect(done.status).toBe('done');
    expect(done.current).toBeUndefined();
    const stopped = fold([
      started,
      stageStarted('cluster'),
      stepStarted('cluster', 'cluster.login'),
      { type: 'run-finished', status: 'interrupted', durationMs: 5 },
    ]);
    expect(stopped.status).toBe('interrupted');
    expect(stageOf(stopped, 'cluster').status).toBe('interrupted');
    expect(stageOf(stopped, 'cluster').steps[0]!.status).toBe('interrupted');
  });

  it('takes stages and steps the outline did not list', () => {
    const state = fold(
      [
        { type: 'stage-started', stage: 'finish', title: 'Finish' },
        {
          type: 'step-started',
          stage: 'finish',
          step: 'finish.local',
          title: 'local cluster Active',
        },
      ],
      initialRunState(),
    );
    expect(state.stages).toHaveLength(1);
    expect(state.stages[0]).toMatchObject({ id: 'finish', title: 'Finish', status: 'running' });
    expect(state.stages[0]!.steps[0]).toMatchObject({ id: 'finish.local', status: 'running' });
  });

  it('moves the clock with ticks and events, and keeps cluster snapshots', () => {
    let state = runReducer(initialRunState(outline), { type: 'tick', now: 42_000 });
    expect(state.now).toBe(42_000);
    const snapshot = { namespace: 'cattle-system', pods: [], services: [], endpoints: [] };
    state = runReducer(state, { type: 'cluster', snapshot });
    expect(state.cluster).toBe(snapshot);
    state = runReducer(state, { type: 'event', event: started, at: 50_000 });
    expect(state.now).toBe(50_000);
    expect(state.cluster).toBe(snapshot);
  });
});
