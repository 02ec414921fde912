import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { installFixture } from '../helpers/install-fixture.js';
import { cliPath, poll, startLab, type LabProcess } from '../helpers/lab-process.js';
import { TmuxSession } from '../helpers/tmux.js';

// Issue 13 #6: the resume command printed is the one that works, typed the way the tool
// was started; a demo session resumes with --demo, and --demo offers it.
const root = fileURLToPath(new URL('../..', import.meta.url));
let lab: LabProcess | undefined;
let tmux: TmuxSession | undefined;

afterEach(async () => {
  tmux?.kill();
  tmux = undefined;
  await lab?.stop();
  lab = undefined;
});

/** argv run from the clone's root, as a newcomer after `npm ci` would. */
function inRoot(...argv: string[]): string[] {
  return ['sh', '-c', 'cd "$0" && exec "$@"', root, ...argv];
}

function run(
  file: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, env: { ...process.env, ...options.env }, timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          stdout,
          stderr,
        }),
    );
  });
}

async function enterUntilStart(session: TmuxSession): Promise<void> {
  await session.waitFor(/not HA/);
  // Enter each time the screen has answered the last one (no fixed pause between presses).
  await session.enterUntil(/Start the install/);
  session.keys('Enter');
}

/** `--demo` in a terminal, Ctrl-C once the cluster is being made: the screen's last words. */
async function interruptedDemo(home: string): Promise<{ id: string; command: string }> {
  tmux = TmuxSession.start(inRoot('node', 'dist/cli.js', '--demo', '--timescale', '0.3'), {
    columns: 100,
    rows: 30,
    env: { RANCHER_PKS_TUI_HOME: home },
  });
  await enterUntilStart(tmux);
  await tmux.waitFor(/Wait for provisioning/, 60_000);
  tmux.keys('C-c');
  const screen = await tmux.waitFor(/EXIT=\d+/);
  tmux.kill();
  expect(screen).toContain('EXIT=130');
  expect(screen).toContain('■ Interrupted. The session is saved; resume it with:');
  // As it was started (`node dist/cli.js` from the clone), whole, on a line of its own.
  const line = /^node dist\/cli\.js resume (\d{8}-\d{6}-czpksrancher05) --demo$/m.exec(screen);
  expect(line, screen).not.toBeNull();
  return { id: line![1]!, command: line![0] };
}

let demo: Promise<{ home: string; id: string; command: string }> | undefined;

/**
 * A Ctrl-C'd demo for a test that resumes it: one demo is interrupted (and checked) for the
 * file, and each caller gets its own copy of the home it left, so resuming one copy leaves
 * the other unfinished.
 */
async function copyOfInterruptedDemo(): Promise<{ home: string; id: string; command: string }> {
  demo ??= (async () => {
    const home = mkdtempSync(join(tmpdir(), 'rpt-home-'));
    return { home, ...(await interruptedDemo(home)) };
  })();
  const { home: original, id, command } = await demo;
  const home = mkdtempSync(join(tmpdir(), 'rpt-home-'));
  cpSync(original, home, { recursive: true });
  return { home, id, command };
}

