import { useEffect, useState } from 'react';
import type { RunRequest } from '../engine/run-request.js';
import type { Session } from '../session/session.js';
import type { Kube } from '../systems/kube.js';
import { isInterrupt } from './input/key-event.js';
import { useKeys } from './input/use-keys.js';
import { boxWidth } from './run/live-layout.js';
import { PksPasswordPrompt } from './run/PksPasswordPrompt.js';
import { RunScreen } from './run/RunScreen.js';
import { usePasswordRequest } from './run/use-password-request.js';
import { useClusterWatch } from './run/use-cluster-watch.js';
import { useRunState } from './run/use-run-state.js';
import { useInstallRun } from './use-install-run.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface RunPhaseProps {
  request: RunRequest;
  onDone(session: Session, transcriptPath: string): void;
  onStopped(status: 'failed' | 'interrupted', session?: Session): void;
  /** The run could not start (another run owns the cluster): its one line. */
  onRefused(message: string): void;
}

export function RunPhase(props: RunPhaseProps) {
  const { state, dispatch, onEvent, onCommandOutput } = useRunState();
  const [cluster, setCluster] = useState<{ kube: Kube; namespace: string } | undefined>();
  const password = usePasswordRequest();
  const run = useInstallRun({
    request: props.request,
    onEvent: (event) => (event.type === 'kube-ready' ? setCluster(event) : onEvent(event)),
    onCommandOutput,
    onRefused: props.onRefused,
    askPksPassword: password.ask,
  });
  const { columns, rows } = useTerminalSize();
  useClusterWatch(cluster?.kube, cluster?.namespace, dispatch);

  // Ctrl-C stops the install (again: at once); once it failed, it quits as q does.
  useKeys((key) => {
    if (!isInterrupt(key)) return;
    if (run.status === 'failed') return props.onStopped('failed', run.session);
    password.answer(undefined);
    run.stop();
  });

  useEffect(() => {
    if (run.status === 'done') {
      // Let Ink commit the last stage to <Static> in a frame of its own first: switching
      // screens in the same frame leaves stale lines behind (Ink's live-area accounting).
      const timer = setTimeout(() => props.onDone(run.session!, run.transcriptPath), 300);
      return () => clearTimeout(timer);
    } else if (run.status === 'interrupted') props.onStopped('interrupted', run.session);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run.status]);

  return (
    <>
      <RunScreen
        state={state}
        columns={columns}
        rows={rows}
        transcriptPath={run.transcriptPath}
        onRetry={run.retry}
        onQuit={() => props.onStopped('failed', run.session)}
        onCheckNow={() => {
          dispatch({ type: 'check-now', at: Date.now() });
          run.checkNow();
        }}
        keysActive={!password.pending}
      />
      {password.pending ? (
        <PksPasswordPrompt width={boxWidth(Math.max(20, columns))} onSubmit={password.answer} />
      ) : null}
    </>
  );
}
