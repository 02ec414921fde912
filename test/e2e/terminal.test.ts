import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installFixture } from '../helpers/install-fixture.js';
import { cliPath, startLab, type LabProcess, cliInLab } from '../helpers/lab-process.js';
import { TmuxSession } from '../helpers/tmux.js';

// The Ink UI in a real terminal (tmux), as a person sees it. (Ctrl-C in the terminal has its
// own file, terminal-ctrl-c.test.ts: two workers share them.)
let tmux: TmuxSession | undefined;
let lab: LabProcess | undefined;

afterEach(async () => {
  tmux?.kill();
  tmux = undefined;
  await lab?.stop();
  lab = undefined;
});

// Each runs a whole install in a terminal; under a loaded CI machine that outlasts the default 60 s.
describe('in a real terminal', { timeout: 180_000 }, () => {
  it('`rancher-pks-tui --demo`: Enter through the defaults reaches the summary', async () => {
    const home = mkdtempSync(join(tmpdir(), 'rpt-home-'));
    tmux = TmuxSession.start([process.execPath, cliPath, '--demo', '--timescale', '0.02'], {
      columns: 100,
      rows: 30,
      env: { RANCHER_PKS_TUI_HOME: home },
    });
    await tmux.waitFor(/PKS plan/);
    await tmux.enterUntil(/Start the install/);
    tmux.keys('Enter');
    const summary = await tmux.waitFor(/Rancher is up: https:\/\/rancher\.lab\.test/, 120_000);
    expect(summary).toContain('HA spread');
    tmux.keys('q');
    expect(await tmux.waitFor(/EXIT=\d+/)).toContain('EXIT=0');
    // Nothing Node prints (a MaxListenersExceededWarning once) lands over the screens.
    expect(tmux.scrollback()).not.toMatch(/Warning|\(node:\d+\)/);
  });

  it('install --answers F: review screen, then live pods, service IP and the DNS box, then the summary', async () => {
    lab = await startLab(['--manual-dns'], '0.2');
    const fx = await installFixture(lab.dir);
    tmux = TmuxSession.start(cliInLab(lab.dir, ['install', '--answers', fx.answersFile]), {
      columns: 100,
      rows: 30,
      env: { RANCHER_PKS_TUI_HOME: fx.home },
    });
    const review = await tmux.waitFor(/Start the install/);
    expect(review).toContain('rancher.lab.test');
    expect(review).toContain('czpksrancher05');
    tmux.keys('Enter');
    const screens: string[] = [];
    // The operator is off: the screen says which A record to create, and checks it live.
    const box = await tmux.waitFor(
      /A record rancher\.lab\.test → (127\.\d+\.1\.\d+)/,
      180_000,
      screens,
    );
    const vip = /A record rancher\.lab\.test → (127\.\d+\.1\.\d+)/.exec(box)![1]!;
    expect(box).toMatch(/rancher\.lab\.test.*✗/);
    const added = await lab.cli(['lab', 'dns', 'add', 'rancher.lab.test', vip, '--dir', lab.dir]);
    expect(added.code).toBe(0);
    await tmux.waitFor(/Rancher is up: https:\/\/rancher\.lab\.test/, 180_000, screens);
    const all = screens.join('\n');
    expect(all).toMatch(/rancher-[0-9a-f]+-[a-z0-9]{5}\s.*[0-9a-f]{8}-[0-9a-f]{4}/); // a rancher pod on a (UUID-named) node
    expect(all).toMatch(
      new RegExp(`traefik\\s+LoadBalancer\\s+\\S+\\s+${vip.replace(/\./g, '\\.')}`),
    );
    // The live check turned green by itself: the row shows ✓, or (when the screen moved on
    // between two captures) the step it gated is done.
    const vipPattern = vip.replace(/\./g, '\\.');
    expect(all).toMatch(
      new RegExp(`rancher\\.lab\\.test\\s.*${vipPattern}.*✓|✓ Rancher hostname resolves`),
    );
    for (const screen of screens)
      expect(screen.split('\n').every((line) => line.length <= 100)).toBe(true);
    tmux.keys('q');
    expect(await tmux.waitFor(/EXIT=\d+/)).toContain('EXIT=0');
  });

  it('at 80×24: the VIP whole, the zone line and the commands whole on lines with no border', async () => {
    lab = await startLab(['--manual-dns'], '0.2');
    const fx = await installFixture(lab.dir);
    tmux = TmuxSession.start(cliInLab(lab.dir, ['install', '--answers', fx.answersFile]), {
      columns: 80,
      rows: 24,
      env: { RANCHER_PKS_TUI_HOME: fx.home },
    });
    await tmux.waitFor(/Start the install/);
    tmux.keys('Enter');
    const screens: string[] = [];
    // The zone line to type into DNS: whole, on a line of its own, outside the box's border.
    const box = await tmux.waitFor(
      /^rancher\.lab\.test\. {2}IN {2}A {2}(127\.\d+\.1\.\d+)$/m,
      180_000,
      screens,
    );
    const vip = /^rancher\.lab\.test\. {2}IN {2}A {2}(127\.\d+\.1\.\d+)$/m.exec(box)![1]!;
    expect(box).toContain('ACTION NEEDED');
    // The services table shows the VIP whole (it used to be cut to `127.146.1.…`).
    const row = new RegExp(`^traefik\\s+LoadBalancer\\s+${vip.replace(/\./g, '\\.')}\\s`, 'm');
    expect(screens.some((screen) => row.test(screen))).toBe(true);
    for (const screen of screens) expect(screen).not.toMatch(/127\.\d+\.1\.…/);
    const added = await lab.cli(['lab', 'dns', 'add', 'rancher.lab.test', vip, '--dir', lab.dir]);
    expect(added.code).toBe(0);
    await tmux.waitFor(/Rancher is up: https:\/\/rancher\.lab\.test/, 180_000, screens);
    // Longer than the terminal, the bootstrap-password command is one line the terminal
    // wrapped (capture-pane -J joins it back), with no border around it.
    const joined = tmux
      .captureJoined()
      .split('\n')
      .map((line) => line.trimEnd());
    const command = joined.find((line) => line.startsWith('kubectl -n cattle-system get secret'));
    expect(command).toBe(
      `kubectl -n cattle-system get secret bootstrap-secret -o go-template='{{.data.bootstrapPassword|base64decode}}{{"\\n"}}'`,
    );
    expect(joined).toContain(`rancher.lab.test.  IN  A  ${vip}  ; Rancher, via the NSX-T VIP`);
    expect(joined.find((line) => line.startsWith('bosh -d '))).toMatch(
      /^bosh -d service-instance_[0-9a-f-]+ vms$/,
    );
    tmux.keys('q');
    expect(await tmux.waitFor(/EXIT=\d+/)).toContain('EXIT=0');
  });
});
