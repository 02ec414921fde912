import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Config } from './config.js';
import { dnsServerProblem, dnsServersEnvVar, dnsServersFromEnv } from './dns-server.js';
import { ConfigError, formatIssues } from './errors.js';
import { passwordProblems } from './password-guard.js';
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
