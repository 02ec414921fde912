import type { SessionSummary } from '../../session/session-store.js';

const stageTitles: Record<string, string> = {
  cluster: 'PKS cluster',
  helm: 'Helm',
  certificates: 'Certificates',
  ingress: 'Ingress',
  rancher: 'Rancher',
  finish: 'Finish',
};
const stageOrder = Object.keys(stageTitles);

/** "stopped at stage 4 (Ingress)" */
export function stoppedAt(stage: string | undefined): string {
  if (!stage) return 'before the first stage';
  const index = stageOrder.indexOf(stage);
  return `stopped at stage ${index + 1} (${stageTitles[stage] ?? stage})`;
}

export function resumeQuestion(session: SessionSummary): string {
  if (session.demo)
    return `Resume the demo install of ${session.cluster ?? '?'}, ${stoppedAt(session.stageReached)}? Its simulated lab ended with it: a new lab starts and every step runs again.`;
  const what = session.plan === 'migrate-ingress' ? 'the ingress migration' : 'install';
  return `Resume ${what} of ${session.cluster ?? '?'} / hostname ${session.hostname ?? '?'}, ${stoppedAt(session.stageReached)}?`;
}

export type ResumeChoice =
  { kind: 'resume'; id: string } | { kind: 'start-over' } | { kind: 'pick' };

export function resumeOptions(latest?: SessionSummary): { label: string; value: string }[] {
  // A demo session has nothing to pick between: its lab is gone either way.
  if (latest?.demo)
    return [
      { label: 'Resume it (in a new lab)', value: 'resume' },
      { label: `Start over (forget session ${latest.id})`, value: 'start-over' },
    ];
  return [
    { label: 'Resume it', value: 'resume' },
    { label: 'Start over (a new install)', value: 'start-over' },
    { label: 'Pick another session', value: 'pick' },
  ];
}

export function sessionOptions(sessions: SessionSummary[]): { label: string; value: string }[] {
  return sessions.map((s) => ({
    label: `${s.cluster ?? '?'} / ${s.hostname ?? '?'} — ${s.status}, ${stoppedAt(s.stageReached)} (${s.id})`,
    value: s.id,
  }));
}
