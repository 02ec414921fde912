import { resolve } from 'node:path';
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
  /** The certificate rotation's runbook, with the new files when given. */
  rotateCerts?: boolean;
  cert?: string;
  key?: string;
  caCerts?: string;
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

/** With --rotate-certs, the new files given (absolute) in place of the answers'. */
function withNewFiles(config: Config, options: PlanOptions): Config {
  const given = (path: string | undefined, current: string) =>
    path ? resolve(process.cwd(), path) : current;
  return {
    ...config,
    tls: {
      cert: given(options.cert, config.tls.cert),
      key: given(options.key, config.tls.key),
      caCerts: given(options.caCerts, config.tls.caCerts),
    },
  };
}

function print(kind: SessionPlan, config: Config, options: PlanOptions): number {
  const shown = kind === 'rotate-certs' ? withNewFiles(config, options) : config;
  process.stdout.write(renderRunbook(planOf(kind), shown, kind));
  return 0;
}

/** A session's runbook, or with --uninstall/--upgrade/--rotate-certs the runbook of that. */
function printSession(id: string, kind: SessionPlan | undefined, options: PlanOptions): number {
  const { session, config } = openSession(new SessionStore({ env: process.env }), id, process.env);
  return print(kind ?? session.plan, recordedConfig(config, session.facts), options);
}

function kindOf(options: PlanOptions): SessionPlan | undefined {
  const asked = (['uninstall', 'upgrade', 'import', 'rotateCerts'] as const).filter(
    (kind) => options[kind],
  );
  const flag = (k: (typeof asked)[number]) => (k === 'rotateCerts' ? '--rotate-certs' : `--${k}`);
  if (asked.length > 1)
    throw new UsageError(
      `${flag(asked[1]!)}: one runbook at a time; keep one of ${asked.map(flag).join(', ')}`,
    );
  if (!options.rotateCerts && (options.cert || options.key || options.caCerts))
    throw new UsageError('--cert: the new files go with --rotate-certs; add it (or drop them)');
  const [kind] = asked;
  return kind === 'rotateCerts' ? 'rotate-certs' : kind;
}

export async function planAction(options: PlanOptions): Promise<void> {
  if (options.session && (options.answers || options.demo))
    throw new UsageError(
      '--session: the session brings its own answers; drop --answers/--demo (or drop --session)',
    );
  const asked = kindOf(options);
  if (options.session) {
    process.exitCode = printSession(options.session, asked, options);
    return;
  }
  const kind = asked ?? 'install';
  process.exitCode = await withDemo(
    options,
    async (config) => print(kind, config, options),
    async () => print(kind, loadConfigOrFail(options.answers, process.env), options),
  );
}
