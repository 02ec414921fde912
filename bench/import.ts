/**
 * The fleet import at scale against the lab (issue 15's goal: 300 clusters at --timescale 0,
 * --concurrency 20, ≤ 60 s and ≤ 300 MB): a lab with N edge clusters, Rancher installed, then
 * the real CLI `import --inventory DIR/edge-inventory.yaml --yes --json` headless, RANCHER_TOKEN
 * from env.sh. Prints the import's wall time, its steps' times, the peak RSS of the tool's
 * process, Rancher API requests per cluster (the run's own count, on its last stderr line),
 * how many rows ended in which state, and the names Rancher holds twice (GET /v3/clusters).
 * The `kill` run kills the import with SIGKILL once half the rows are active, then times `resume`.
 * Run: npm run bench:import [-- CLUSTERS [CONCURRENCY [plain|kill|both]]]
 */
import { spawn } from 'node:child_process';
import { Resolver } from 'node:dns/promises';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { RancherHttpApi } from '../source/systems/rancher-api.js';
import { installFixture, type InstallFixture } from '../test/helpers/install-fixture.js';
import {
  cliPath,
  edgeLabArgs,
  poll,
  startLab,
  type LabProcess,
} from '../test/helpers/lab-process.js';

const clusters = Number(process.argv[2] ?? 300);
const concurrency = Number(process.argv[3] ?? 20);
const which = process.argv[4] ?? 'both';
/** Pod IP block: 3 namespaces an import (measured by the run) × 300 fits a /12's 4 096 /24s. */
const podIpBlockPrefix = '12';
const gnuTime = '/usr/bin/time';

interface Run {
  code: number | null;
  wallMs: number;
  /** Peak RSS of the CLI's node process, KiB. */
  peakKiB: number;
  /** CPU seconds (user + system) of the CLI, when /usr/bin/time measured them. */
  cpuS?: number;
  stdout: string;
  stderr: string;
}

/** The node process under `sh -c exec` (and /usr/bin/time, when there is one). */
function nodePid(pid: number): number | undefined {
  const children = `/proc/${pid}/task/${pid}/children`;
  if (!existsSync(children)) return undefined;
  const first = readFileSync(children, 'utf8').trim().split(/\s+/)[0];
  return first ? Number(first) : undefined;
}

function vmHwmKiB(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // it has ended
  }
}

