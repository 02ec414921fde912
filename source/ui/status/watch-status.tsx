import type { PreflightReport } from '../../checks/preflight-report.js';
import { renderUntilExit } from '../render-until-exit.js';
import { StatusWatch } from './StatusWatch.js';

export interface WatchStatusOptions {
  title: string;
  intervalMs: number;
  check(signal: AbortSignal): Promise<PreflightReport>;
}

/** Shows the dashboard until q, Esc or Ctrl-C; returns the exit code. Only loaded in a terminal. */
export function watchStatus(options: WatchStatusOptions): Promise<number> {
  // Ctrl-C is a key in raw mode: it ends the dashboard with 130, as it ends every screen.
  return renderUntilExit((onExit) => <StatusWatch {...options} onExit={(c) => onExit(c)} />);
}
