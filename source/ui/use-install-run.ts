import { useCallback, useEffect, useRef, useState } from 'react';
import type { Config } from '../config/config.js';
import { executeInstall } from '../engine/execute.js';
import type { RunEvent } from '../engine/contract.js';
import type { RunStatus } from '../engine/runner.js';
import type { Session } from '../session/session.js';
import type { SessionStore } from '../session/session-store.js';
import type { Env } from '../shared/env.js';

export interface InstallRunInput {
  config: Config;
  session: Session;
  store: SessionStore;
  env: Env;
  bootstrapPassword?: string;
  resumed: boolean;
  acceptedWarnings?: string[];
  /** Asks for the PKS password when get-credentials needs it. */
  askPksPassword?: () => Promise<string | undefined>;
  onEvent(event: RunEvent): void;
  onCommandOutput(argv: string[], chunk: string): void;
}

export interface InstallRun {
  status: RunStatus | 'running';
  transcriptPath: string;
  /** Runs the plan again in the same session (finished steps prove themselves done). */
  retry(): void;
  /**
   * Ctrl-C: stop cleanly (the step running ends, no later step starts); again while
   * stopping: give up on the run at once. The session stays resumable either way.
   */
  stop(): void;
}

interface RunControls {
  stop: AbortController;
  stopNow: AbortController;
}

/** Drives one session's runs from the UI; the engine is the same one the line reporter uses. */
export function useInstallRun(input: InstallRunInput): InstallRun {
  const [status, setStatus] = useState<InstallRun['status']>('running');
  const [attempt, setAttempt] = useState(0);
  const controls = useRef<RunControls | undefined>(undefined);
  const inputRef = useRef(input);
  inputRef.current = input;
  const transcriptPath = input.store.transcript(input.session.id).path;

  useEffect(() => {
    const current = inputRef.current;
    const run: RunControls = { stop: new AbortController(), stopNow: new AbortController() };
    controls.current = run;
    setStatus('running');
    void executeInstall({
      config: current.config,
      session: current.session,
      store: current.store,
      env: current.env,
      bootstrapPassword: current.bootstrapPassword,
      ...(current.askPksPassword ? { askPksPassword: current.askPksPassword } : {}),
      resumed: current.resumed || attempt > 0,
      ...(current.acceptedWarnings ? { acceptedWarnings: current.acceptedWarnings } : {}),
      signal: run.stop.signal,
      stopNow: run.stopNow.signal,
      onEvent: current.onEvent,
      commands: { output: current.onCommandOutput, finished: () => {} },
    }).then(
      (result) => setStatus(result.status),
      () => setStatus('failed'),
    );
    return () => run.stop.abort(new Error('interrupted'));
  }, [attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const stop = useCallback(() => {
    const run = controls.current;
    if (!run) return;
    // Ctrl-C again while stopping: stop at once.
    (run.stop.signal.aborted ? run.stopNow : run.stop).abort(new Error('interrupted'));
  }, []);
  return { status, transcriptPath, retry, stop };
}
