import { commandLine } from '../invocation.js';
import { SessionStore } from '../session/session-store.js';

function pad(cells: string[][]): string[] {
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells.map((row) =>
    row
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
}

export function sessionsAction(): void {
  const store = new SessionStore({ env: process.env });
  const { sessions, damaged } = store.scan();
  for (const problem of damaged) process.stderr.write(`${problem.message}\n`);
  if (sessions.length === 0) {
    process.stdout.write(
      `no ${damaged.length ? 'readable ' : ''}sessions in ${store.sessionsDir}\n`,
    );
    return;
  }
  const rows = [
    ['ID', 'PLAN', 'CLUSTER', 'HOSTNAME', 'STAGE', 'STATUS', 'UPDATED'],
    ...sessions.map((s) => [
      s.id,
      s.demo ? `${s.plan} (demo)` : s.plan,
      s.cluster ?? '-',
      s.hostname ?? '-',
      s.stageReached ?? '-',
      s.status,
      s.updatedAt,
    ]),
  ];
  process.stdout.write(pad(rows).join('\n') + '\n');
  // For a person, not for scripts reading the table.
  if (process.stdout.isTTY)
    process.stdout.write(
      `resume one with: ${commandLine('resume', 'ID')} (a demo session: add --demo)\n`,
    );
}
