import type { z } from 'zod';
import { closestName } from './did-you-mean.js';
import { isPasswordKey } from './password-guard.js';
import { describeValue, knownKeys } from './schema.js';

type Issue = z.core.$ZodIssue;

/**
 * Answers that cannot be used. `message` is the first problem; `problems` holds them all,
 * one line each: `field.path: what is wrong; how to fix`.
 */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(
    problems: readonly string[],
    /** The answers file, when the answers came from one. */
    readonly file?: string,
  ) {
    super(problems[0] ?? 'the answers are not valid');
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** `['dns', 'servers', 0]` → `dns.servers[0]`; the root is `answers`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || 'answers';
}

/** One line per problem; unknown keys give one line each, with a "did you mean". */
export function formatIssues(issues: readonly Issue[]): string[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? unknownKeyLines(issue.path, issue.keys)
      : [`${fieldPath(issue.path)}: ${issueText(issue)}`],
  );
}

function unknownKeyLines(path: readonly PropertyKey[], keys: readonly string[]): string[] {
  const section = path.map(String).join('.');
  const known = knownKeys[section] ?? [];
  return keys
    .filter((key) => !isPasswordKey(key)) // reported on their own, with the reason
    .map((key) => {
      const what = section ? 'unknown key' : 'unknown section';
      const guess = closestName(key, known);
      const hint = guess ? `did you mean ${guess}?` : `remove it or check its spelling`;
      const list = known.length ? ` (${section || 'sections'}: ${known.join(', ')})` : '';
      return `${fieldPath([...path, key])}: ${what}; ${hint}${list}`;
    });
}

/** The schema words its own messages; zod's generic ones are reworded here. */
function issueText(issue: Issue): string {
  if (!issue.message.startsWith('Invalid input')) return issue.message;
  if (issue.code === 'invalid_type') {
    return issue.input === undefined
      ? 'is missing; add it'
      : `must be ${article(issue.expected)}, not ${describeValue(issue.input)}; correct its value`;
  }
  return `${issue.message.replace(/^Invalid input:?\s*/, '') || 'is not valid'}; correct its value`;
}

function article(expected: string): string {
  if (expected === 'object') return 'a mapping';
  if (expected === 'array') return 'a list';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
