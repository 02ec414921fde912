import { podIpBlockPrefixProblem } from '../checks/nsx.js';
import { verdict, type PreflightReport } from '../checks/preflight-report.js';
import { runStatus } from '../checks/status/status.js';
import type { Config } from '../config/config.js';
import { ConfigError } from '../config/errors.js';
import { parseAnswers } from '../config/load-answers.js';
import type { Facts } from '../engine/facts.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { SessionStore } from '../session/session-store.js';
import { colorWanted } from '../shared/color.js';
import type { Env } from '../shared/env.js';
import { loadConfigOrFail } from './config-source.js';
import { finishedSession } from './finished-session.js';
import { interactive } from './terminal.js';
import { jsonText, plainLines, tableLines } from './preflight-output.js';

export interface StatusCommandOptions {
  answers?: string;
  json?: boolean;
  watch?: boolean;
  interval: string;
  podIpBlockPrefix?: string;
}

/** What `status` checks: a session's install, or the one an answers file describes. */
export interface StatusTarget {
  config: Config;
  facts?: Readonly<Facts>;
  session?: string;
  answers?: string;
}

function target(id: string | undefined, options: StatusCommandOptions, env: Env): StatusTarget {
  if (id && options.answers)
    throw new UsageError(
      `--answers: both a session (${id}) and an answers file name what to check; give one`,
    );
  if (options.answers)
    return { config: loadConfigOrFail(options.answers, env), answers: options.answers };
  const session = finishedSession(new SessionStore({ env }), id, {
    verb: 'check',
    takesUnfinished: true,
    otherwise: 'check the install an answers file describes: --answers FILE',
  });
  try {
    const config = parseAnswers(session.answers, '/', env);
    return { config, facts: session.facts, session: session.id };
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`session ${session.id}: ${e.message}`);
    throw e;
  }
}

/** `session ID: czpksrancher05, https://rancher.lab.test`: what the report is about. */
export function targetLine(t: StatusTarget): string {
  const what = t.session ? `session ${t.session}` : `answers ${t.answers}`;
  return `${what}: cluster ${t.config.pks.cluster}, https://${t.config.rancher.hostname}`;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 2 || n > 3600)
    throw new UsageError(
      `--interval: "${value}" is not a number of seconds from 2 to 3600; use e.g. 15`,
    );
  return n;
}

function prefixOrFail(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const problem = podIpBlockPrefixProblem(value);
  if (problem) throw new UsageError(problem);
  return Number(value);
}

function print(report: PreflightReport, t: StatusTarget, json: boolean, checkedAt: Date): void {
  if (json) {
    const head = {
      target: {
        ...(t.session ? { session: t.session } : { answers: t.answers }),
        cluster: t.config.pks.cluster,
        hostname: t.config.rancher.hostname,
      },
      checkedAt: checkedAt.toISOString(),
    };
    process.stdout.write(jsonText(report, head));
    return;
  }
  const lines = process.stdout.isTTY
    ? tableLines(report, process.stdout.columns || 100, colorWanted(process.env, true), 'status')
    : plainLines(report, 'status');
  process.stdout.write([targetLine(t), ...lines].join('\n') + '\n');
}

export async function statusAction(
  id: string | undefined,
  options: StatusCommandOptions,
): Promise<void> {
  const env = process.env;
  const prefix = prefixOrFail(options.podIpBlockPrefix);
  const interval = seconds(options.interval);
  if (options.watch && options.json)
    throw new UsageError('--watch: a dashboard is not JSON; drop --json (or --watch)');
  if (options.watch && !interactive())
    throw new UsageError(
      '--watch: needs a terminal; without one, run `status` on a schedule (each run exits 1 when a check fails)',
    );
  const t = target(id, options, env);
  const run = (signal?: AbortSignal) =>
    runStatus({
      config: t.config,
      env,
      ...(t.facts ? { facts: t.facts } : {}),
      ...(t.session ? { sessionId: t.session } : {}),
      ...(prefix !== undefined ? { podIpBlockPrefix: prefix } : {}),
      ...(signal ? { signal } : {}),
    });
  if (options.watch) {
    const { watchStatus } = await import('../ui/status/watch-status.js');
    process.exitCode = await watchStatus({
      title: targetLine(t),
      intervalMs: interval * 1000,
      check: run,
    });
    return;
  }
  const checkedAt = new Date();
  const report = await run();
  print(report, t, options.json ?? false, checkedAt);
  process.exitCode = verdict(report) === 'blocked' ? ExitCode.failed : ExitCode.ok;
}
