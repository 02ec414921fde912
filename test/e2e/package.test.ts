import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TmuxSession } from '../helpers/tmux.js';

// `npm pack` gives a tarball that runs on a clean machine: everything is bundled, so
// installing it needs no registry.
const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let tarball: string;
let tmux: TmuxSession | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rpt-pack-'));
  // dist/ is built by `npm test` already; --ignore-scripts keeps prepack from rebuilding it under other tests.
  const { stdout } = await run(
    'npm',
    ['pack', '--ignore-scripts', '--pack-destination', dir, '--json'],
    { cwd: root },
  );
  tarball = join(dir, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
});

afterAll(() => tmux?.kill());

describe('the packed tarball', () => {
  it('is small and has no dependencies to download', async () => {
    expect(statSync(tarball).size).toBeLessThan(3 * 1024 * 1024);
    const { stdout } = await run('tar', ['-xzOf', tarball, 'package/package.json']);
    const manifest = JSON.parse(stdout) as { dependencies?: object; bin: Record<string, string> };
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.bin['rancher-pks-tui']).toBe('dist/cli.js');
  });

  it('runs --help through npx', async () => {
    const { stdout } = await run('npx', ['--yes', `./${tarball.split('/').pop()}`, '--help'], {
      cwd: dir,
    });
    expect(stdout).toContain('Usage: rancher-pks-tui');
  });

  it('runs the demo through npx to the summary', async () => {
    const home = mkdtempSync(join(tmpdir(), 'rpt-home-'));
    tmux = TmuxSession.start(
      [
        'sh',
        '-c',
        `cd "$0" && exec npx --yes "./$1" --demo --timescale 0.02`,
        dir,
        tarball.split('/').pop()!,
      ],
      {
        columns: 100,
        rows: 30,
        env: { RANCHER_PKS_TUI_HOME: home },
      },
    );
    await tmux.waitFor(/PKS plan/, 60_000);
    await tmux.enterUntil(/Start the install/);
    tmux.keys('Enter');
    await tmux.waitFor(/Rancher is up: https:\/\/rancher\.lab\.test/, 120_000);
    tmux.keys('q');
    expect(await tmux.waitFor(/EXIT=\d+/)).toContain('EXIT=0');
  });

  it('prints a resume command that works through npx: `npx --yes ./TARBALL resume ID --demo`', async () => {
    const home = mkdtempSync(join(tmpdir(), 'rpt-home-'));
    const name = tarball.split('/').pop()!;
    const env = { ...process.env, RANCHER_PKS_TUI_HOME: home };
    // Its own process group, so Ctrl-C reaches npx and the tool together, as in a terminal.
    const child = spawn(
      'npx',
      ['--yes', `./${name}`, 'install', '--demo', '--yes', '--timescale', '0.3'],
      { cwd: dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const deadline = Date.now() + 60_000;
    while (!out.includes('Wait for provisioning') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    process.kill(-child.pid!, 'SIGINT');
    await exited;
    const printed = new RegExp(
      `^resume with: (npx --yes \\./${name.replace(/\./g, '\\.')} resume \\d{8}-\\d{6}-czpksrancher05 --demo)$`,
      'm',
    ).exec(out);
    expect(printed, out).not.toBeNull();
    // Pasted into a shell in the same folder, it finishes the demo (in a new lab).
    const { stdout } = await run('sh', ['-c', `${printed![1]} --timescale 0`], { cwd: dir, env });
    expect(stdout).toContain('Rancher is up: https://rancher.lab.test');
  });
});