describe('the printed resume command', () => {
  it('install --yes run by path and Ctrl-C: exit 130, the session saved, `node dist/cli.js resume ID`, which finishes the install', async () => {
    lab = await startLab([], '0.05');
    const fx = await installFixture(lab.dir);
    const env = { RANCHER_PKS_TUI_HOME: fx.home };
    const envFile = join(lab.dir, 'env.sh');
    const child = spawn(
      'sh',
      ['-c', '. "$0" && exec "$@"', envFile, 'node', 'dist/cli.js', 'install'].concat([
        '--answers',
        fx.answersFile,
        '--yes',
      ]),
      { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await poll(async () => out.includes('Wait for provisioning'), 'the cluster being made');
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const printed = /^resume with: (node dist\/cli\.js resume \d{8}-\d{6}-czpksrancher05)$/m.exec(
      out,
    );
    expect(printed, out).not.toBeNull();
    // Saved: listed as interrupted in the stage it was in.
    const sessions = await lab.cli(['sessions'], { env });
    expect(sessions.stdout).toMatch(/czpksrancher05\s+rancher\.lab\.test\s+cluster\s+interrupted/);
    // Pasted into a shell in the same folder, it finishes the install.
    const resumed = await lab.run(['sh', '-c', printed![1]!], { cwd: root, env });
    expect(resumed.stdout).toContain('resuming session');
    expect(resumed.stdout).toContain('Rancher is up: https://rancher.lab.test');
    expect(resumed.code).toBe(0);
  });

  it("a Ctrl-C'd demo: without --demo one line says how; the printed command resumes it in a new lab", async () => {
    const { home, id, command } = await copyOfInterruptedDemo();

    const plain = await run('node', ['dist/cli.js', 'resume', id], {
      cwd: root,
      env: { RANCHER_PKS_TUI_HOME: home },
    });
    expect(plain.code).toBe(2);
    expect(plain.stdout).toBe('');
    expect(plain.stderr).toBe(
      `session ${id} was a demo: resume it with \`node dist/cli.js resume ${id} --demo\`\n`,
    );
    // The latest unfinished is that demo: `resume` alone says the same.
    const latest = await run('node', ['dist/cli.js', 'resume'], {
      cwd: root,
      env: { RANCHER_PKS_TUI_HOME: home },
    });
    expect(latest.stderr).toBe(plain.stderr);

    // Through a `rancher-pks-tui` on PATH, the advice is plain `rancher-pks-tui`.
    const bin = mkdtempSync(join(tmpdir(), 'rpt-bin-'));
    symlinkSync(cliPath, join(bin, 'rancher-pks-tui'));
    const onPath = await run('rancher-pks-tui', ['resume', id], {
      cwd: tmpdir(),
      env: {
        RANCHER_PKS_TUI_HOME: home,
        PATH: `${bin}:${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
      },
    });
    expect(onPath.stderr).toBe(
      `session ${id} was a demo: resume it with \`rancher-pks-tui resume ${id} --demo\`\n`,
    );

    tmux = TmuxSession.start(inRoot('sh', '-c', `${command} --timescale 0.02`), {
      columns: 100,
      rows: 30,
      env: { RANCHER_PKS_TUI_HOME: home },
    });
    await tmux.waitFor(/Rancher is up: https:\/\/rancher\.lab\.test/, 120_000);
    tmux.keys('q');
    expect(await tmux.waitFor(/EXIT=\d+/)).toContain('EXIT=0');
    const sessions = await run('node', ['dist/cli.js', 'sessions'], {
      cwd: root,
      env: { RANCHER_PKS_TUI_HOME: home },
    });
    expect(sessions.stdout).toMatch(new RegExp(`${id}\\s+install \\(demo\\).*\\sdone\\s`));
  });

  it('--demo offers the unfinished demo, says every step runs again, and finishes it', async () => {
    const { home, id } = await copyOfInterruptedDemo();
    tmux = TmuxSession.start(inRoot('node', 'dist/cli.js', '--demo', '--timescale', '0.02'), {
      columns: 100,
      rows: 30,
      env: { RANCHER_PKS_TUI_HOME: home },
    });
    const offer = (await tmux.waitFor(/Start over/)).replace(/\s+/g, ' ');
    expect(offer).toContain(
      'Resume the demo install of czpksrancher05, stopped at stage 1 (PKS cluster)? Its simulated lab ended with it: a new lab starts and every step runs again.',
    );
    tmux.keys('Enter');
    await tmux.waitFor(new RegExp(`session ${id} \\(resumed\\)`), 60_000);
    await tmux.waitFor(/Rancher is up: https:\/\/rancher\.lab\.test/, 120_000);
    tmux.keys('q');
    expect(await tmux.waitFor(/EXIT=\d+/)).toContain('EXIT=0');
  });

  it('without pks or tkgi on PATH: one line says so, never "log in"', async () => {
    tmux = TmuxSession.start(inRoot('node', 'dist/cli.js'), {
      columns: 100,
      rows: 30,
      env: {
        RANCHER_PKS_TUI_HOME: mkdtempSync(join(tmpdir(), 'rpt-home-')),
        PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
      },
    });
    const screen = await tmux.waitFor(/EXIT=\d+/);
    expect(screen).toContain('EXIT=2');
    expect(screen.replace(/\n/g, '')).toContain(
      'pks/tkgi is not on PATH: install the PKS CLI (`pks` or `tkgi`) and put it on PATH, then run again; to try the tool against its built-in lab: node dist/cli.js --demo',
    );
    expect(screen).not.toMatch(/log in/i);
  });
});
