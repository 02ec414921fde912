import { render } from 'ink';
import { App, type AppProps } from './App.js';

/** Renders the app until it exits; returns the exit code. Only loaded in a terminal. */
export async function runInteractive(props: Omit<AppProps, 'onExit'>): Promise<number> {
  let code = 0;
  let message: string | undefined;
  const app = render(
    <App
      {...props}
      onExit={(c, m) => {
        code = c;
        message = m;
      }}
    />,
    { exitOnCtrlC: false, maxFps: 15, patchConsole: true },
  );
  await app.waitUntilExit();
  if (message) process.stdout.write(message + '\n');
  return code;
}
