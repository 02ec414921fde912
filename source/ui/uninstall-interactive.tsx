import { useApp } from 'ink';
import type { RunRequest } from '../engine/run-request.js';
import { renderUntilExit, type ExitHandler } from './render-until-exit.js';
import { UninstallRun } from './uninstall/UninstallRun.js';

function App({ request, onExit }: { request: RunRequest; onExit: ExitHandler }) {
  const { exit } = useApp();
  return (
    <UninstallRun
      request={request}
      onExit={(code, message) => {
        onExit(code, message);
        exit();
      }}
    />
  );
}

/** The uninstall's run screen until it ends; returns the exit code. Only loaded in a terminal. */
export function runUninstallInteractive(request: RunRequest): Promise<number> {
  return renderUntilExit((onExit) => <App request={request} onExit={onExit} />);
}
