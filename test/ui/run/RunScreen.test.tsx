import { render as inkRender } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { RunScreen } from '../../../source/ui/run/RunScreen.js';
import { runReducer, type RunState } from '../../../source/ui/run/run-state.js';
import { renderSized } from './render-sized.js';
import { fold, stageStarted, started, stepStarted, wholeStage } from './run-fixtures.js';
import { busySnapshot, ingressWaitingForDns, rancherFailed } from './screen-fixtures.js';

/** ink-testing-library, with frames as plain text (no colour codes between styled parts). */
function render(tree: ReactElement) {
  const instance = inkRender(tree);
  return { ...instance, lastFrame: () => stripVTControlCharacters(instance.lastFrame() ?? '') };
}

const transcriptPath = '/home/ops/.local/state/rancher-pks-tui/s-123/transcript.log';
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

/** Waits until `check` passes (key presses reach Ink asynchronously; CI machines are slow). */
async function eventually(check: () => void, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

function screen(state: RunState, columns = 80, rows = 24, callbacks = {}) {
  return (
    <RunScreen
      state={state}
      columns={columns}
      rows={rows}
      transcriptPath={transcriptPath}
      onRetry={() => {}}
      onQuit={() => {}}
      {...callbacks}
    />
  );
}

/** The live area: from the header down (finished stages print above it, once). */
function liveArea(frame: string): string[] {
  const lines = frame.replace(/\n$/, '').split('\n');
  return lines.slice(lines.findIndex((l) => l.startsWith('Rancher HA on Enterprise PKS')));
}

/** The cluster stage with the PKS panel, a DNS check and a long command tail. */
function clusterProvisioning(): RunState {
  let state = fold([
    started,
    stageStarted('cluster'),
    stepStarted('cluster', 'cluster.login'),
    stepStarted('cluster', 'cluster.create'),
    stepStarted('cluster', 'cluster.provisioned'),
    {
      type: 'panel',
      step: 'cluster.provisioned',
      panel: {
        kind: 'pks-cluster',
        name: 'rancher-ha',
        state: 'in progress',
        action: 'CREATE',
        description: 'Instance provisioning in progress',
        masterIps: ['In Progress'],
      },
    },
  ]);
  for (let i = 0; i < 12; i++) {
    state = runReducer(state, {
      type: 'command-output',
      argv: ['pks', 'cluster', 'rancher-ha', '--json'],
      chunk: `${'x'.repeat(150)} line ${i}\n`,
    });
  }
  return state;
}

describe('RunScreen', () => {
  it('lists stages: done ✓ with duration, the running one with its steps, pending ones next', () => {
    const { lastFrame } = render(screen(ingressWaitingForDns()));
    const frame = lastFrame()!;
    expect(frame).toContain('✓ PKS cluster  1m');
    expect(frame).toContain('  ✓ Create the cluster  2s');
    expect(frame).toMatch(/Ingress {2}42s/);
    expect(frame).toContain('▸ Rancher hostname resolves  36s');
    expect(frame).toContain('· HTTPS serves the certificate (trusted)');
    expect(frame).toContain('next: · Rancher');
    expect(frame).toContain('› rancher.example.com: no answer');
  });

  it('shows the manual action with its live check, green once DNS answers', () => {
    const waiting = render(screen(ingressWaitingForDns(false)));
    expect(waiting.lastFrame()).toContain(
      'ACTION NEEDED: Create the DNS A record rancher.example.com → 10.40.14.5',
    );
    expect(waiting.lastFrame()).toContain('rancher.example.com.  IN  A  10.40.14.5');
    expect(waiting.lastFrame()).toMatch(/✗ 10\.0\.0\.2 answers nothing yet \(want 10\.40\.14\.5\)/);
    waiting.rerender(screen(ingressWaitingForDns(true)));
    expect(waiting.lastFrame()).toContain('✓ DONE: Create the DNS A record');
    expect(waiting.lastFrame()).toMatch(/✓ 10\.0\.0\.2 answers 10\.40\.14\.5 · checked/);
  });

  it('shows the panels of the running stage', () => {
    const ingress = render(screen(ingressWaitingForDns(), 80, 40)).lastFrame()!;
    expect(ingress).toContain('NSX-T virtual server');
    expect(ingress).toContain('DNS');
    expect(ingress).toContain('Services');
    expect(ingress).toContain('Pods');
    const cluster = render(screen(clusterProvisioning(), 80, 40)).lastFrame()!;
    expect(cluster).toContain('PKS cluster  rancher-ha');
    expect(cluster).toContain('$ pks cluster rancher-ha --json');
    expect(cluster).not.toContain('Pods');
  });

  it('shows what `pks cluster --json` says as fields, not the tail of its JSON', () => {
    let state = fold([
      started,
      stageStarted('cluster'),
      stepStarted('cluster', 'cluster.provisioned'),
      {
        type: 'panel',
        step: 'cluster.provisioned',
        panel: {
          kind: 'pks-cluster',
          name: 'rancher-ha',
          state: 'succeeded',
          action: 'CREATE',
          description: 'Instance provisioning completed',
          masterIps: ['10.40.14.34'],
          plan: 'rancher',
          workers: 3,
          kubernetesVersion: '1.29.3',
          uuid: 'c7a7e1f6-2f3e-4f0e-9b8a-3d3c7c2f9a10',
        },
      },
    ]);
    const json = JSON.stringify(
      { name: 'rancher-ha', plan_name: 'rancher', parameters: { kubernetes_worker_instances: 3 } },
      null,
      2,
    );
    state = runReducer(state, {
      type: 'command-output',
      argv: ['pks', 'cluster', 'rancher-ha', '--json'],
      chunk: `${json}\n`,
    });
    const frame = render(screen(state, 100, 40)).lastFrame()!;
    expect(frame).toContain('last action: CREATE succeeded');
    expect(frame).toContain('description: Instance provisioning completed');
    expect(frame).toContain('master IPs: 10.40.14.34');
    expect(frame).toContain('size: plan rancher, 3 workers');
    expect(frame).toContain('kubernetes: 1.29.3');
    expect(frame).toContain('uuid: c7a7e1f6-2f3e-4f0e-9b8a-3d3c7c2f9a10');
    expect(frame).toContain('$ pks cluster rancher-ha --json');
    expect(frame).not.toContain('kubernetes_worker_instances');
    expect(frame).not.toMatch(/^\s*}\s*$/m);
  });

  it('puts Rancher pods first while the Rancher stage runs', () => {
    let state = fold([started, stageStarted('rancher'), stepStarted('rancher', 'rancher.install')]);
    const snapshot = busySnapshot(6);
    snapshot.pods.reverse();
    state = runReducer(state, { type: 'cluster', snapshot });
    const frame = render(screen(state, 80, 24)).lastFrame()!;
    const firstPod = liveArea(frame).find((l) => /^(rancher|ingress)-/.test(l));
    expect(firstPod).toMatch(/^rancher-/);
  });

  it('shows a finished run and a stage whose steps were all done already', () => {
    const state = fold([
      started,
      ...wholeStage('cluster'),
      stageStarted('helm'),
      { type: 'step-started', stage: 'helm', step: 'helm.detect', title: 'Detect Helm' },
      {
        type: 'step-skipped',
        stage: 'helm',
        step: 'helm.detect',
        title: 'Detect Helm',
        reason: 'already done',
      },
      { type: 'step-started', stage: 'helm', step: 'helm.repos', title: 'Chart repositories' },
      {
        type: 'step-skipped',
        stage: 'helm',
        step: 'helm.repos',
        title: 'Chart repositories',
        reason: 'n/a',
      },
      { type: 'stage-done', stage: 'helm', title: 'Helm', durationMs: 10 },
      { type: 'run-finished', status: 'done', durationMs: 125_000 },
    ]);
    const frame = render(screen(state)).lastFrame()!;
    expect(frame).toContain('✓ Helm  already done (2 steps)');
    expect(frame).toContain('✓ Install finished in 2m5s');
  });

  it('names the plan that runs: an uninstall is not an install', () => {
    const state = fold([
      { ...started, plan: 'uninstall' },
      { type: 'run-finished', status: 'done', durationMs: 4_000 },
    ]);
    const frame = render(screen(state)).lastFrame()!;
    expect(frame).toMatch(/^Uninstalling Rancher · session /);
    expect(frame).toContain('✓ Uninstall finished in 4s');
    expect(frame).not.toContain('Install finished');
  });

  it('tells how to resume an interrupted run', () => {
    const state = fold([
      started,
      stageStarted('cluster'),
      stepStarted('cluster', 'cluster.login'),
      { type: 'run-finished', status: 'interrupted', durationMs: 5 },
    ]);
    const frame = render(screen(state)).lastFrame()!;
    expect(frame).toContain('■ PKS CLI logged in  interrupted');
    // The last line: the command follows as the app leaves (App.tsx), whole.
    expect(frame).toMatch(/■ Interrupted\. The session is saved; resume it with:\n?$/);
  });
});

