/**
 * The fleet import's live table under churn: 500 clusters, 2 000 random row changes fed
 * through the run screen's own state hook (batched, as the CLI feeds it), on a 120×40
 * terminal with Ink's options as an import renders with (render-until-exit.tsx, maxFps 15).
 * Prints frames drawn, the frame rate (at most 15 in any second), Ink's time per frame (wall
 * clock: on a loaded machine it includes waiting for a core, so the CPU figures and the load
 * are printed beside it), and the heap. React runs its production build, as dist/ bundles it.
 * No lab: the events are made here, as the engine would emit them.
 * Run: npm run bench:fleet-table [-- CHANGES_PER_SECOND [COLUMNS ROWS]]
 */
import { loadavg } from 'node:os';
import { render } from 'ink';
import { useEffect } from 'react';
import type { RunEvent } from '../source/engine/contract.js';
import { fleetMaxFps } from '../source/ui/fleet/fleet-batch.js';
import { headerCounts } from '../source/ui/fleet/fleet-table-state.js';
import { RunScreen } from '../source/ui/run/RunScreen.js';
import type { RunState } from '../source/ui/run/run-state.js';
import { useRunState } from '../source/ui/run/use-run-state.js';
import { churn, importOutline } from '../test/ui/fleet/fleet-fixtures.js';
import { CountingTerminal, IdleKeyboard } from './fake-terminal.js';

const perSecond = Number(process.argv[2] ?? 400);
const columns = Number(process.argv[3] ?? 120);
const rows = Number(process.argv[4] ?? 40);
const clusters = 500;
const changes = Number(process.env.CHANGES ?? 2000);

let feed: ((event: RunEvent) => void) | undefined;
let latest: RunState | undefined;

if (process.env.NODE_ENV !== 'production') {
  console.warn('NODE_ENV is not production: React runs its (much slower) development build.');
}

function Bench() {
  const { state, onEvent } = useRunState(importOutline);
  latest = state;
  useEffect(() => {
    feed = onEvent;
  }, [onEvent]);
  return (
    <RunScreen
      state={state}
      columns={columns}
      rows={rows}
      transcriptPath="/dev/null"
      onRetry={() => {}}
      onQuit={() => {}}
    />
  );
}

const frames: { at: number; ms: number }[] = [];
const terminal = new CountingTerminal(columns, rows);
const app = render(<Bench />, {
  stdout: terminal as unknown as NodeJS.WriteStream,
  stdin: new IdleKeyboard() as unknown as NodeJS.ReadStream,
  // As an import renders (render-until-exit.tsx with fleetMaxFps).
  maxFps: fleetMaxFps,
  patchConsole: false,
  exitOnCtrlC: false,
  onRender: ({ renderTime }) => frames.push({ at: performance.now(), ms: renderTime }),
});
while (!feed) await new Promise((r) => setTimeout(r, 10));

const { events, truth } = churn(clusters, changes, 2026);
const send = feed;
send({
  type: 'run-started',
  sessionId: 'bench',
  plan: 'install',
  outline: importOutline,
  resumed: false,
});
send({ type: 'stage-started', stage: 'import-clusters', title: 'Import clusters' });
send({
  type: 'step-started',
  stage: 'import-clusters',
  step: 'import.fleet',
  title: 'Register the clusters',
});
send(events[0]!); // the whole fleet, queued
await new Promise((r) => setTimeout(r, 500));

globalThis.gc?.();
const heap0 = process.memoryUsage().heapUsed;
const frames0 = frames.length;
const writes0 = terminal.writes;
const bytes0 = terminal.bytes;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let heapPeak = heap0;

// Changes at a steady rate, a few per timer turn (timers are coarse): as an engine at
// concurrency 20 against a busy Rancher would send them, only faster.
const perTurn = Math.max(1, Math.round(perSecond / 200));
let next = 1;
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    for (let k = 0; k < perTurn && next < events.length; k++) send(events[next++]!);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    if (next >= events.length) {
      clearInterval(timer);
      resolve();
    }
  }, 5);
});
const fedIn = (performance.now() - t0) / 1000;
await new Promise((r) => setTimeout(r, 300)); // the last batch, and its frame
const elapsed = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
globalThis.gc?.();
const heap1 = process.memoryUsage().heapUsed;
app.unmount();

const drawn = frames.slice(frames0);
const intervals = drawn.slice(1).map((f, i) => f.at - drawn[i]!.at);
// The most frames in any one second: what "≤ 15 fps" is about, not the average.
let peak = 0;
for (let i = 0, j = 0; i < drawn.length; i++) {
  while (drawn[i]!.at - drawn[j]!.at >= 1000) j++;
  peak = Math.max(peak, i - j + 1);
}
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
  const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
  return `mean ${mean.toFixed(2)} ms · p95 ${p95.toFixed(2)} ms · max ${(sorted.at(-1) ?? 0).toFixed(2)} ms`;
};
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

// The screen must end as the last change of each row says.
const want = headerCounts(truth.values());
const got = headerCounts(latest!.fleet.rows.values());
const correct = JSON.stringify(want) === JSON.stringify(got);

console.log(
  `fleet table under churn: ${clusters} clusters, ${changes} changes in ${fedIn.toFixed(1)} s (${perSecond}/s), ${columns}×${rows}`,
);
console.log(
  `  frames drawn  ${drawn.length} (${(drawn.length / elapsed).toFixed(1)}/s average, ${peak} in the busiest second; limit 15)`,
);
console.log(
  `  interval      min ${Math.min(...intervals).toFixed(1)} ms · mean ${(intervals.reduce((s, v) => s + v, 0) / Math.max(1, intervals.length)).toFixed(1)} ms`,
);
console.log(`  Ink frame     ${stats(drawn.map((f) => f.ms))} (layout and output)`);
console.log(
  `  writes        ${terminal.writes - writes0} · ${((terminal.bytes - bytes0) / 1024 / elapsed).toFixed(1)} KiB/s`,
);
const cpuMs = (cpu.user + cpu.system) / 1000;
console.log(
  `  CPU           ${((cpuMs / 1000 / elapsed) * 100).toFixed(1)}% of one core · ${(cpuMs / Math.max(1, drawn.length)).toFixed(1)} ms a frame (all of it: events, state, React, Ink)`,
);
console.log(
  `  load average  ${loadavg()[0]!.toFixed(1)} (wall-clock times above include waiting for a core)`,
);
console.log(
  `  heap          ${mib(heap0)} before · ${mib(heapPeak)} peak · ${mib(heap1)} after${globalThis.gc ? '' : ' (run with --expose-gc for settled figures)'}`,
);
console.log(`  final counts  ${correct ? 'match' : 'DIFFER'} the last change of each row`);
process.exit(correct && peak <= fleetMaxFps ? 0 : 1);
