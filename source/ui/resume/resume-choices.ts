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
  return `Resume install of ${session.cluster ?? '?'} / hostname ${session.hostname ?? '?'}, ${stoppedAt(session.stageReached)}?`;
}

export type ResumeChoice =
  { kind: 'resume'; id: string } | { kind: 'start-over' } | { kind: 'pick' };

export function resumeOptions(): { label: string; value: string }[] {
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
