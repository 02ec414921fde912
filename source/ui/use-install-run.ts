import { useCallback, useEffect, useRef, useState } from 'react';
import type { CheckNowRequests, RunEvent } from '../engine/contract.js';
import { executeRun } from '../engine/execute.js';
import type { RunRequest } from '../engine/run-request.js';
import type { RunStatus } from '../engine/runner.js';
import { SessionError } from '../session/session-error.js';
import type { Session } from '../session/session.js';

export interface InstallRunInput {
  request: RunRequest;
  /** Asks for the PKS password when get-credentials needs it. */
  askPksPassword?: () => Promise<string | undefined>;
  onEvent(event: RunEvent): void;
  onCommandOutput(argv: string[], chunk: string): void;
  /** The run could not start: another run owns the cluster (SessionError's one line). */
  onRefused(message: string): void;
}

export interface InstallRun {
  status: RunStatus | 'running';
  /** The session the engine opened (created on the first run), once it has. */
  session?: Session;
  transcriptPath: string;
  /** Runs the plan again in the same session (finished steps prove themselves done). */
  retry(): void;
  /**
   * Ctrl-C: stop cleanly (the step running ends, no later step starts); again while
   * stopping: give up on the run at once. The session stays resumable either way.
   */
  stop(): void;
  /** Makes the waiting step look again now instead of at its next poll. */
  checkNow(): void;
}

interface RunControls {
  stop: AbortController;
  stopNow: AbortController;
}

/** Drives one session's runs from the UI; the engine is the same one the line reporter uses. */
export function useInstallRun(input: InstallRunInput): InstallRun {
  const [status, setStatus] = useState<InstallRun['status']>('running');
  const [attempt, setAttempt] = useState(0);
  const [session, setSession] = useState<Session | undefined>(input.request.session);
  const controls = useRef<RunControls | undefined>(undefined);
  const inputRef = useRef(input);
  inputRef.current = input;
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const [checkNowListeners] = useState(() => new Set<() => void>());
  const [checkNowRequests] = useState<CheckNowRequests>(() => ({
    subscribe: (listener) => {
      checkNowListeners.add(listener);
      return () => checkNowListeners.delete(listener);
    },
  }));

  useEffect(() => {
    const current = inputRef.current;
    const run: RunControls = { stop: new AbortController(), stopNow: new AbortController() };
    controls.current = run;
    setStatus('running');
    // A retry continues the session the first run opened.
    const request = {
      ...current.request,
      ...(sessionRef.current ? { session: sessionRef.current } : {}),
    };
    void executeRun(request, {
      ...(current.askPksPassword ? { askPksPassword: current.askPksPassword } : {}),
      signal: run.stop.signal,
      stopNow: run.stopNow.signal,
      checkNow: checkNowRequests,
      onEvent: current.onEvent,
      onSession: setSession,
      commands: { output: current.onCommandOutput, finished: () => {} },
    }).then(
      (result) => {
        setSession(result.session);
        setStatus(result.status);
      },
      (error: unknown) => {
        if (error instanceof SessionError) current.onRefused(error.message);
        setStatus('failed');
      },
    );
    return () => run.stop.abort(new Error('interrupted'));
  }, [attempt, checkNowRequests]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const stop = useCallback(() => {
    const run = controls.current;
    if (!run) return;
    // Ctrl-C again while stopping: stop at once.
    (run.stop.signal.aborted ? run.stopNow : run.stop).abort(new Error('interrupted'));
  }, []);
  const checkNow = useCallback(() => {
    for (const listener of [...checkNowListeners]) listener();
  }, [checkNowListeners]);
  const transcriptPath = session ? input.request.store.transcriptPath(session.id) : '';
  return { status, session, transcriptPath, retry, stop, checkNow };
}
