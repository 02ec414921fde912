import type { Config } from '../config/config.js';
import type { Facts } from '../engine/facts.js';
import { UsageError } from '../exit-codes.js';
import { planOf } from '../engine/plan.js';
import { renderRunbook } from '../engine/runbook.js';
import type { SessionPlan } from '../session/session-record.js';
import { SessionStore } from '../session/session-store.js';
import { loadConfigOrFail, withDemo } from './config-source.js';
import { openSession } from './interactive-start.js';

export interface PlanOptions {
  answers?: string;
  demo?: boolean;
  session?: string;
  /** The uninstall's runbook instead of the install's. */
  uninstall?: boolean;
  /** The upgrade's runbook instead of the install's. */
  upgrade?: boolean;
  /** The fleet import's runbook instead of the install's. */
  import?: boolean;
  timescale: string;
}

/**
 * A session's answers with the chart versions its run chose, so its runbook names exactly
 * the charts a resume or re-run installs.
 */
function recordedConfig(config: Config, facts: Readonly<Facts>): Config {
  return {
    ...config,
    rancher: {
      ...config.rancher,
      chartVersion: facts.rancherChartVersion || config.rancher.chartVersion,
    },
    ingress: {
      ...config.ingress,
      chartVersion: facts.ingressChartVersion || config.ingress.chartVersion,
    },
  };
}

function print(kind: SessionPlan, config: Config): number {
  process.stdout.write(renderRunbook(planOf(kind), config, kind));
  return 0;
}

/** A session's runbook, or with --uninstall/--upgrade the runbook of that. */
function printSession(id: string, kind: SessionPlan | undefined): number {
  const { session, config } = openSession(new SessionStore({ env: process.env }), id, process.env);
  return print(kind ?? session.plan, recordedConfig(config, session.facts));
}

function kindOf(options: PlanOptions): SessionPlan | undefined {
  const asked = (['uninstall', 'upgrade', 'import'] as const).filter((kind) => options[kind]);
  if (asked.length > 1)
    throw new UsageError(
      `--${asked[1]}: one runbook at a time; keep one of ${asked.map((k) => `--${k}`).join(', ')}`,
    );
  return asked[0];
}

export async function planAction(options: PlanOptions): Promise<void> {
  if (options.session && (options.answers || options.demo))
    throw new UsageError(
      '--session: the session brings its own answers; drop --answers/--demo (or drop --session)',
    );
  const asked = kindOf(options);
  if (options.session) {
    process.exitCode = printSession(options.session, asked);
    return;
  }
  const kind = asked ?? 'install';
  process.exitCode = await withDemo(
    options,
    async (config) => print(kind, config),
    async () => print(kind, loadConfigOrFail(options.answers, process.env)),
  );
}
