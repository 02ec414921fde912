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
      { exitOnCtrlC: false, maxFps: 15, patchConsole: true },
    );
    await app.waitUntilExit();
  } finally {
    pasteOff();
    output.stop();
  }
  if (message) process.stdout.write(partingText(message, output.atLineStart()));
  return code;
}
