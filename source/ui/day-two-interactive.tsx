import { useApp } from 'ink';
import { summaryLinesOf } from '../engine/plan-summaries.js';
import type { RunRequest } from '../engine/run-request.js';
import { stoppedRun } from './parting-messages.js';
import { renderUntilExit, type ExitHandler, type RenderOptions } from './render-until-exit.js';
import { RunPhase } from './RunPhase.js';

interface DayTwoRunProps {
  request: RunRequest;
  onExit: ExitHandler;
}

/** A day-2 plan on the run screen: the same panels and keys as the install, its own ending. */
function DayTwoRun({ request, onExit }: DayTwoRunProps) {
  const { exit } = useApp();
  const leave: ExitHandler = (code, message) => {
    onExit(code, message);
    exit();
  };
  return (
    <RunPhase
      request={request}
      onDone={(session, transcriptPath) =>
        leave(
          0,
          summaryLinesOf[session.plan](request.config, session.facts, transcriptPath).join('\n'),
        )
      }
      onStopped={(status, session) => {
        const { code, message } = stoppedRun(status, session);
        leave(code, message);
      }}
      onRefused={(message) => leave(2, message)}
    />
  );
}

/**
 * An uninstall, upgrade or fleet import on the run screen until it ends; returns the exit
 * code. A fleet import passes `{ maxFps: fleetMaxFps }` (ui/fleet/fleet-batch.ts).
 */
export function runDayTwoInteractive(
  request: RunRequest,
  options: RenderOptions = {},
): Promise<number> {
  return renderUntilExit((onExit) => <DayTwoRun request={request} onExit={onExit} />, options);
}
