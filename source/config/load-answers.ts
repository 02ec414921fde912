import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Config } from './config.js';
import { dnsServerProblem, dnsServersEnvVar, dnsServersFromEnv } from './dns-server.js';
import { ConfigError, formatIssues } from './errors.js';
import { passwordProblems } from './password-guard.js';
import { resolveAnswerPath } from './field-rules.js';
import { mergeAnswers, pickAnswers, type PartialAnswers } from './partial-answers.js';
import { readAnswersFile } from './read-answers-file.js';
import { answersSchema, type Answers } from './schema.js';
import type { Env } from '../shared/env.js';

/**
 * Reads and validates an answers file (YAML, or JSON for `.json`).
 * Relative TLS paths are taken from the answers file's folder, not the current one.
 * Throws ConfigError listing every problem found.
 */
export function loadAnswers(file: string, env: Env = process.env): Config {
  const data = readAnswersFile(file);
  try {
    return parseAnswers(data, dirname(resolve(file)), env);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(error.problems, file);
    throw error;
  }
}

/** An answers file as a terminal user gets it: usable, or the answers that read well and every problem. */
export type AnswersForReview =
  | { ok: true; config: Config }
  | { ok: false; answers: PartialAnswers; problems: readonly string[] };

/**
 * Reads an answers file for the review screen: when it has errors, the fields that read
 * well are kept (TLS paths made absolute against the file's folder, as parseAnswers would)
 * along with every problem, so the review can show them all. A file that cannot be read or
 * parsed at all still throws ConfigError.
 */
export function loadAnswersForReview(file: string, env: Env = process.env): AnswersForReview {
  const data = readAnswersFile(file);
  const baseDir = dirname(resolve(file));
  try {
    return { ok: true, config: parseAnswers(data, baseDir, env) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return {
      ok: false,
      answers: withAbsolutePaths(pickAnswers(data), baseDir),
      problems: error.problems,
    };
  }
}

/** The file's paths as parseAnswers reads them (from its folder), so they mean the same anywhere. */
function withAbsolutePaths(answers: PartialAnswers, baseDir: string): PartialAnswers {
  const at = (path: string | undefined) => (path?.trim() ? resolveAnswerPath(path, baseDir) : path);
  const { tls, pks } = answers;
  return mergeAnswers(answers, {
    ...(tls ? { tls: { cert: at(tls.cert), key: at(tls.key), caCerts: at(tls.caCerts) } } : {}),
    ...(pks ? { pks: { caCert: at(pks.caCert) } } : {}),
  });
}

/** Validates answers from any source (the wizard, a file); relative paths resolve against `baseDir`. */
export function parseAnswers(data: unknown, baseDir: string, env: Env = process.env): Config {
  const envServers = dnsServersFromEnv(env);
  const parsed = answersSchema.safeParse(data, { reportInput: true });
  const problems = [
    ...passwordProblems(data),
    ...(parsed.success ? [] : formatIssues(parsed.error.issues)),
    ...envServerProblems(envServers),
  ];
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return withResolvedPaths(withEnvServers(parsed.data, envServers), baseDir);
}

function envServerProblems(servers: readonly string[] | undefined): string[] {
  return (servers ?? []).flatMap((entry) => {
    const problem = dnsServerProblem(entry);
    return problem ? [`${dnsServersEnvVar}: ${problem}`] : [];
  });
}

/** The environment variable wins over the file, so one run can point at other resolvers. */
function withEnvServers(answers: Answers, servers: string[] | undefined): Answers {
  return servers ? { ...answers, dns: { ...answers.dns, servers } } : answers;
}

function withResolvedPaths(answers: Answers, baseDir: string): Config {
  const at = (path: string) => resolvePath(path, baseDir);
  const { cert, key, caCerts } = answers.tls;
  const caCert = answers.pks.caCert;
  return {
    ...answers,
    pks: { ...answers.pks, ...(caCert ? { caCert: at(caCert) } : {}) },
    tls: { cert: at(cert), key: at(key), caCerts: at(caCerts) },
  };
}

function resolvePath(path: string, baseDir: string): string {
  if (path === '~' || path.startsWith('~/')) return join(homedir(), path.slice(1));
  return isAbsolute(path) ? path : resolve(baseDir, path);
}
