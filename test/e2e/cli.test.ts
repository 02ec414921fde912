import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliPath } from '../helpers/lab-process.js';

const run = promisify(execFile);

async function cli(...args: string[]) {
  return cliWith({}, ...args);
}

async function cliWith(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cliPath, ...args], {
      env: { ...process.env, ...env },
    });
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; code: number };
    return { stdout: err.stdout, stderr: err.stderr, code: err.code };
  }
}

describe('rancher-pks-tui CLI', () => {
  it('prints its version', async () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    expect((await cli('--version')).stdout.trim()).toBe(pkg.version);
  });

  it('prints help naming the lab', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('lab');
    expect((await cli('lab', 'up', '--help')).stdout).toContain('--timescale');
  });

  it('answers bad input with one line and exit 2', async () => {
    for (const args of [
      ['--nope'],
      ['lab', 'up'],
      ['lab', 'up', '--dir', '/tmp/x', '--timescale', 'fast'],
      ['lab', 'up', '--dir', '/tmp/x', '--fault', 'meteor'],
    ]) {
      const r = await cli(...args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    }
  });

  it('an answers file with several errors, without prompts: one line per problem, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rpt-bad-answers-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      [
        'pks: { plan: rancher, cluster: c05, externalHostname: c05.example.com, lbSize: huge }',
        'rancher: { hostname: rancher.example.com, replicas: three }',
        'tls: { cert: a.cer, key: a.key, caCerts: cacerts.pem }',
      ].join('\n'),
    );
    try {
      const r = await cli('install', '--answers', file, '--yes');
      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^pks\.lbSize: .*huge/);
      expect(lines[1]).toMatch(/^rancher\.replicas: .*three/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names an unknown command and the closest one', async () => {
    expect(await cli('frobnicate')).toMatchObject({
      code: 2,
      stderr: "unknown command 'frobnicate' (see --help)\n",
    });
    expect((await cli('instal')).stderr).toBe(
      "unknown command 'instal'; did you mean 'install'? (see --help)\n",
    );
  });

  it('refuses bad environment values like bad flags', async () => {
    const scale = await cliWith(
      { RANCHER_PKS_TUI_WAIT_SCALE: 'fast' },
      'preflight',
      '--answers',
      'x',
    );
    expect(scale).toMatchObject({ code: 2 });
    expect(scale.stderr).toBe(
      'RANCHER_PKS_TUI_WAIT_SCALE: "fast" is not a positive number; use e.g. 0.1 to shorten every wait tenfold, or unset it\n',
    );
    const port = await cliWith(
      { RANCHER_PKS_TUI_INGRESS_HTTPS_PORT: '0' },
      'install',
      '--answers',
      'x',
      '--yes',
    );
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('RANCHER_PKS_TUI_INGRESS_HTTPS_PORT: "0" is not a port');
  });
});
