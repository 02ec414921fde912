import type { Session } from '../session/session.js';
import type { StepRecorder } from './step-recorder.js';

/** Progress into the session file: a hint for resume and `sessions`, never the truth. */
export function sessionRecorder(session: Session): StepRecorder {
  return {
    step: (id, status, message) => session.markStep(id, status, message),
    stageReached: (stage) => session.reachStage(stage),
    facts: (facts) => session.setFacts(facts),
  };
}
