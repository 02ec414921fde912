import { useCallback, useEffect, useReducer } from 'react';
import type { PlanOutline, RunEvent } from '../../engine/contract.js';
import { initialRunState, runReducer, type RunAction, type RunState } from './run-state.js';

export interface RunStateHandle {
  state: RunState;
  dispatch: (action: RunAction) => void;
  /** A runner `onEvent` listener (stable across renders). */
  onEvent: (event: RunEvent) => void;
  /** For streaming a command's output into the command panel (stable across renders). */
  onCommandOutput: (argv: string[], chunk: string) => void;
}

/** The run screen's state: runner events in, a tick a second for the elapsed clocks. */
export function useRunState(outline?: PlanOutline, tickMs = 1000): RunStateHandle {
  const [state, dispatch] = useReducer(runReducer, outline, initialRunState);
  const onEvent = useCallback(
    (event: RunEvent) => dispatch({ type: 'event', event, at: Date.now() }),
    [],
  );
  const onCommandOutput = useCallback(
    (argv: string[], chunk: string) => dispatch({ type: 'command-output', argv, chunk }),
    [],
  );
  useEffect(() => {
    dispatch({ type: 'tick', now: Date.now() });
    const timer = setInterval(() => dispatch({ type: 'tick', now: Date.now() }), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  return { state, dispatch, onEvent, onCommandOutput };
}