describe('RunScreen error screen', () => {
  it('stops every clock at the failure: the stage says how long it ran, not how long ago', () => {
    // One second apart from t = 1000: the stage starts at 2000 and fails at 4000.
    const failed = fold([
      started,
      stageStarted('cluster'),
      stepStarted('cluster', 'cluster.login'),
      {
        type: 'step-failed',
        stage: 'cluster',
        step: 'cluster.login',
        title: 'PKS CLI logged in',
        error: 'pks: unauthorized',
      },
      { type: 'run-finished', status: 'failed', durationMs: 3000 },
    ]);
    // The screen's clock goes on ticking while the error box waits for a key.
    const later = runReducer(failed, { type: 'tick', now: 95_000 });
    const frame = render(screen(later)).lastFrame()!;
    expect(frame).toContain('✗ PKS cluster  failed after 2s');
    expect(liveArea(frame)[0]).toMatch(/· 3s$/);
  });

  it('shows the failed step, the message, the remedy and the keys', () => {
    const frame = render(screen(rancherFailed())).lastFrame()!;
    expect(frame).toContain('✗ Rancher  failed');
    expect(frame).toContain('✗ Failed: helm upgrade --install rancher');
    expect(frame).toContain('helm: chart requires kubeVersion: < 1.28.0-0');
    expect(frame).toContain('What to do: pick a Rancher chart version');
    expect(frame).toContain('r retry · t transcript path · q quit (the session stays resumable)');
    // The command's last words stay on screen.
    expect(frame).toContain('Error: INSTALLATION FAILED');
  });

  it('r retries', async () => {
    const onRetry = vi.fn();
    const { stdin } = render(screen(rancherFailed(), 80, 24, { onRetry }));
    await settle();
    stdin.write('r');
    await eventually(() => expect(onRetry).toHaveBeenCalledTimes(1));
  });

  it('t shows where the transcript is', async () => {
    const { stdin, lastFrame } = render(screen(rancherFailed(), 120, 24));
    await settle();
    expect(lastFrame()).not.toContain(transcriptPath);
    stdin.write('t');
    // Under the box, whole, on a line of its own (no border to copy with it).
    await eventually(() => expect(lastFrame()).toContain(`Transcript:\n${transcriptPath}\n`));
  });

  it('q says the session stays resumable, then quits', async () => {
    const onQuit = vi.fn();
    const { stdin, lastFrame } = render(screen(rancherFailed(), 80, 24, { onQuit }));
    await settle();
    stdin.write('q');
    await eventually(() => expect(onQuit).toHaveBeenCalledTimes(1));
    // The command itself follows as the app leaves (App.tsx), whole.
    expect(lastFrame()).toMatch(/\nSession saved\. Resume it with:$/);
  });

  it('ignores the keys while the run is going', async () => {
    const onRetry = vi.fn();
    const onQuit = vi.fn();
    const { stdin } = render(screen(ingressWaitingForDns(), 80, 24, { onRetry, onQuit }));
    await settle();
    stdin.write('r');
    stdin.write('q');
    await settle();
    expect(onRetry).not.toHaveBeenCalled();
    expect(onQuit).not.toHaveBeenCalled();
  });
});

