import type { RunRequest } from '../../engine/run-request.js';
import { uninstallSummaryLines } from '../../engine/uninstall-summary.js';
import { stoppedRun } from '../parting-messages.js';
import { RunPhase } from '../RunPhase.js';

export interface UninstallRunProps {
  request: RunRequest;
  onExit(code: number, message?: string): void;
}

/** The uninstall on the run screen: the same panels and keys as the install, its own ending. */
export function UninstallRun({ request, onExit }: UninstallRunProps) {
  return (
    <RunPhase
      request={request}
      onDone={(session, transcriptPath) =>
        onExit(0, uninstallSummaryLines(request.config, session.facts, transcriptPath).join('\n'))
      }
      onStopped={(status, session) => {
        const { code, message } = stoppedRun(status, session);
        onExit(code, message);
      }}
      onRefused={(message) => onExit(2, message)}
    />
  );
}
