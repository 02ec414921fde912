import { resumeCommandLine } from '../invocation.js';
import type { SessionSummary } from '../session/session-store.js';
import { timeAgo } from '../shared/human-duration.js';

/** One session as `sessions -o json` prints it: every field present, null where unknown. */
export interface SessionJson {
  id: string;
  plan: string;
  demo: boolean;
  cluster: string | null;
  hostname: string | null;
  /** running, interrupted, failed or done. */
  state: string;
  /** The last stage the run reached. */
  stage: string | null;
  /** ISO 8601, UTC. */
  updatedAt: string;
  /** The command that resumes it, as the user started the tool. */
  resume: string;
}

export function sessionsJson(sessions: readonly SessionSummary[]): SessionJson[] {
  return sessions.map((s) => ({
    id: s.id,
    plan: s.plan,
    demo: s.demo ?? false,
    cluster: s.cluster ?? null,
    hostname: s.hostname ?? null,
    state: s.status,
    stage: s.stageReached ?? null,
    updatedAt: s.updatedAt,
    resume: resumeCommandLine(s),
  }));
}

function pad(cells: string[][]): string[] {
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells.map((row) =>
    row
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
}

/** The table, newest first, with how long ago each session last changed. */
export function sessionsTable(sessions: readonly SessionSummary[], now: number): string[] {
  return pad([
    ['ID', 'PLAN', 'CLUSTER', 'HOSTNAME', 'STAGE', 'STATUS', 'UPDATED'],
    ...sessions.map((s) => {
      const updated = Date.parse(s.updatedAt);
      return [
        s.id,
        s.demo ? `${s.plan} (demo)` : s.plan,
        s.cluster ?? '-',
        s.hostname ?? '-',
        s.stageReached ?? '-',
        s.status,
        Number.isNaN(updated) ? '?' : timeAgo(now - updated),
      ];
    }),
  ]);
}
