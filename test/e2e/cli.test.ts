import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAnswers } from '../../source/config/load-answers.js';
import { ExitCode } from '../../source/exit-codes.js';
import { SessionStore } from '../../source/session/session-store.js';
import { cliPath } from '../helpers/lab-process.js';
import { tempHome } from '../session/temp-home.js';

const run = promisify(execFile);

/** The product's own sources, but the help text that lists the variables. */
function sourceTexts(): string[] {
  const root = new URL('../../source/', import.meta.url).pathname;
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('help-text.ts'))
    .map((f) => readFileSync(join(root, f), 'utf8'));
}

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

  it('--help: usage, commands, examples, exit codes and the environment, like gh', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    const out = help.stdout;
    expect(out).toMatch(/^Usage: rancher-pks-tui \[options\] \[command\]/);
    for (const command of [
      'install',
      'resume',
      'sessions',
      'plan',
      'preflight',
      'migrate-ingress',
      'uninstall',
      'status',
    ])
      expect(out).toMatch(new RegExp(`^  ${command} .*\\S`, 'm'));
    // Examples, typed the way the tool was started here (node dist/cli.js), so they paste.
    const examples = out.slice(out.indexOf('Examples:'), out.indexOf('Exit codes:'));
    for (const example of [
      '--demo',
      '', // the guided install
      'install --answers answers.yaml --yes',
      'preflight --answers answers.yaml',
      'resume',
      'plan --answers answers.yaml',
      'migrate-ingress --to traefik',
      'status',
      'uninstall',
      'lab up --dir ./lab',
    ])
      expect(examples).toMatch(
        new RegExp(`^  \\$ node \\S*cli\\.js${example ? ` ${example}` : ''}$`, 'm'),
      );
    // Exit codes: exactly those the code uses.
    const exits = out.slice(out.indexOf('Exit codes:'), out.indexOf('Environment:'));
    const listed = [...exits.matchAll(/^ {2}(\d+) /gm)].map((m) => Number(m[1]));
    expect(listed).toEqual(Object.values(ExitCode));
    // Environment: each variable listed is one the tool reads.
    const env = out.slice(out.indexOf('Environment:'));
    const names = [...env.matchAll(/^ {2}([A-Z][A-Z0-9_]+) /gm)].map((m) => m[1]!);
    expect(names).toEqual(
      expect.arrayContaining([
        'RANCHER_PKS_TUI_HOME',
        'TKGI_USER_PASSWORD',
        'PKS_USER_PASSWORD',
        'NO_COLOR',
        'FORCE_COLOR',
        'RANCHER_BOOTSTRAP_PASSWORD',
      ]),
    );
    const sources = sourceTexts();
    for (const name of names)
      expect(
        sources.some((text) => text.includes(name)),
        name,
      ).toBe(true);
  });

  it('--help of each command has its own examples', async () => {
    for (const [args, example] of [
      [['install'], 'install --answers answers.yaml --yes'],
      [['resume'], 'resume'],
      [['sessions'], 'sessions -o json'],
      [['plan'], 'plan --answers answers.yaml'],
      [['preflight'], 'preflight --answers answers.yaml --json'],
      [['migrate-ingress'], 'migrate-ingress --to ingress-nginx'],
      [['lab', 'up'], 'lab up --dir ./lab'],
    ] as const) {
      const help = await cli(...args, '--help');
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: rancher-pks-tui ${args.join(' ')} `, 'm'));
      expect(help.stdout).toMatch(new RegExp(`^  \\$ node \\S*cli\\.js ${example}$`, 'm'));
      expect(help.stdout).toMatch(
        /^Exit codes and environment variables: node \S*cli\.js --help$/m,
      );
    }
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
