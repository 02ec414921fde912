/**
 * Keypress → frame, and a 2 KB paste → frame, with the run screen live while 300 pods churn
 * in the lab (as bench/render.tsx sets it up). Ink renders to a fake terminal at the
 * installer's maxFps; keys go in through a fake stdin, exactly as a terminal's bytes would.
 * Run: npm run bench:input [-- KEYS [MAX_FPS]]
 */
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { KubeConfig } from '@kubernetes/client-node';
import { Box, render } from 'ink';
import { useEffect, useState } from 'react';
import { plan } from '../source/engine/plan.js';
import { outlineOf } from '../source/engine/runner.js';
import { Kube } from '../source/systems/kube.js';
import { RunScreen } from '../source/ui/run/RunScreen.js';
import { useClusterWatch } from '../source/ui/run/use-cluster-watch.js';
import { useRunState } from '../source/ui/run/use-run-state.js';
import { TextField } from '../source/ui/wizard/TextField.js';
import { poll, startLab } from '../test/helpers/lab-process.js';

const keyCount = Number(process.argv[2] ?? 200);
const maxFps = Number(process.argv[3] ?? 30); // what source/ui/interactive.tsx renders at
const replicas = 300;

/** A terminal that tells the waiting probe when the first frame after a change is written. */
class FakeTerminal extends Writable {
  columns = 120;
  rows = 40;
  isTTY = true;
  private waiting: { done: () => boolean; resolve: () => void } | undefined;
  override _write(_chunk: Buffer, _enc: string, done: () => void) {
    if (this.waiting?.done()) {
      this.waiting.resolve();
      this.waiting = undefined;
    }
    done();
  }
  /** Resolves at the first write made once `done` holds (Ink writes whole frames). */
  written(done: () => boolean): Promise<void> {
    return new Promise((resolve) => (this.waiting = { done, resolve }));
  }
}

/** A terminal's keyboard as Ink reads it (raw mode, 'readable', read()). */
class FakeKeyboard extends EventEmitter {
  isTTY = true;
  private pending: string | null = null;
  type(bytes: string) {
    this.pending = bytes;
    this.emit('readable');
  }
  read() {
    const bytes = this.pending;
    this.pending = null;
    return bytes;
  }
  setEncoding() {}
  setRawMode() {}
  ref() {}
  unref() {}
  resume() {}
  pause() {}
}

/** The field's value as last rendered: a frame written after it shows it. */
let typed = '';

/** A field with its own state, as the PKS password prompt has on the run screen. */
function TypedField() {
  const [value, setValue] = useState('');
  typed = value;
  return (
    <TextField label="Typed" value={value} isFocused onChange={setValue} onSubmit={() => {}} />
  );
}

function Bench({ kube }: { kube: Kube }) {
  const { state, dispatch, onEvent } = useRunState(outlineOf(plan()));
  useClusterWatch(kube, 'cattle-system', dispatch);
  useEffect(() => {
    onEvent({
      type: 'run-started',
      sessionId: 'bench',
      plan: 'install',
      outline: outlineOf(plan()),
      resumed: false,
    });
    onEvent({ type: 'stage-started', stage: 'rancher', title: 'Rancher' });
    onEvent({
      type: 'step-started',
      stage: 'rancher',
      step: 'rancher.rollout',
      title: 'Rancher pods ready on distinct nodes',
    });
  }, [onEvent]);
  return (
    <Box flexDirection="column">
      <RunScreen
        state={state}
        columns={120}
        rows={40}
        transcriptPath="/dev/null"
        onRetry={() => {}}
        onQuit={() => {}}
        // As while the PKS password prompt is open: the field takes the keys, not the screen.
        keysActive={false}
      />
      <TypedField />
    </Box>
  );
}

