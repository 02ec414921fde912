import { installFixture } from '../../test/helpers/install-fixture.js';
import { startLab, cliInLab } from '../../test/helpers/lab-process.js';
import { TmuxSession } from '../../test/helpers/tmux.js';
import { settle, waitForBestScreen, waitForScreen } from './screen-wait.js';
import { plainText, type Shot, type TerminalSize } from './shot.js';

const title = 'rancher-pks-tui install --answers answers.yaml';
/** Slow enough that the live panels are there to be seen. */
const timescale = '0.3';

// The zone line under the DNS box, whole on a line of its own.
const dnsBox = /^rancher\.lab\.test\. {2}IN {2}A {2}(127\.\d+\.\d+\.\d+)$/m;
// At 80 columns the CLUSTER-IP column is dropped: the VIP follows the type. At 80×24 the DNS
// box, its zone line and the wait line leave no room for the services table: the virtual
// server's panel shows the VIP instead.
const serviceIp = /traefik\s+LoadBalancer\s+(?:\S+\s+)?127\.|service traefik\s+IP: 127\./;
// At 80 columns the node's name is cut after its first 12 characters.
const rancherPodOnNode = /rancher-[0-9a-f]+-[a-z0-9]{5}\s.*[0-9a-f]{8}-[0-9a-f]/g;
const rancherPodReady = /rancher-[0-9a-f]+-[a-z0-9]{5}\s+1\/1\s+Running/;
const rancherPodStarting = /rancher-[0-9a-f]+-[a-z0-9]{5}\s+0\/1/;

/**
 * An install against a lab whose DNS the operator keeps (--manual-dns): the Ingress stage
 * with its panels and the A record to create, the Rancher stage with its pods on their
 * nodes, then the summary.
 */
export async function installShots(size: TerminalSize): Promise<Shot[]> {
  const { columns, rows } = size;
  const name = (scene: string) => (size.folder ? `${size.folder}/${scene}` : scene);
  const lab = await startLab(['--manual-dns'], timescale);
  let tmux: TmuxSession | undefined;
  try {
    const fx = await installFixture(lab.dir);
    tmux = TmuxSession.start(cliInLab(lab.dir, ['install', '--answers', fx.answersFile]), {
      columns,
      rows,
      env: { RANCHER_PKS_TUI_HOME: fx.home },
    });
    await waitForScreen(tmux, 'the review', (text) => /Start the install/.test(text), 60_000);
    tmux.keys('Enter');

    const ingress = await waitForScreen(
      tmux,
      'the Ingress stage with the service IP and the DNS box',
      (text) => dnsBox.test(text) && serviceIp.test(text) && /✗/.test(text),
      300_000,
    );
    const vip = dnsBox.exec(plainText(ingress))![1]!;
    const added = await lab.cli(['lab', 'dns', 'add', 'rancher.lab.test', vip, '--dir', lab.dir]);
    if (added.code !== 0) throw new Error(`lab dns add failed:\n${added.stdout}${added.stderr}`);

    // Best while the pods come up: some running, some still starting.
    const rancher = await waitForBestScreen(
      tmux,
      'the Rancher stage with its pods on their nodes',
      {
        good: (text) =>
          /▸ Rancher pods ready/.test(text) && (text.match(rancherPodOnNode) ?? []).length >= 3,
        best: (text) => rancherPodReady.test(text) && rancherPodStarting.test(text),
      },
      300_000,
    );
    await waitForScreen(tmux, 'the summary', (text) => /Rancher is up: https:\/\//.test(text));
    await settle(500);
    const summary = tmux.captureAnsi();
    tmux.keys('q');
    return [
      { name: name('run-ingress'), ansi: ingress, columns, title },
      { name: name('run-rancher'), ansi: rancher, columns, title },
      { name: name('summary'), ansi: summary, columns, title },
    ];
  } finally {
    tmux?.kill();
    await lab.stop();
  }
}
