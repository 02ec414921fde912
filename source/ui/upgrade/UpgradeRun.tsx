import type { RunRequest } from '../../engine/run-request.js';
import { upgradeSummaryLines } from '../../engine/upgrade-summary.js';
import { stoppedRun } from '../parting-messages.js';
import { RunPhase } from '../RunPhase.js';

export interface UpgradeRunProps {
  request: RunRequest;
  onExit(code: number, message?: string): void;
}

/** The upgrade on the run screen: the same panels (pods while a hop rolls out) and keys, its own ending. */
export function UpgradeRun({ request, onExit }: UpgradeRunProps) {
  return (
    <RunPhase
      request={request}
      onDone={(session, transcriptPath) =>
        onExit(0, upgradeSummaryLines(request.config, session.facts, transcriptPath).join('\n'))
      }
      onStopped={(status, session) => {
        const { code, message } = stoppedRun(status, session);
        onExit(code, message);
      }}
      onRefused={(message) => onExit(2, message)}
    />
  );
}
