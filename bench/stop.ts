/**
 * Ctrl-C: the time from SIGINT (or the key in a terminal) to the process's exit, for each
 * kind of call the run can be in. Against the lab through the built CLI; a lab fault holds
 * the call (slowCommands, apiSlowMs) so the signal lands inside it.
 * Run: npm run bench:stop [-- RUNS]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { installFixture, type InstallFixture } from '../test/helpers/install-fixture.js';
import { cliPath, poll, startLab, type LabProcess } from '../test/helpers/lab-process.js';
import { TmuxSession } from '../test/helpers/tmux.js';

const runs = Number(process.argv[2] ?? 3);

interface Case {
  name: string;
  labArgs: string[];
  timescale: string;
  faults?: Record<string, unknown>;
  /** When to press Ctrl-C: the CLI's output so far, and the lab's log. */
  ready(out: string, labLog: string): boolean;
  presses: 1 | 2;
  terminal?: boolean;
}

const held = 600_000;
const cases: Case[] = [
  {
    name: 'step boundary (after Detect Helm)',
    labArgs: [],
    timescale: '0',
    ready: (out) => out.includes('[helm] Detect Helm: done'),
    presses: 1,
  },
  {
    name: 'inside pks create-cluster',
    labArgs: [],
    timescale: '0',
    faults: { slowCommands: { 'pks create-cluster': held } },
    ready: (_out, log) => log.includes('pks create-cluster: answering'),
    presses: 1,
  },
  {
    name: 'inside helm upgrade --install',
    labArgs: [],
    timescale: '0',
    faults: { slowCommands: { 'helm upgrade': held } },
    ready: (_out, log) => log.includes('helm upgrade: answering'),
    presses: 1,
  },
  {
    name: 'inside a Kubernetes API call',
    labArgs: ['--fault', `apiSlowMs=${held}`],
    timescale: '0',
    ready: (_out, log) => / answering \d+ ms late \(apiSlowMs\)/.test(log),
    presses: 1,
  },
  {
    name: 'inside a wait (cluster provisioning)',
    labArgs: [],
    timescale: '0.05',
    ready: (out) => out.includes('[cluster] Wait for provisioning …'),
    presses: 1,
  },
  {
    name: 'inside helm upgrade, Ctrl-C twice',
    labArgs: [],
    timescale: '0',
    faults: { slowCommands: { 'helm upgrade': held } },
    ready: (_out, log) => log.includes('helm upgrade: answering'),
    presses: 2,
  },
  {
    name: 'terminal UI: inside helm upgrade',
    labArgs: [],
    timescale: '0',
    faults: { slowCommands: { 'helm upgrade': held } },
    ready: (_out, log) => log.includes('helm upgrade: answering'),
    presses: 1,
    terminal: true,
  },
  {
    name: 'terminal UI: inside helm upgrade, Ctrl-C twice',
    labArgs: [],
    timescale: '0',
    faults: { slowCommands: { 'helm upgrade': held } },
    ready: (_out, log) => log.includes('helm upgrade: answering'),
    presses: 2,
    terminal: true,
  },
];

async function withFaults(lab: LabProcess, faults: Record<string, unknown>): Promise<void> {
  writeFileSync(join(lab.dir, 'faults.json'), JSON.stringify(faults));
  await poll(async () => lab.output().includes('faults now: {"'), 'the lab to take the faults');
}

/** `install --yes`: SIGINT(s) once ready; ms from the first SIGINT to the exit. */
async function lineStop(lab: LabProcess, fx: InstallFixture, c: Case): Promise<number> {
  const child = lab.spawnCli(['install', '--answers', fx.answersFile, '--yes'], {
    RANCHER_PKS_TUI_HOME: fx.home,
  });
  let out = '';
  let sentAt = 0;
  let again = false;
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    // The second Ctrl-C as soon as the CLI says it is stopping.
    if (c.presses === 2 && !again && out.includes('stopping (the session is saved')) {
      again = true;
      child.kill('SIGINT');
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await poll(async () => c.ready(out, lab.output()), c.name);
  sentAt = performance.now();
  child.kill('SIGINT');
  const code = await exited;
  const ms = performance.now() - sentAt;
  if (code !== 130) throw new Error(`${c.name}: exit ${code}\n${out}`);
  return ms;
}

/** The Ink UI in tmux: Ctrl-C key(s) once ready; ms until the pane shows the exit code. */
async function terminalStop(lab: LabProcess, fx: InstallFixture, c: Case): Promise<number> {
  const tmux = TmuxSession.start(
    ['sh', '-c', `. "$0" && exec "$@"`, join(lab.dir, 'env.sh'), process.execPath, cliPath].concat([
      'install',
      '--answers',
      fx.answersFile,
    ]),
    { columns: 100, rows: 30, env: { RANCHER_PKS_TUI_HOME: fx.home } },
  );
  try {
    await tmux.waitFor(/Start the install/);
    tmux.keys('Enter');
    await poll(async () => c.ready('', lab.output()), c.name, 120_000);
    const sentAt = performance.now();
    for (let i = 0; i < c.presses; i++) tmux.keys('C-c');
    for (;;) {
      const screen = tmux.capture();
      if (/EXIT=\d+/.test(screen)) {
        const ms = performance.now() - sentAt;
        if (!screen.includes('EXIT=130')) throw new Error(`${c.name}:\n${screen}`);
        return ms;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    tmux.kill();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

console.log(`Ctrl-C to exit, ${runs} runs each (ms: median, max)`);
for (const c of cases) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const lab = await startLab(c.labArgs, c.timescale);
    try {
      const fx = await installFixture(lab.dir);
      if (c.faults) await withFaults(lab, c.faults);
      times.push(await (c.terminal ? terminalStop(lab, fx, c) : lineStop(lab, fx, c)));
    } finally {
      await lab.stop();
    }
  }
  console.log(
    `  ${c.name.padEnd(48)} ${median(times).toFixed(0).padStart(6)} ${Math.max(...times)
      .toFixed(0)
      .padStart(6)}`,
  );
}