/** CPU seconds the lab's process has used so far (/proc/PID/stat utime + stime, 100 Hz ticks). */
function labCpuS(lab: LabProcess): number {
  const stat = readFileSync(`/proc/${lab.child.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * The built CLI with DIR/env.sh sourced, as a user's shell runs it, under /usr/bin/time when
 * present (its maximum resident set size is exact); else /proc's VmHWM polled. `killWhen`
 * sees the output so far and, once it says so, the CLI is killed with SIGKILL.
 */
function runCli(
  lab: LabProcess,
  fx: InstallFixture,
  args: string[],
  killWhen?: (stderr: string, stdout: string) => boolean,
): Promise<Run & { killed: boolean }> {
  const timeFile = join(lab.dir, `time-${Date.now()}.txt`);
  const timed = existsSync(gnuTime) ? [gnuTime, '-f', '%M %U %S', '-o', timeFile] : [];
  // BENCH_CPU_PROF=DIR: a V8 CPU profile of the CLI (open it in Chrome's DevTools).
  const prof = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF]
    : [];
  const argv = [...timed, process.execPath, ...prof, cliPath, ...args];
  const started = performance.now();
  const child = spawn('sh', ['-c', '. "$0" && exec "$@"', join(lab.dir, 'env.sh'), ...argv], {
    cwd: lab.dir,
    env: { ...process.env, RANCHER_PKS_TUI_HOME: fx.home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let polled = 0;
  let killed = false;
  const cli = () => (timed.length ? nodePid(child.pid!) : child.pid);
  const look = () => {
    polled = Math.max(polled, vmHwmKiB(cli()));
    if (killWhen && !killed && killWhen(stderr, stdout)) {
      const pid = cli();
      if (pid !== undefined) {
        killed = true;
        process.kill(pid, 'SIGKILL');
      }
    }
  };
  child.stdout.on('data', (c: Buffer) => ((stdout += c.toString()), look()));
  child.stderr.on('data', (c: Buffer) => ((stderr += c.toString()), look()));
  const timer = setInterval(look, 100);
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      const wallMs = performance.now() - started;
      clearInterval(timer);
      const measured = timed.length && existsSync(timeFile) ? readFileSync(timeFile, 'utf8') : '';
      // GNU time's last line is its format (after "Command terminated by signal 9", if so).
      const [kib, user, system] = (measured.trim().split('\n').pop() ?? '').split(' ').map(Number);
      resolve({
        code,
        wallMs,
        peakKiB: kib && kib > 0 ? kib : polled,
        ...(user !== undefined && system !== undefined ? { cpuS: user + system } : {}),
        stdout,
        stderr,
        killed,
      });
    });
  });
}

/** A lab with the edge clusters, Rancher installed in it, RANCHER_TOKEN in env.sh. */
async function installedLab(): Promise<{ lab: LabProcess; fx: InstallFixture; setupMs: number }> {
  const started = performance.now();
  const lab = await startLab(edgeLabArgs({ count: clusters }), '0');
  const fx = await installFixture(lab.dir);
  const installed = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], {
    env: { RANCHER_PKS_TUI_HOME: fx.home },
  });
  if (installed.code !== 0) throw new Error(`install failed:\n${installed.stdout.slice(-2000)}`);
  await poll(async () => existsSync(join(lab.dir, 'rancher-token')), 'RANCHER_TOKEN in env.sh');
  return { lab, fx, setupMs: performance.now() - started };
}

/** Rancher's clusters through its HTTPS front (the lab's DNS names the ingress VIP). */
async function rancherClusters(lab: LabProcess, fx: InstallFixture) {
  const vars = lab.env();
  const resolver = new Resolver();
  resolver.setServers([vars.RANCHER_PKS_TUI_DNS_SERVERS!]);
  const [address] = await resolver.resolve4(fx.hostname);
  const { api } = RancherHttpApi.withToken({
    url: `https://${fx.hostname}:${vars.RANCHER_PKS_TUI_INGRESS_HTTPS_PORT ?? '443'}`,
    caPem: readFileSync(join(fx.certsDir, 'cacerts.pem'), 'utf8'),
    address: address!,
    token: readFileSync(join(lab.dir, 'rancher-token'), 'utf8').trim(),
  });
  return api.clusters();
}

async function rancherView(lab: LabProcess, fx: InstallFixture) {
  const list = (await rancherClusters(lab, fx)).filter((c) => c.id !== 'local');
  const seen = new Map<string, number>();
  for (const c of list) seen.set(c.name, (seen.get(c.name) ?? 0) + 1);
  const states = new Map<string, number>();
  for (const c of list) states.set(c.state, (states.get(c.state) ?? 0) + 1);
  return {
    total: list.length,
    duplicates: [...seen].filter(([, n]) => n > 1).map(([name]) => name),
    states: [...states].map(([s, n]) => `${n} ${s}`).join(', '),
  };
}

/** The run's own count of Rancher API requests (its summary's `Rancher API:` line). */
function apiRequests(output: string): number | undefined {
  const m = /^Rancher API: (\d+) requests/m.exec(output);
  return m ? Number(m[1]) : undefined;
}

/** Each step's time, as the line reporter prints it: `[stage] Title: done (2s)`. */
function stepTimes(output: string): string[] {
  return [...output.matchAll(/^\[[\w-]+\] (.+): (done|failed) \(([^)]+)\)$/gm)].map(
    (m) => `${m[3]!.padStart(7)}  ${m[1]}${m[2] === 'failed' ? ' (failed)' : ''}`,
  );
}

const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

const importArgs = [
  'import',
  '--inventory',
  'edge-inventory.yaml',
  '--yes',
  '--concurrency',
  String(concurrency),
  '--json',
  '--pod-ip-block-prefix',
  podIpBlockPrefix,
];

