import type { AnswersInput } from './schema.js';

/**
 * The answers as the wizard collects them: the answers file's shape, every field
 * optional. Never holds the bootstrap password (that stays in memory, outside).
 */
export interface PartialAnswers {
  pks?: Partial<AnswersInput['pks']>;
  rancher?: Partial<AnswersInput['rancher']>;
  tls?: Partial<AnswersInput['tls']>;
  ingress?: Partial<NonNullable<AnswersInput['ingress']>>;
  dns?: AnswersInput['dns'];
}

type Section = 'pks' | 'rancher' | 'tls' | 'ingress';
const sections: readonly Section[] = ['pks', 'rancher', 'tls', 'ingress'];

/** `patch` over `base`, section by section; a field set to `undefined` in the patch is removed. */
export function mergeAnswers(base: PartialAnswers, patch: PartialAnswers): PartialAnswers {
  const merged: PartialAnswers = { ...base };
  for (const section of sections) {
    if (patch[section]) merged[section] = definedOnly({ ...base[section], ...patch[section] });
  }
  if (patch.dns) merged.dns = patch.dns;
  return merged;
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const textFields: Record<Section, readonly string[]> = {
  pks: ['cli', 'plan', 'cluster', 'externalHostname', 'networkProfile', 'lbSize', 'caCert'],
  rancher: ['hostname', 'chartRepo', 'chartVersion'],
  tls: ['cert', 'key', 'caCerts'],
  ingress: ['controller', 'chartVersion'],
};

/**
 * The answer fields found in `data` (a draft file, an answers file), keeping only the
 * known ones with the right type. Unknown keys and anything password-like are dropped,
 * so whatever comes in, a draft written from it holds answers only.
 */
export function pickAnswers(data: unknown): PartialAnswers {
  const source = asRecord(data);
  const answers: PartialAnswers = {};
  for (const section of sections) {
    const from = asRecord(source[section]);
    const picked: Record<string, unknown> = {};
    for (const field of textFields[section]) {
      if (typeof from[field] === 'string') picked[field] = from[field];
    }
    if (section === 'rancher' && typeof from.replicas === 'number') picked.replicas = from.replicas;
    if (section === 'pks' && typeof from.workers === 'number') picked.workers = from.workers;
    // A section the data has stays, even empty: its missing fields are then named one by one.
    if (Object.keys(picked).length > 0 || isRecord(source[section]))
      Object.assign(answers, { [section]: picked });
  }
  const servers = asRecord(source.dns).servers;
  if (Array.isArray(servers) && servers.every((server) => typeof server === 'string')) {
    answers.dns = { servers: servers as string[] };
  }
  return answers;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
