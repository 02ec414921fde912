import { render } from 'ink';
import { App, type AppProps } from './App.js';
import { bracketedPaste, partingText, watchLineStart } from './terminal-output.js';

/** Renders the app until it exits; returns the exit code. Only loaded in a terminal. */
export async function runInteractive(props: Omit<AppProps, 'onExit'>): Promise<number> {
  let code = 0;
  let message: string | undefined;
  const output = watchLineStart(process.stdout);
  const pasteOff = bracketedPaste(process.stdout);
  try {
    const app = render(
      <App
        {...props}
        onExit={(c, m) => {
          code = c;
          message = m;
        }}
      />,
      // Ctrl-C is a key in raw mode: the app decides (the run screen stops the install first).
      // 30 fps: Ink throttles frames (leading and trailing edge), so a key's frame can wait a
      // whole frame interval behind a churn frame; at 15 fps keypress → frame p95 was ~120 ms
      // under 300 churning pods, at 30 ~55 ms, for the same CPU (bench/input.tsx, bench/render.tsx).
      { exitOnCtrlC: false, maxFps: 30, patchConsole: true },
    );
    await app.waitUntilExit();
  } finally {
    pasteOff();
    output.stop();
  }
  if (message) process.stdout.write(partingText(message, output.atLineStart()));
  return code;
}
