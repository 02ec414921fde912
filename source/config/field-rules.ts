import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { z } from 'zod';
import { formatIssues } from './errors.js';
import {
  answersSchema,
  ingressShape,
  pksShape,
  rancherShape,
  tlsShape,
  withoutRootDot,
} from './schema.js';

/**
 * One answer at a time, judged by the answers schema itself, so a prompt and the
 * answers file can never disagree. Messages read exactly like ConfigError lines:
 * `pks.cluster: "9x" is not a PKS cluster name; start with a letter ...`.
 */

const fieldSchemas = {
  'pks.plan': pksShape.plan,
  'pks.cluster': pksShape.cluster,
  'pks.externalHostname': pksShape.externalHostname,
  'pks.networkProfile': pksShape.networkProfile,
  'pks.lbSize': pksShape.lbSize,
  'rancher.hostname': rancherShape.hostname,
  'rancher.replicas': rancherShape.replicas,
  'rancher.chartVersion': rancherShape.chartVersion,
  'tls.cert': tlsShape.cert,
  'tls.key': tlsShape.key,
  'tls.caCerts': tlsShape.caCerts,
  'ingress.controller': ingressShape.controller,
  'ingress.chartVersion': ingressShape.chartVersion,
} satisfies Record<string, z.ZodType>;

/** The answers a prompt asks for, by their path in the answers file. */
export type AnswerField = keyof typeof fieldSchemas;

export const answerFields = Object.keys(fieldSchemas) as AnswerField[];

/** The first thing wrong with `value` as `field`, as the answers file would report it; undefined when fine. */
export function answerFieldProblem(field: AnswerField, value: unknown): string | undefined {
  const schema: z.ZodType = fieldSchemas[field];
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return undefined;
  const path = field.split('.');
  const issues = parsed.error.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] }));
  return formatIssues(issues)[0];
}

/**
 * Why the Rancher hostname cannot be `rancher` next to the API hostname `api`, or
 * undefined. The wording comes from the schema's cross-field rule (which runs even
 * when the other sections are missing, so a two-field object is enough to ask it).
 */
export function hostnamesProblem(api: string, rancher: string): string | undefined {
  const same = (name: string) => withoutRootDot(name.trim().toLowerCase());
  if (same(api) !== same(rancher)) return undefined;
  const parsed = answersSchema.safeParse(
    { pks: { externalHostname: api }, rancher: { hostname: rancher } },
    { reportInput: true },
  );
  const lines = parsed.success ? [] : formatIssues(parsed.error.issues);
  return lines.find((line) => line.startsWith('rancher.hostname:') && line.includes('same as'));
}

/**
 * Where a TLS path from the answers points: `~` is the home folder, relative paths are
 * taken from `baseDir`. The same rule parseAnswers applies (a test keeps them in step).
 */
export function resolveAnswerPath(path: string, baseDir: string, home: string = homedir()): string {
  const trimmed = path.trim();
  if (trimmed === '~' || trimmed.startsWith('~/')) return join(home, trimmed.slice(1));
  return isAbsolute(trimmed) ? trimmed : resolve(baseDir, trimmed);
}
