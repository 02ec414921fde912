/**
 * Start-up: `--help`, `--version` and the first frame of the wizard, against a bare
 * `node -e 0`. The wizard runs in tmux (a real terminal) against a lab.
 * Run: npm run bench:startup [-- RUNS]
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cliPath, startLab } from '../test/helpers/lab-process.js';
import { TmuxSession } from '../test/helpers/tmux.js';

const runs = Number(process.argv[2] ?? 10);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(argv: string[]): number {
  const t = performance.now();
  execFileSync(argv[0]!, argv.slice(1), { stdio: 'ignore' });
  return performance.now() - t;
}

const bare = median(Array.from({ length: runs }, () => time([process.execPath, '-e', '0'])));
const help = median(
  Array.from({ length: runs }, () => time([process.execPath, cliPath, '--help'])),
);
const version = median(
  Array.from({ length: runs }, () => time([process.execPath, cliPath, '--version'])),
);

const lab = await startLab([], '0');
const frames: number[] = [];
for (let i = 0; i < Math.min(runs, 5); i++) {
  const started = performance.now();
  const tmux = TmuxSession.start(
    ['sh', '-c', `. "$0" && exec "$@"`, join(lab.dir, 'env.sh'), process.execPath, cliPath],
    { columns: 100, rows: 30 },
  );
  while (!/Rancher HA on Enterprise PKS/.test(tmux.capture()))
    await new Promise((r) => setTimeout(r, 5));
  frames.push(performance.now() - started);
  tmux.kill();
}
await lab.stop();

console.log(`start-up, median of ${runs} runs`);
console.log(`  node -e 0                 ${bare.toFixed(0)} ms`);
console.log(`  rancher-pks-tui --help    ${help.toFixed(0)} ms`);
console.log(`  rancher-pks-tui --version ${version.toFixed(0)} ms`);
console.log(
  `  first wizard frame        ${median(frames).toFixed(0)} ms (tmux, polled every 5 ms; includes the shell that sources env.sh)`,
);