describe('RunScreen layout', () => {
  const longFailure = () => {
    const state = rancherFailed();
    return {
      ...state,
      failure: {
        ...state.failure!,
        error: `helm: ${'a very long error message that goes on '.repeat(20)}`,
        remedy: 'read it all '.repeat(30),
      },
    };
  };
  const states: [string, () => RunState][] = [
    ['waiting for DNS', () => ingressWaitingForDns()],
    ['failed', rancherFailed],
    ['failed with a long error', longFailure],
    ['provisioning the cluster', clusterProvisioning],
  ];

  for (const [name, state] of states) {
    for (const [columns, rows] of [
      [80, 24],
      [80, 12],
      [60, 16],
    ] as const) {
      it(`fits ${columns}×${rows} when ${name}`, () => {
        const frame = render(screen(state(), columns, rows)).lastFrame()!;
        const lines = frame.split('\n');
        for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(columns);
        expect(liveArea(frame).length).toBeLessThan(rows);
      });
    }
  }

  it('stays readable at 200 columns: tables are not stretched, nothing is cut', () => {
    const frame = renderSized(screen(ingressWaitingForDns(), 200, 50), 200, 50);
    const lines = frame.split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(200);
    expect(frame).not.toContain('…');
    expect(frame).toMatch(
      /ingress-nginx-controller {2}LoadBalancer {2}10\.100\.200\.0 {2}<pending>/,
    );
    expect(liveArea(frame).length).toBeLessThan(50);
  });
});
