import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAnswers } from '../../source/config/load-answers.js';
import { SessionStore } from '../../source/session/session-store.js';
import { cliPath } from '../helpers/lab-process.js';
import { tempHome } from '../session/temp-home.js';

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

describe('rancher-pks-tui sessions', () => {
  let t: ReturnType<typeof tempHome>;
  beforeEach(() => (t = tempHome()));
  afterEach(() => t.cleanup());

  /** A session last touched two days ago, stopped in the ingress stage. */
  function oldSession(): string {
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600_000 - 60_000);
    const answers = parseAnswers(
      {
        pks: { plan: 'rancher', cluster: 'czpks05', externalHostname: 'czpks05.example.test' },
        rancher: { hostname: 'rancher.example.test', replicas: 3 },
        tls: { cert: '/c/tls.crt', key: '/c/tls.key', caCerts: '/c/cacerts.pem' },
      },
      '/',
      {},
    );
    const session = new SessionStore({ env: t.env, now: () => twoDaysAgo }).create(answers);
    session.reachStage('ingress');
    session.finish('interrupted');
    return session.id;
  }

  it('lists how long ago each session changed', async () => {
    const id = oldSession();
    const list = await cliWith(t.env, 'sessions');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(
      new RegExp(
        `^${id} +install +czpks05 +rancher\\.example\\.test +ingress +interrupted +2 days ago$`,
        'm',
      ),
    );
  });

  it('-o json: an array with the fields and the resume command, for scripts', async () => {
    const id = oldSession();
    const json = await cliWith(t.env, 'sessions', '-o', 'json');
    expect(json.code).toBe(0);
    const sessions = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(sessions).toEqual([
      {
        id,
        plan: 'install',
        demo: false,
        cluster: 'czpks05',
        hostname: 'rancher.example.test',
        state: 'interrupted',
        stage: 'ingress',
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        resume: expect.stringMatching(new RegExp(` resume ${id}$`)),
      },
    ]);
    expect(JSON.parse((await cliWith(t.env, 'sessions', '--output', 'json')).stdout)).toHaveLength(
      1,
    );
  });

  it('-o json with no sessions is an empty array; another format is bad input', async () => {
    expect(JSON.parse((await cliWith(t.env, 'sessions', '-o', 'json')).stdout)).toEqual([]);
    const yaml = await cliWith(t.env, 'sessions', '-o', 'yaml');
    expect(yaml.code).toBe(2);
    expect(yaml.stderr.trim().split('\n')).toHaveLength(1);
    expect(yaml.stderr).toContain('table, json');
  });
});
