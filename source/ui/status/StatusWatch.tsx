import { Box, Text, useApp } from 'ink';
import { useEffect, useReducer, useRef, useState } from 'react';
import type { PreflightReport } from '../../checks/preflight-report.js';
import { isChar, isInterrupt, isKey } from '../input/key-event.js';
import { useKeys } from '../input/use-keys.js';
import { useTerminalSize } from '../use-terminal-size.js';
import { dashboardLines, type Line } from './dashboard-lines.js';
import { initialWatchState, watchReducer, type WatchState } from './watch-state.js';

export interface StatusWatchProps {
  /** What is checked, e.g. `session …: cluster czpksrancher05, https://rancher.example.com`. */
  title: string;
  intervalMs: number;
  /** One `status` run; the signal ends its reads when the dashboard quits. */
  check(signal: AbortSignal): Promise<PreflightReport>;
  /** q / Esc: 0 when the last run had no failure, else 1; Ctrl-C: 130. */
  onExit(code: number): void;
  /** The clock (tests set it). */
  now?: () => Date;
}

function LineView({ line }: { line: Line }) {
  if (line.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate">
      {line.map((piece, i) => (
        <Text
          key={i}
          {...(piece.color ? { color: piece.color } : {})}
          bold={piece.bold ?? false}
          dimColor={piece.dim ?? false}
        >
          {piece.text}
        </Text>
      ))}
    </Text>
  );
}

const systemClock = () => new Date();

/**
 * `status --watch`: the checks run again every interval (or at `r`), one run at a time; each
 * row says when it last changed and what it was, and the newest changes stay listed.
 */
export function StatusWatch({
  title,
  intervalMs,
  check,
  onExit,
  now = systemClock,
}: StatusWatchProps) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const [state, dispatch] = useReducer(watchReducer, initialWatchState);
  const [clock, setClock] = useState(now);
  const [nextAt, setNextAt] = useState<Date | undefined>(undefined);
  const latest = useRef<WatchState>(state);
  latest.current = state;
  const checkNow = useRef<() => void>(() => {});

  useEffect(() => {
    const stop = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let running = false;
    const run = async () => {
      if (running || stop.signal.aborted) return;
      running = true;
      clearTimeout(timer);
      setNextAt(undefined);
      dispatch({ type: 'started', at: now() });
      try {
        const report = await check(stop.signal);
        if (stop.signal.aborted) return;
        dispatch({ type: 'finished', at: now(), report });
      } catch (error) {
        if (stop.signal.aborted) return;
        dispatch({ type: 'failed', at: now(), error: (error as Error).message ?? String(error) });
      } finally {
        running = false;
      }
      setNextAt(new Date(now().getTime() + intervalMs));
      timer = setTimeout(() => void run(), intervalMs);
    };
    checkNow.current = () => void run();
    void run();
    const ticking = setInterval(() => setClock(now()), 1000);
    return () => {
      stop.abort();
      clearTimeout(timer);
      clearInterval(ticking);
    };
  }, [check, intervalMs, now]);

  const quit = (code: number) => {
    onExit(code);
    exit();
  };
  useKeys((key) => {
    if (isInterrupt(key)) return quit(130);
    if (isChar(key, 'q') || isKey(key, 'escape')) return quit(latest.current.summary?.fail ? 1 : 0);
    if (isChar(key, 'r')) checkNow.current();
  });

  const lines = dashboardLines(state, {
    title,
    intervalMs,
    columns,
    rows,
    now: clock,
    ...(nextAt ? { nextAt } : {}),
  });
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <LineView key={i} line={line} />
      ))}
    </Box>
  );
}
