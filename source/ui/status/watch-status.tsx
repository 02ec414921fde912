import { render } from 'ink';
import type { PreflightReport } from '../../checks/preflight-report.js';
import { StatusWatch } from './StatusWatch.js';

export interface WatchStatusOptions {
  title: string;
  intervalMs: number;
  check(signal: AbortSignal): Promise<PreflightReport>;
}

/** Shows the dashboard until q, Esc or Ctrl-C; returns the exit code. Only loaded in a terminal. */
export async function watchStatus(options: WatchStatusOptions): Promise<number> {
  let code = 0;
  const app = render(<StatusWatch {...options} onExit={(c) => (code = c)} />, {
    // Ctrl-C is a key in raw mode: it ends the dashboard with 130, as it ends every screen.
    exitOnCtrlC: false,
    maxFps: 30,
    patchConsole: true,
  });
  await app.waitUntilExit();
  return code;
}
