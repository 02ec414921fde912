/**
 * Times full installs against the lab at --timescale 0 and splits the wall time into
 * what the external commands took (pks/helm, through the lab) and the installer's own
 * overhead (start-up, API calls, checks, polling). Run: npm run bench:install [-- RUNS]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { installFixture } from '../test/helpers/install-fixture.js';
import { startLab } from '../test/helpers/lab-process.js';

const runs = Number(process.argv[2] ?? 5);

function commandMillis(transcript: string): { count: number; ms: number } {
  const times = [...transcript.matchAll(/ {2}exit \S+ after (\d+) ms$/gm)].map((m) => Number(m[1]));
  return { count: times.length, ms: times.reduce((a, b) => a + b, 0) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const nodeStart = (() => {
  const t = performance.now();
  execFileSync(process.execPath, ['-e', '0']);
  return performance.now() - t;
})();

const rows: { wall: number; commands: number; commandMs: number; apiCalls: number }[] = [];
for (let i = 0; i < runs; i++) {
  const lab = await startLab([], '0');
  const fx = await installFixture(lab.dir);
  const envFile = join(lab.dir, 'env.sh');
  const started = performance.now();
  const r = spawnSync(
    'sh',
    [
      '-c',
      '. "$0" && exec "$@"',
      envFile,
      process.execPath,
      'dist/cli.js',
      'install',
      '--answers',
      fx.answersFile,
      '--yes',
    ],
    {
      env: { ...process.env, RANCHER_PKS_TUI_HOME: fx.home },
      encoding: 'utf8',
    },
  );
  const wall = performance.now() - started;
  if (r.status !== 0) throw new Error(`install failed:\n${r.stdout}\n${r.stderr}`);
  const sessions = join(fx.home, 'sessions');
  const transcript = readFileSync(
    join(
      sessions,
      readdirSync(sessions).find((f) => f.endsWith('.transcript.log'))!,
    ),
    'utf8',
  );
  const { count, ms } = commandMillis(transcript);
  const apiCalls = lab.audit().filter((e) => e.kind === 'api').length;
  rows.push({ wall, commands: count, commandMs: ms, apiCalls });
  await lab.stop();
}

const wall = median(rows.map((r) => r.wall));
const commandMs = median(rows.map((r) => r.commandMs));
console.log(`full lab install at --timescale 0, ${runs} runs (median)`);
console.log(`  wall time             ${wall.toFixed(0)} ms`);
console.log(
  `  external commands     ${commandMs.toFixed(0)} ms in ${rows[0]!.commands} pks/helm calls (each a node process via the lab shim)`,
);
console.log(
  `  installer overhead    ${(wall - commandMs).toFixed(0)} ms (start-up, Kubernetes API calls, checks, polling)`,
);
console.log(`  mutating API calls    ${rows[0]!.apiCalls}`);
console.log(`  bare node -e 0        ${nodeStart.toFixed(0)} ms`);
