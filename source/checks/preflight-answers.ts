import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import type { Config } from '../config/config.js';
import { ConfigError, fieldPath, formatIssues } from '../config/errors.js';
import { resolveAnswerPath } from '../config/field-rules.js';
import { parseAnswers } from '../config/load-answers.js';
import { readAnswersFile } from '../config/read-answers-file.js';
import { answersSchema } from '../config/schema.js';
import { fail, type CheckResult } from './check.js';
import { splitProblem } from './hostnames.js';
import type { Env } from '../shared/env.js';

/**
 * Answers as preflight reads them. A few answers problems are themselves preflight
 * checks (the two hostnames equal, the CA file's name, the LB size): those become
 * failing checks, so the user sees them beside everything else. Anything else that
 * makes the answers unusable (no file, bad syntax, unknown keys, missing fields) is
 * still a ConfigError (exit 2).
 */
export interface PreflightAnswers {
  config: Config;
  /** Failing checks found in the answers themselves, by check id. */
  answerProblems: CheckResult[];
}

type Issue = z.core.$ZodIssue;

interface Tolerated {
  /** The answers field, as `section.key`. */
  field: string;
  checkId(issue: Issue): string;
  /** A valid stand-in, so the rest of the answers can be validated and used. */
  placeholder: string;
  /** The user's own value back in the Config (for the checks that look at it), or none. */
  restore?(raw: string, baseDir: string): string;
}

const asHostname = (raw: string) => raw.trim().toLowerCase();

const toleratedFields: readonly Tolerated[] = [
  { field: 'pks.lbSize', checkId: () => 'pks.network-profile', placeholder: 'small' },
  { field: 'pks.networkProfile', checkId: () => 'pks.network-profile', placeholder: 'lb-small' },
  {
    field: 'pks.externalHostname',
    checkId: () => 'config.hostnames',
    placeholder: 'api.preflight-placeholder.example',
    restore: asHostname,
  },
  {
    field: 'rancher.hostname',
    checkId: (issue) =>
      issue.message.includes('same as pks.externalHostname')
        ? 'hostnames.distinct'
        : 'config.hostnames',
    placeholder: 'rancher.preflight-placeholder.example',
    restore: asHostname,
  },
  {
    field: 'tls.caCerts',
    checkId: () => 'tls.cacerts-name',
    placeholder: 'cacerts.pem',
    restore: (raw, baseDir) => resolveAnswerPath(raw, baseDir),
  },
];

type Sections = Record<string, Record<string, unknown>>;

function rawValue(data: unknown, field: string): unknown {
  const [section = '', key = ''] = field.split('.');
  const value = (data as Partial<Sections> | null)?.[section];
  return typeof value === 'object' && value !== null ? value[key] : undefined;
}

/** The rule for an issue, when its field holds text (a missing or non-text value is bad input). */
function toleratedRule(issue: Issue, data: unknown): Tolerated | undefined {
  const field = fieldPath(issue.path);
  const rule = toleratedFields.find((r) => r.field === field);
  const raw = rawValue(data, field);
  return rule && typeof raw === 'string' && raw.trim() !== '' ? rule : undefined;
}

function withValue(data: Sections, field: string, value: string): Sections {
  const [section = '', key = ''] = field.split('.');
  return { ...data, [section]: { ...data[section], [key]: value } };
}

function withRestored(config: Config, field: string, value: string): Config {
  const [section = '', key = ''] = field.split('.');
  const sections = config as unknown as Sections;
  return { ...config, [section]: { ...sections[section], [key]: value } } as Config;
}

/** Validates answers data; tolerated problems become failing checks instead of errors. */
export function parsePreflightAnswers(data: unknown, baseDir: string, env: Env): PreflightAnswers {
  const parsed = answersSchema.safeParse(data, { reportInput: true });
  const issues = parsed.success ? [] : parsed.error.issues;
  const tolerated = issues.flatMap((issue) => {
    const rule = toleratedRule(issue, data);
    return rule ? [{ issue, rule }] : [];
  });
  let patched = data as Sections;
  for (const { rule } of tolerated) patched = withValue(patched, rule.field, rule.placeholder);
  let config = parseAnswers(patched, baseDir, env);
  for (const { rule } of tolerated) {
    const raw = rawValue(data, rule.field) as string;
    if (rule.restore) config = withRestored(config, rule.field, rule.restore(raw, baseDir));
  }
  const answerProblems = tolerated.map(({ issue, rule }) => {
    const { message, remedy } = splitProblem(formatIssues([issue])[0] ?? fieldPath(issue.path));
    return fail(rule.checkId(issue), message, remedy);
  });
  return { config, answerProblems };
}

/** Reads the answers file for preflight; throws ConfigError (naming the file) for bad input. */
export function loadPreflightAnswers(file: string, env: Env = process.env): PreflightAnswers {
  const data = readAnswersFile(file);
  try {
    return parsePreflightAnswers(data, dirname(resolve(file)), env);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(error.problems, file);
    throw error;
  }
}
