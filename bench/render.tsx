/**
 * Frames per second and CPU of the run screen while 300 pods churn in the lab.
 * The lab runs in its own process; this process only watches and renders, as the
 * installer does. Run: npm run bench:render [-- SECONDS]
 */
import { KubeConfig } from '@kubernetes/client-node';
import { render } from 'ink';
import { useEffect } from 'react';
import { outlineOf } from '../source/engine/runner.js';
import { plan } from '../source/engine/plan.js';
import { Kube } from '../source/systems/kube.js';
import { RunScreen } from '../source/ui/run/RunScreen.js';
import { useClusterWatch } from '../source/ui/run/use-cluster-watch.js';
import { useRunState } from '../source/ui/run/use-run-state.js';
import { poll, startLab } from '../test/helpers/lab-process.js';
import { CountingTerminal, IdleKeyboard } from './fake-terminal.js';

const seconds = Number(process.argv[2] ?? 10);
const replicas = 300;

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
    <RunScreen
      state={state}
      columns={120}
      rows={40}
      transcriptPath="/dev/null"
      onRetry={() => {}}
      onQuit={() => {}}
    />
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

const terminal = new CountingTerminal();
const app = render(<Bench kube={kube} />, {
  stdout: terminal as unknown as NodeJS.WriteStream,
  stdin: new IdleKeyboard() as unknown as NodeJS.ReadStream,
  maxFps: 15,
  patchConsole: false,
  exitOnCtrlC: false,
});
await new Promise((r) => setTimeout(r, 2000)); // settle: first list and render

// Churn: delete a pod every 50 ms; the ReplicaSet replaces it (Pending → ContainerCreating → Running).
let names: string[] = [];
const refresh = async () => {
  names = (await kube.list('v1', 'Pod', { namespace: 'cattle-system' })).items.map(
    (p) => p.metadata!.name!,
  );
};
await refresh();
const lister = setInterval(() => void refresh().catch(() => {}), 1000);
let deleted = 0;
const churn = setInterval(() => {
  const victim = names.splice(Math.floor(Math.random() * names.length), 1)[0];
  if (!victim) return;
  kube.delete({ apiVersion: 'v1', kind: 'Pod', namespace: 'cattle-system', name: victim }).then(
    () => deleted++,
    () => {},
  );
}, 50);

const frames0 = terminal.writes;
const bytes0 = terminal.bytes;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await new Promise((r) => setTimeout(r, seconds * 1000));
const elapsed = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
clearInterval(churn);
clearInterval(lister);
app.unmount();
await lab.stop();

const cpuPercent = ((cpu.user + cpu.system) / 1e6 / elapsed) * 100;
console.log(
  `run screen under churn: ${replicas} pods, ${deleted} deleted and replaced in ${elapsed.toFixed(1)} s`,
);
console.log(
  `  writes/s      ${((terminal.writes - frames0) / elapsed).toFixed(1)} (Ink frames, maxFps 15, plus cursor writes)`,
);
console.log(`  output        ${((terminal.bytes - bytes0) / 1024 / elapsed).toFixed(1)} KiB/s`);
console.log(
  `  CPU           ${cpuPercent.toFixed(1)}% of one core (watch, normalize, render; churn API calls included)`,
);
process.exit(0);
