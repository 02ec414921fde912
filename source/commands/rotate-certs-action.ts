import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Config } from '../config/config.js';
import { ConfigError } from '../config/errors.js';
import { parseAnswers } from '../config/load-answers.js';
import type { Facts } from '../engine/facts.js';
import type { RunRequest } from '../engine/run-request.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import type { Session } from '../session/session.js';
import { SessionStore } from '../session/session-store.js';
import { checkTlsFiles, type TlsCheckId, type TlsPaths } from '../systems/tls.js';
import { readOnlySystems } from '../checks/read-only-systems.js';
import { clusterNames } from '../engine/desired/downstream-clusters.js';
import { caLine, lostLine, refusal, rotateGate } from '../engine/rotate-gate.js';
import type { Env } from '../shared/env.js';
import { readTlsFile } from '../systems/tls.js';
import { runDayTwo } from './day-two-run.js';
import { finishedSession } from './finished-session.js';
import { importedClusters } from './imported-clusters.js';
import { interactive } from './terminal.js';

export interface RotateCertsOptions {
  cert?: string;
  key?: string;
  caCerts?: string;
  force?: boolean;
  yes?: boolean;
}

const write = (line: string) => process.stdout.write(line + '\n');

/** The flag each TLS check is about, so a refusal names what to fix. */
const flagOf: Partial<Record<TlsCheckId, string>> = {
  'tls.cacerts-name': '--ca-certs',
  'tls.ca-only': '--ca-certs',
  'tls.chain': '--ca-certs',
  'tls.key-encrypted': '--key',
  'tls.key-match': '--key',
};

const newFileFlags = [
  ['cert', '--cert', 'server certificate (PEM)'],
  ['key', '--key', 'private key (PEM)'],
  ['caCerts', '--ca-certs', 'CA bundle (a file named cacerts.pem)'],
] as const;

/** The three new files, absolute (the session keeps their paths, never their content). */
export function newFiles(options: RotateCertsOptions, cwd: string): TlsPaths {
  const missing = (['cert', 'key', 'caCerts'] as const).find((k) => !options[k]);
  if (missing) {
    const flag = { cert: '--cert', key: '--key', caCerts: '--ca-certs' }[missing];
    throw new UsageError(
      `${flag}: required; rotate-certs takes the new --cert, --key and --ca-certs (cacerts.pem) files`,
    );
  }
  return {
    cert: resolve(cwd, options.cert!),
    key: resolve(cwd, options.key!),
    caCerts: resolve(cwd, options.caCerts!),
  };
}

/** The install's TLS checks on the new files, before anything else: the first failure, as one line. */
export async function refuseBadFiles(files: TlsPaths, hostname: string): Promise<void> {
  // A missing file is named by its flag (the TLS checks speak of the answers file's fields).
  for (const [key, flag, what] of newFileFlags) {
    if (!existsSync(files[key]))
      throw new UsageError(
        `${flag}: ${files[key]} does not exist; give the path of the new ${what}`,
      );
  }
  const findings = await checkTlsFiles(files, hostname, new Date());
  const failed = findings.find((f) => f.status === 'fail');
  if (!failed) return;
  const flag = flagOf[failed.id] ?? '--cert';
  throw new UsageError(
    `${flag}: ${failed.message}${failed.remedy ? `; ${failed.remedy}` : ''} (${failed.id})`,
  );
}

function configOf(session: Session, files: TlsPaths): Config {
  try {
    return { ...parseAnswers(session.answers, '/', process.env), tls: files };
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`session ${session.id}: ${e.message}`);
    throw e;
  }
}

/** The install's facts (its virtual-server IP…) without another day-2 run's decisions. */
function startingFacts(base: Readonly<Facts>, rotate: NonNullable<Facts['rotate']>): Facts {
  const { rotate: _r, upgrade: _u, uninstall: _n, secretsChanged: _s, ...kept } = base;
  return { ...kept, rotate };
}

async function confirmed(config: Config): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(
      `Replace the certificate of https://${config.rancher.hostname} with ${config.tls.cert}? A CA change restarts Rancher. [y/N] `,
    );
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/**
 * Before a session exists: is the CA changing, and whose agents would that cut off? A refusal
 * (without --force) leaves nothing behind, so `--force` can follow at once. Returns whether to
 * go on.
 */
async function gatePasses(
  config: Config,
  env: Env,
  imported: Awaited<ReturnType<typeof importedClusters>>,
  force: boolean,
): Promise<boolean> {
  let gate;
  try {
    const kube = readOnlySystems(config, env).kube();
    gate = await rotateGate(kube, readTlsFile(config.tls.caCerts).toString('utf8'), imported);
  } catch (e) {
    write(`cannot read Rancher's cluster ${config.pks.cluster}: ${(e as Error).message}`);
    write('Nothing was changed: check what `status` reports, then rotate.');
    return false;
  }
  write(caLine(gate));
  if (!gate.caChanges) return true;
  const { told, lost } = gate.downstream;
  if (told.length) write(`agents to update and watch come back Active: ${clusterNames(told)}`);
  if (lost.length === 0) return true;
  if (force) {
    write(`--force: ${lostLine(lost)}; update their CATTLE_CA_CHECKSUM by hand`);
    return true;
  }
  const { message, remedy } = refusal(lost);
  write(`refused: ${message}`);
  write(`  ${remedy}`);
  return false;
}

export async function rotateCertsAction(
  id: string | undefined,
  options: RotateCertsOptions,
): Promise<void> {
  const env = process.env;
  const files = newFiles(options, process.cwd());
  const store = new SessionStore({ env });
  const base = finishedSession(store, id, { verb: 'rotate the certificates of' });
  const config = configOf(base, files);
  await refuseBadFiles(files, config.rancher.hostname);
  if (!options.yes && !interactive())
    throw new UsageError(
      '--yes: not in a terminal, so the rotation cannot be confirmed; add --yes',
    );
  const imported = await importedClusters(store, config, env);
  const force = options.force ?? false;
  if (!(await gatePasses(config, env, imported, force))) {
    process.exitCode = ExitCode.failed;
    return;
  }
  if (!options.yes && !(await confirmed(config))) {
    write('Nothing was changed.');
    return;
  }
  const request: RunRequest = {
    config,
    plan: 'rotate-certs',
    facts: startingFacts(base.facts, { force, imported }),
    store,
    env,
  };
  process.exitCode = await runDayTwo(request);
}
