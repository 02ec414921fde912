import { readFileSync } from 'node:fs';
import { useInput } from 'ink';
import { useEffect, useMemo } from 'react';
import type { Config } from '../config/config.js';
import { resumeCommandLine } from '../invocation.js';
import { planOf } from '../plan/plan.js';
import { outlineOf } from '../runner/runner.js';
import type { Session } from '../session/session.js';
import type { SessionStore } from '../session/session-store.js';
import { Kube } from '../systems/kube.js';
import type { Env } from '../systems/systems.js';
import { boxWidth } from './run/live-layout.js';
import { PksPasswordPrompt } from './run/PksPasswordPrompt.js';
import { RunScreen } from './run/RunScreen.js';
import { usePasswordRequest } from './run/use-password-request.js';
import { useClusterWatch } from './run/use-cluster-watch.js';
import { useRunState } from './run/use-run-state.js';
import { useInstallRun } from './use-install-run.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface RunPhaseProps {
  config: Config;
  session: Session;
  store: SessionStore;
  env: Env;
  bootstrapPassword?: string;
  resumed: boolean;
  acceptedWarnings?: string[];
  onDone(facts: Record<string, string>, transcriptPath: string): void;
  onStopped(status: 'failed' | 'interrupted'): void;
}

/**
 * The kubeconfig context exists once the cluster stage got credentials; watch from then on.
 * An OIDC token is renewed by this Kube too (or taken from the kubeconfig the install renewed).
 */
function useKube(env: Env, config: Config, ready: boolean): Kube | undefined {
  const cluster = config.pks.cluster;
  const caCert = config.pks.caCert;
  return useMemo(() => {
    if (!ready) return undefined;
    try {
      return Kube.load({
        kubeconfig: env.KUBECONFIG?.split(':')[0],
        context: cluster,
        oidc: { caPem: () => (caCert ? readFileSync(caCert, 'utf8') : undefined) },
      });
    } catch {
      return undefined;
    }
  }, [env, cluster, caCert, ready]);
}

export function RunPhase(props: RunPhaseProps) {
  const { state, dispatch, onEvent, onCommandOutput } = useRunState(
    outlineOf(planOf(props.session.plan)),
  );
  const password = usePasswordRequest();
  const run = useInstallRun({ ...props, onEvent, onCommandOutput, askPksPassword: password.ask });
  const { columns, rows } = useTerminalSize();
  const apiStep = state.stages.flatMap((s) => s.steps).find((s) => s.id === 'cluster.api');
  const kube = useKube(
    props.env,
    props.config,
    apiStep?.status === 'done' || apiStep?.status === 'skipped',
  );
  useClusterWatch(kube, 'cattle-system', dispatch);

  useInput((input, key) => {
    if (key.ctrl && input === 'c') {
      password.answer(undefined);
      run.stop();
    }
  });

  useEffect(() => {
    if (run.status === 'done') {
      // Let Ink commit the last stage to <Static> in a frame of its own first: switching
      // screens in the same frame leaves stale lines behind (Ink's live-area accounting).
      const timer = setTimeout(
        () => props.onDone({ ...props.session.facts }, run.transcriptPath),
        300,
      );
      return () => clearTimeout(timer);
    } else if (run.status === 'interrupted') props.onStopped('interrupted');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run.status]);

  return (
    <>
      <RunScreen
        state={state}
        columns={columns}
        rows={rows}
        transcriptPath={run.transcriptPath}
        resumeCommand={resumeCommandLine(props.session)}
        onRetry={run.retry}
        onQuit={() => props.onStopped('failed')}
      />
      {password.pending ? (
        <PksPasswordPrompt width={boxWidth(Math.max(20, columns))} onSubmit={password.answer} />
      ) : null}
    </>
  );
}