async function plain(): Promise<void> {
  const { lab, fx, setupMs } = await installedLab();
  try {
    const loadBefore = load();
    const labBefore = labCpuS(lab);
    const run = await runCli(lab, fx, importArgs);
    const labCpu = labCpuS(lab) - labBefore;
    const rows = run.code === 0 || run.code === 1 ? parseRows(run.stdout) : [];
    const byState = new Map<string, number>();
    for (const r of rows) byState.set(r.state, (byState.get(r.state) ?? 0) + 1);
    const requests = apiRequests(run.stderr);
    const view = await rancherView(lab, fx);
    console.log(
      `import of ${clusters} edge clusters, --concurrency ${concurrency}, lab at --timescale 0`,
    );
    console.log(`  lab + install          ${secs(setupMs)} (not counted)`);
    console.log(`  exit code              ${run.code}`);
    console.log(`  wall time              ${secs(run.wallMs)}   (goal ≤ 60 s)`);
    console.log(`  peak RSS of the CLI    ${mib(run.peakKiB)}   (goal ≤ 300 MB)`);
    console.log(
      `  CPU meanwhile          CLI ${run.cpuS?.toFixed(1) ?? '?'} s, lab ${labCpu.toFixed(1)} s (2 cores shared)`,
    );
    console.log(
      `  Rancher API requests   ${requests ?? '?'}${requests ? ` (${(requests / clusters).toFixed(1)} per cluster)` : ''}`,
    );
    console.log(
      `  rows                   ${[...byState].map(([s, n]) => `${n} ${s}`).join(', ') || '(no JSON result)'}`,
    );
    console.log(
      `  Rancher's clusters     ${view.total} (${view.states}); names twice: ${view.duplicates.length ? view.duplicates.join(', ') : 'none'}`,
    );
    console.log(`  load average           ${loadBefore} before, ${load()} after`);
    for (const line of stepTimes(run.stderr)) console.log(`    ${line}`);
    // Node's own warnings (a listener leak, …) are findings too.
    for (const w of new Set(run.stderr.match(/^\(node:\d+\) \w+Warning: .*$/gm) ?? []))
      console.log(`  ${w.replace(/^\(node:\d+\) /, '')}`);
    if (run.code !== 0) console.log(run.stderr.split('\n').slice(-30).join('\n'));
  } finally {
    await lab.stop();
  }
}

function parseRows(stdout: string): { name: string; state: string }[] {
  try {
    return JSON.parse(stdout) as { name: string; state: string }[];
  } catch {
    return [];
  }
}

async function killAndResume(): Promise<void> {
  const { lab, fx } = await installedLab();
  try {
    const half = Math.floor(clusters / 2);
    const first = await runCli(
      lab,
      fx,
      importArgs,
      (stderr) => (stderr.match(/^ {2}[\w-]+: active$/gm) ?? []).length >= half,
    );
    const before = await rancherView(lab, fx);
    const resumed = await runCli(lab, fx, ['resume']);
    const view = await rancherView(lab, fx);
    console.log(`kill -9 once ${half} of ${clusters} are active, then resume`);
    console.log(
      `  first run              ${secs(first.wallMs)}, ${first.killed ? 'killed' : `not killed (exit ${first.code})`}; Rancher then: ${before.total} (${before.states})`,
    );
    console.log(
      `  resume                 ${secs(resumed.wallMs)} to finish, exit ${resumed.code}, peak RSS ${mib(resumed.peakKiB)}`,
    );
    console.log(
      `  Rancher's clusters     ${view.total} (${view.states}); names twice: ${view.duplicates.length ? view.duplicates.join(', ') : 'none'}`,
    );
    console.log(`  load average           ${load()}`);
    if (resumed.code !== 0) console.log(resumed.stdout.split('\n').slice(-30).join('\n'));
  } finally {
    await lab.stop();
  }
}

if (which === 'plain' || which === 'both') await plain();
if (which === 'kill' || which === 'both') await killAndResume();
