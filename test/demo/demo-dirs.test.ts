import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleDemoDirs } from '../../source/demo/demo-dirs.js';
import { cliPath } from '../helpers/lab-process.js';
import { waitFor } from '../helpers/wait-for.js';

function demoDirs(base: string): string[] {
  return readdirSync(base).filter((n) => n.startsWith('rancher-pks-tui-demo-'));
}

describe('demo folders', () => {
  it('removes those whose owner is gone or that nobody claimed for long, and no other', () => {
    const base = mkdtempSync(join(tmpdir(), 'demo-dirs-'));
    const make = (name: string, owner?: number) => {
      mkdirSync(join(base, name));
      if (owner !== undefined) writeFileSync(join(base, name, 'owner.pid'), String(owner));
    };
    make('rancher-pks-tui-demo-dead', 111);
    make('rancher-pks-tui-demo-alive', 222);
    make('rancher-pks-tui-demo-unclaimed-new');
    make('rancher-pks-tui-demo-unclaimed-old');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(base, 'rancher-pks-tui-demo-unclaimed-old'), hourAgo, hourAgo);
    make('someone-else', 111);
    const removed = removeStaleDemoDirs(base, (pid) => pid === 222);
    expect(removed.map((d) => d.slice(base.length + 1)).sort()).toEqual([
      'rancher-pks-tui-demo-dead',
      'rancher-pks-tui-demo-unclaimed-old',
    ]);
    expect(readdirSync(base).sort()).toEqual([
      'rancher-pks-tui-demo-alive',
      'rancher-pks-tui-demo-unclaimed-new',
      'someone-else',
    ]);
  });

  it('a demo killed with -9 leaves its folder only until the next demo starts', async () => {
    const base = mkdtempSync(join(tmpdir(), 'demo-kill-'));
    const env = { ...process.env, TMPDIR: base, RANCHER_PKS_TUI_HOME: join(base, 'home') };
    const killed = spawn(process.execPath, [cliPath, 'preflight', '--demo', '--timescale', '0'], {
      env,
      stdio: 'ignore',
    });
    const [left] = await waitFor(
      async () => {
        const dirs = demoDirs(base).filter((d) => existsSync(join(base, d, 'owner.pid')));
        return dirs.length ? dirs : undefined;
      },
      'the demo folder',
      { timeoutMs: 30_000, intervalMs: 20 },
    );
    killed.kill('SIGKILL');
    await new Promise((resolve) => killed.on('exit', resolve));
    expect(demoDirs(base)).toContain(left);
    const next = spawn(process.execPath, [cliPath, 'preflight', '--demo', '--timescale', '0'], {
      env,
      stdio: 'ignore',
    });
    await new Promise((resolve) => next.on('exit', resolve));
    expect(demoDirs(base)).toEqual([]);
  }, 60_000);
});
