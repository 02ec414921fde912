import { render } from 'ink';
import type { ReactElement } from 'react';
import { bracketedPaste, partingText, watchLineStart } from './terminal-output.js';

/** How a screen ends: the exit code, and a parting message to print after Ink is gone. */
export type ExitHandler = (code: number, message?: string) => void;

export interface RenderOptions {
  /**
   * Frames a second at most (default 30, see below). A fleet import passes 15
   * (fleet/fleet-batch.ts `fleetMaxFps`): its table and the stage's spinner would together
   * draw ~27 a second at 30.
   */
  maxFps?: number;
}

/**
 * One Ink session, the same for every interactive command: renders what `screen` builds
 * until it calls its exit handler and unmounts, then prints the parting message on a line
 * of its own. Returns the exit code. Only loaded in a terminal.
 */
export async function renderUntilExit(
  screen: (onExit: ExitHandler) => ReactElement,
  options: RenderOptions = {},
): Promise<number> {
  let code = 0;
  let message: string | undefined;
  const output = watchLineStart(process.stdout);
  const pasteOff = bracketedPaste(process.stdout);
  try {
    const app = render(
      screen((c, m) => {
        code = c;
        message = m;
      }),
      // Ctrl-C is a key in raw mode: each screen decides (a run screen stops the run first).
      // 30 fps: Ink throttles frames (leading and trailing edge), so a key's frame can wait a
      // whole frame interval behind a churn frame; at 15 fps keypress → frame p95 was ~120 ms
      // under 300 churning pods, at 30 ~55 ms, for the same CPU (bench/input.tsx, bench/render.tsx).
      { exitOnCtrlC: false, maxFps: options.maxFps ?? 30, patchConsole: true },
    );
    await app.waitUntilExit();
  } finally {
    pasteOff();
    output.stop();
  }
  if (message) process.stdout.write(partingText(message, output.atLineStart()));
  return code;
}