const lab = await startLab([], '0.05');
const run = async (argv: string[]) => {
  const r = await lab.run(argv);
  if (r.code !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
await run(['pks', 'create-cluster', 'bench', '-e', 'bench.lab.test', '-p', 'rancher']);
await poll(
  async () => (await run(['pks', 'cluster', 'bench', '--json'])).includes('"succeeded"'),
  'the cluster',
);
await run(['pks', 'get-credentials', 'bench']);
await run(['kubectl', 'create', 'ns', 'cattle-system']);
await run([
  'kubectl',
  '-n',
  'cattle-system',
  'create',
  'deployment',
  'rancher',
  '--image=rancher/rancher:v2.13.1',
  `--replicas=${replicas}`,
]);
const kc = new KubeConfig();
kc.loadFromFile(lab.env().KUBECONFIG!);
const kube = new Kube(kc);
await poll(
  async () =>
    (await kube.list('v1', 'Pod', { namespace: 'cattle-system' })).items.length >= replicas,
  'the pods',
);

const terminal = new FakeTerminal();
const keyboard = new FakeKeyboard();
const app = render(<Bench kube={kube} />, {
  stdout: terminal as unknown as NodeJS.WriteStream,
  stdin: keyboard as unknown as NodeJS.ReadStream,
  maxFps,
  patchConsole: false,
  exitOnCtrlC: false,
});
await new Promise((r) => setTimeout(r, 2000)); // settle: first list and render

/** Writes `bytes` and resolves with the ms until a frame shows the field holding `value`. */
async function timeToFrame(bytes: string, value: string): Promise<number> {
  const shown = terminal.written(() => typed === value);
  const start = performance.now();
  keyboard.type(bytes);
  const late = setTimeout(() => {
    console.error(`no frame shows the field as expected (${typed.length} characters typed)`);
    process.exit(1);
  }, 5000);
  await shown;
  clearTimeout(late);
  return performance.now() - start;
}

/**
 * Keypresses, 60 ms apart (a fast typist), each waiting for its frame; Ctrl-U now and then
 * keeps the line shorter than the terminal.
 */
async function typeKeys(count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    if (typed.length >= 80) await timeToFrame('\u0015', '');
    const char = 'abcdefghijklmnopqrstuvwxyz'[i % 26]!;
    latencies.push(await timeToFrame(char, typed + char));
    await new Promise((r) => setTimeout(r, 60));
  }
  return latencies;
}

const quiet = await typeKeys(Math.min(keyCount, 100)); // the run screen live, no churn

// Churn: delete a pod every 50 ms; the ReplicaSet replaces it.
let names: string[] = [];
const refresh = async () => {
  names = (await kube.list('v1', 'Pod', { namespace: 'cattle-system' })).items.map(
    (p) => p.metadata!.name!,
  );
};
await refresh();
const lister = setInterval(() => void refresh().catch(() => {}), 1000);
const churn = setInterval(() => {
  const victim = names.splice(Math.floor(Math.random() * names.length), 1)[0];
  if (victim) {
    kube
      .delete({ apiVersion: 'v1', kind: 'Pod', namespace: 'cattle-system', name: victim })
      .catch(() => {});
  }
}, 50);

const latencies = await typeKeys(keyCount);

// A 2 KB path pasted (bracketed) into the emptied field; it must land whole.
const path = `/${'d'.repeat(200)}`.repeat(10) + '/rancher.cer';
const pasteMs: number[] = [];
for (let i = 0; i < 10; i++) {
  await timeToFrame('\u0015', '');
  await new Promise((r) => setTimeout(r, 100));
  pasteMs.push(await timeToFrame(`\u001b[200~${path}\u001b[201~`, path));
}

clearInterval(churn);
clearInterval(lister);
app.unmount();
await lab.stop();

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const percentile = (values: number[], p: number) =>
  sorted(values)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;
const line = (values: number[]) =>
  `p50 ${ms(percentile(values, 50))}  p95 ${ms(percentile(values, 95))}  max ${ms(Math.max(...values))}  (${values.length} keys)`;
console.log(`run screen live, ${replicas} pods, Ink maxFps ${maxFps}:`);
console.log(`  keypress → frame, no churn      ${line(quiet)}`);
console.log(`  keypress → frame, pods churning ${line(latencies)}`);
console.log(
  `  2 KB paste → frame  p50 ${ms(percentile(pasteMs, 50))}  max ${ms(Math.max(...pasteMs))}  (${path.length} characters, intact every time, 10 pastes)`,
);
process.exit(0);
