import { podIpBlockPrefixProblem } from '../checks/nsx.js';
import { loadPreflightAnswers, type PreflightAnswers } from '../checks/preflight-answers.js';
import { runPreflight } from '../checks/preflight.js';
import { verdict, type PreflightReport } from '../checks/preflight-report.js';
import { ConfigError } from '../config/errors.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { colorWanted } from '../shared/color.js';
import { parseTimescale } from './timescale.js';
import { jsonText, plainLines, tableLines } from './preflight-output.js';
import type { Env } from '../shared/env.js';

export interface PreflightCommandOptions {
  answers?: string;
  json?: boolean;
  demo?: boolean;
  podIpBlockPrefix?: string;
  timescale: string;
}

function answersOrFail(file: string | undefined, env: Env): PreflightAnswers {
  if (!file)
    throw new UsageError(
      '--answers: no answers file given; pass --answers FILE (or --demo to try the built-in lab)',
    );
  try {
    return loadPreflightAnswers(file, env);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
}

function prefixOrFail(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const problem = podIpBlockPrefixProblem(value);
  if (problem) throw new UsageError(problem);
  return Number(value);
}

function print(report: PreflightReport, json: boolean): void {
  if (json) {
    process.stdout.write(jsonText(report));
    return;
  }
  const lines = process.stdout.isTTY
    ? tableLines(report, process.stdout.columns || 100, colorWanted(process.env, true))
    : plainLines(report);
  process.stdout.write(lines.join('\n') + '\n');
}

/** Against the built-in lab: its answers, its environment; the note goes to stderr (stdout may be JSON). */
async function demoPreflight(options: PreflightCommandOptions, prefix?: number) {
  if (options.answers)
    throw new UsageError(
      '--demo: the demo brings its own answers; drop --answers (or drop --demo)',
    );
  const { startDemoLab } = await import('../demo/demo-lab.js');
  const demo = await startDemoLab({ timescale: parseTimescale(options.timescale) });
  process.stderr.write(`demo: preflight against a simulated Enterprise PKS lab (${demo.dir})\n`);
  try {
    return await runPreflight({ config: demo.config, env: demo.env, podIpBlockPrefix: prefix });
  } finally {
    await demo.stop();
  }
}

export async function preflightAction(options: PreflightCommandOptions): Promise<void> {
  const prefix = prefixOrFail(options.podIpBlockPrefix);
  let report: PreflightReport;
  if (options.demo) report = await demoPreflight(options, prefix);
  else {
    const { config, answerProblems } = answersOrFail(options.answers, process.env);
    report = await runPreflight({
      config,
      env: process.env,
      answerProblems,
      podIpBlockPrefix: prefix,
    });
  }
  print(report, options.json ?? false);
  process.exitCode = verdict(report) === 'blocked' ? ExitCode.failed : ExitCode.ok;
}
