import { render, useApp } from 'ink';
import type { RunRequest } from '../engine/run-request.js';
import { partingText, watchLineStart } from './terminal-output.js';
import { UpgradeRun } from './upgrade/UpgradeRun.js';

function App({ request, onExit }: { request: RunRequest; onExit(code: number, m?: string): void }) {
  const { exit } = useApp();
  return (
    <UpgradeRun
      request={request}
      onExit={(code, message) => {
        onExit(code, message);
        exit();
      }}
    />
  );
}

/** The upgrade's run screen until it ends; returns the exit code. Only loaded in a terminal. */
export async function runUpgradeInteractive(request: RunRequest): Promise<number> {
  let code = 0;
  let message: string | undefined;
  const output = watchLineStart(process.stdout);
  try {
    const app = render(
      <App
        request={request}
        onExit={(c, m) => {
          code = c;
          message = m;
        }}
      />,
      // As the install's (interactive.tsx): Ctrl-C is a key the run screen handles.
      { exitOnCtrlC: false, maxFps: 30, patchConsole: true },
    );
    await app.waitUntilExit();
  } finally {
    output.stop();
  }
  if (message) process.stdout.write(partingText(message, output.atLineStart()));
  return code;
}
