import type { Config } from '../config/config.js';
import { runDayTwo } from './day-two-run.js';
import { acceptanceOf, type WarningAcceptance } from '../checks/preflight-gate.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { bootstrapPassword } from '../config/bootstrap-password.js';
import { commandLine, resumeCommandLine } from '../invocation.js';
import type { Session } from '../session/session.js';
import { SessionStore } from '../session/session-store.js';
import { withDemo } from './config-source.js';
import { openSession, startInteractive } from './interactive-start.js';
import { passGateWithLines } from './preflight-gate-lines.js';
import { runSessionWithLines } from './run-session.js';
import { interactive } from './terminal.js';
import type { Env } from '../shared/env.js';

/**
 * The session to resume: the one named, else the latest unfinished one of the kind asked
 * for (demo sessions with --demo). Without --demo, a lone unfinished demo is named so the
 * next line can say how to resume it.
 */
function chooseSession(store: SessionStore, id: string | undefined, demo: boolean): Session {
  if (id) {
    const session = store.get(id);
    if (!session)
      throw new UsageError(`ID: no session "${id}"; list them with \`${commandLine('sessions')}\``);
    return session;
  }
  const latest =
    store.latestUnfinished({ demo }) ?? (demo ? undefined : store.latestUnfinished({ demo: true }));
  if (latest) return latest;
  throw new UsageError(
    demo
      ? `ID: no unfinished demo session to resume; start one with \`${commandLine('--demo')}\``
      : `ID: no unfinished session to resume; start one with \`${commandLine('install', '--answers', 'FILE')}\``,
  );
}

/** A demo session runs only against a demo lab, and a real one never does. */
function assertSameKind(session: Session, demo: boolean): void {
  if (session.demo && !demo)
    throw new UsageError(
      `session ${session.id} was a demo: resume it with \`${resumeCommandLine(session)}\``,
    );
  if (!session.demo && demo)
    throw new UsageError(
      `session ${session.id} is not a demo (it ran against your PKS): resume it with \`${resumeCommandLine(session)}\``,
    );
}

export interface ResumeOptions {
  demo?: boolean;
  timescale: string;
  acceptWarnings?: boolean | string;
}

const write = (line: string) => process.stdout.write(line + '\n');

async function resume(
  id: string,
  env: Env,
  acceptance: WarningAcceptance,
  demoConfig?: Config,
): Promise<number> {
  const demo = demoConfig !== undefined;
  const store = new SessionStore({ env, demo });
  const picked = demoConfig
    ? { session: store.get(id)!, config: demoConfig }
    : openSession(store, id, env);
  const config = picked.config;
  if (picked.session.status === 'done') {
    process.stdout.write(
      `session ${picked.session.id} already finished; checking that everything is still in place\n`,
    );
  }
  if (demo)
    write(
      `demo: session ${id}'s lab ended with its process; in this new lab every step runs again`,
    );
  // The install's gate does not apply: an uninstall's own checks are its first stage, and an
  // upgrade's gate was `status` before its first hop (a failed hop leaves pods that would fail
  // it, and the resume is what mends them).
  if (picked.session.plan === 'import') {
    // The inventory, Rancher's address and a token (RANCHER_TOKEN / the password) read again.
    const { resumeImport } = await import('./import-action.js');
    return resumeImport(picked.session, store, env);
  }
  // A rotation's own checks are its first stage too.
  if (
    picked.session.plan === 'uninstall' ||
    picked.session.plan === 'upgrade' ||
    picked.session.plan === 'rotate-certs'
  )
    return runDayTwo({ config, session: picked.session, store, env });
  if (interactive()) {
    return startInteractive({
      env,
      baseDir: process.cwd(),
      ...(demoConfig ? { demoConfig } : {}),
      start: { resume: { session: picked.session, config }, offerResume: false },
    });
  }
  // The gate again: what was true when the session began may not be now.
  const accepted = await passGateWithLines(config, env, acceptance, write, {
    migratingIngress: picked.session.plan === 'migrate-ingress',
  });
  if (!accepted) return ExitCode.failed;
  return runSessionWithLines({
    config,
    session: picked.session,
    store,
    env,
    bootstrapPassword: bootstrapPassword(env),
    acceptedWarnings: accepted,
  });
}

export async function resumeAction(id: string | undefined, options: ResumeOptions): Promise<void> {
  const acceptance = acceptanceOf(options.acceptWarnings);
  const demo = options.demo ?? false;
  // Before a demo lab starts: a wrong kind of session is one line, at once.
  const session = chooseSession(new SessionStore({ env: process.env }), id, demo);
  assertSameKind(session, demo);
  process.exitCode = await withDemo(
    options,
    (config, env) => resume(session.id, env, acceptance, config),
    () => resume(session.id, process.env, acceptance),
  );
}
