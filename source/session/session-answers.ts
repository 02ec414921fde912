import type { JsonValue, SessionAnswers } from './session-record.js';

/** What a session list shows about its answers. */
export interface AnswersLabel {
  cluster?: string;
  hostname?: string;
}

/**
 * The cluster name and Rancher hostname, wherever the answers keep them. The config
 * shape is owned by `source/config` (`pks.cluster`, `rancher.hostname`); the other
 * spellings (`cluster.name`, `clusterName`, `cluster`, `hostname`) keep lists readable
 * if that shape moves.
 */
export function describeAnswers(answers: SessionAnswers): AnswersLabel {
  return {
    cluster: firstString(answers, [
      ['pks', 'cluster'],
      ['cluster', 'name'],
      ['clusterName'],
      ['cluster'],
    ]),
    hostname: firstString(answers, [['rancher', 'hostname'], ['hostname'], ['rancherHostname']]),
  };
}

function firstString(
  answers: SessionAnswers,
  paths: readonly (readonly string[])[],
): string | undefined {
  for (const path of paths) {
    const value = dig(answers, path);
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}

function dig(value: JsonValue, path: readonly string[]): JsonValue | undefined {
  let current: JsonValue | undefined = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = current[key];
  }
  return current;
}
