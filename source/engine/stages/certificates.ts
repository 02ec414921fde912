import type { Config } from '../../config/config.js';
import { PermanentError } from '../../systems/errors.js';
import type { KubeObject } from '../../systems/kube.js';
import { checkTlsFiles } from '../../systems/tls.js';
import type { RunbookItem, Stage, Step, StepContext } from '../contract.js';
import { caSecretName, namespace, tlsSecretName } from '../desired/names.js';
import { caSecret, sameData, tlsSecret } from '../desired/secrets.js';
import { madeByUs } from './made-by-us.js';

/**
 * The TLS checks on the answers' files (chain, names, key match, dates, `cacerts.pem`): a
 * failure stops the run, warnings are said. The install's and the rotation's first step.
 */
export async function validateTlsFiles(ctx: StepContext): Promise<void> {
  const { cert, key, caCerts } = ctx.config.tls;
  const findings = await checkTlsFiles(
    { cert, key, caCerts },
    ctx.config.rancher.hostname,
    new Date(),
  );
  const failed = findings.find((f) => f.status === 'fail');
  if (failed) throw new PermanentError(`${failed.id}: ${failed.message}`, failed.remedy);
  for (const warn of findings.filter((f) => f.status === 'warn'))
    ctx.progress(`${warn.id}: ${warn.message}`);
}

export const tlsFilesCheck = (config: Config): RunbookItem => ({
  kind: 'check',
  text: `${config.tls.cert} and ${config.tls.key} match, cover ${config.rancher.hostname}, are valid now and chain to ${config.tls.caCerts} (named cacerts.pem)`,
});

/** `kubectl create secret tls` for the answers' certificate and key. */
export const tlsSecretCommand = (c: Config): string[] => [
  'kubectl',
  '-n',
  namespace,
  'create',
  'secret',
  'tls',
  tlsSecretName,
  `--cert=${c.tls.cert}`,
  `--key=${c.tls.key}`,
];

const validate: Step = {
  id: 'certificates.validate',
  title: 'Validate certificate, key and CA',
  run: validateTlsFiles,
  runbook: (config) => [tlsFilesCheck(config)],
};

async function namespaceReady(ctx: StepContext): Promise<boolean> {
  const ns = await ctx.systems.kube().get({ apiVersion: 'v1', kind: 'Namespace', name: namespace });
  if (ns?.metadata?.deletionTimestamp) {
    throw new PermanentError(
      `namespace ${namespace} is being deleted`,
      'wait until it is gone (`kubectl get ns`), then resume',
    );
  }
  return ns !== undefined;
}

const createNamespace: Step = {
  id: 'certificates.namespace',
  title: `Namespace ${namespace}`,
  isDone: namespaceReady,
  async run(ctx) {
    madeByUs(ctx, 'createdNamespace', `creating namespace ${namespace}`);
    await ctx.systems
      .kube()
      .create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  },
  runbook: () => [{ kind: 'command', argv: ['kubectl', 'create', 'namespace', namespace] }],
};

/** The secret in the cluster holds what `wanted` would write (data and type). */
export async function secretHolds(ctx: StepContext, wanted: KubeObject): Promise<boolean> {
  const current = await ctx.systems
    .kube()
    .get({ apiVersion: 'v1', kind: 'Secret', namespace, name: wanted.metadata!.name! });
  return current !== undefined && sameData(wanted)(current);
}

/**
 * Creates or replaces the secret, then reads it back: what Rancher and the ingress controller
 * will read is what we meant.
 */
export async function writeSecret(
  ctx: StepContext,
  wanted: KubeObject,
): Promise<'created' | 'updated' | 'unchanged'> {
  const what = await ctx.systems.kube().ensure(wanted, sameData(wanted));
  if (!(await secretHolds(ctx, wanted))) {
    throw new PermanentError(
      `secret ${namespace}/${wanted.metadata!.name} does not hold what was written`,
      'check for admission webhooks that mutate secrets, then resume',
    );
  }
  return what;
}

function secretStep(
  id: string,
  title: string,
  build: (c: Config) => KubeObject,
  runbookArgv: (c: Config) => string[],
): Step {
  return {
    id,
    title,
    isDone: (ctx) => secretHolds(ctx, build(ctx.config)),
    async run(ctx) {
      const wanted = build(ctx.config);
      const what = await writeSecret(ctx, wanted);
      ctx.progress(
        `secret ${wanted.metadata!.name} ${what}${what === 'updated' ? ' (Rancher pods read it at start: they are restarted later if running)' : ''}`,
      );
      if (what === 'updated') ctx.facts.secretsChanged = true;
    },
    runbook: (config) => [{ kind: 'command', argv: runbookArgv(config) }],
  };
}

const ca = secretStep(
  'certificates.ca-secret',
  `Secret ${caSecretName} (cacerts.pem)`,
  caSecret,
  (c) => [
    'kubectl',
    '-n',
    namespace,
    'create',
    'secret',
    'generic',
    caSecretName,
    `--from-file=cacerts.pem=${c.tls.caCerts}`,
  ],
);

const tls = secretStep(
  'certificates.tls-secret',
  `Secret ${tlsSecretName} (TLS)`,
  tlsSecret,
  tlsSecretCommand,
);

export function certificatesStage(): Stage {
  return { id: 'certificates', title: 'Certificates', steps: [validate, createNamespace, ca, tls] };
}
