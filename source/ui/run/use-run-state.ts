import { useCallback, useEffect, useMemo, useReducer } from 'react';
import { fleetBatcher, fleetFlushMs } from '../fleet/fleet-batch.js';
import { isFleetEvent } from '../fleet/fleet-table-state.js';
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

/**
 * The run screen's state: runner events in, a tick a second for the elapsed clocks (the one
 * clock every elapsed time on the screen reads, the fleet table's rows included). A fleet
 * import's row events come in batches, at most one per `fleetMs`; any other event sends the
 * batch first, so the order holds.
 */
export function useRunState(
  outline?: PlanOutline,
  tickMs = 1000,
  fleetMs = fleetFlushMs,
): RunStateHandle {
  const [state, dispatch] = useReducer(runReducer, outline, initialRunState);
  const fleet = useMemo(
    () => fleetBatcher((events) => dispatch({ type: 'fleet', events }), fleetMs),
    [fleetMs],
  );
  useEffect(() => () => fleet.cancel(), [fleet]);
  const onEvent = useCallback(
    (event: RunEvent) => {
      if (isFleetEvent(event)) return fleet.push(event);
      fleet.flush();
      dispatch({ type: 'event', event, at: Date.now() });
    },
    [fleet],
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
