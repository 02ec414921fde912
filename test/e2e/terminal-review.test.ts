import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installFixture } from '../helpers/install-fixture.js';
import { cliPath, startLab, type LabProcess, cliInLab } from '../helpers/lab-process.js';
import { TmuxSession } from '../helpers/tmux.js';

// The review as a terminal user meets it: an answers file with errors, and the demo's panels
// and summary (issue 13: the review re-checks; defect 7).
let tmux: TmuxSession | undefined;
let lab: LabProcess | undefined;

afterEach(async () => {
  tmux?.kill();
  tmux = undefined;
  await lab?.stop();
  lab = undefined;
});

/** The screen as one line: wrapping undone, for matching sentences. */
const flat = (screen: string) => screen.replace(/\s+/g, ' ');

describe('in a real terminal', { timeout: 180_000 }, () => {
  it('install --answers with errors opens on the review, every problem marked; fix them, start', async () => {
    lab = await startLab([], '0.2');
    const fx = await installFixture(lab.dir);
    // Two mistakes: a misspelt key (so the hostname is missing) and a replica count in words.
    const broken = readFileSync(fx.answersFile, 'utf8')
      .replace('  hostname: rancher.lab.test', '  hostnmae: rancher.lab.test')
      .replace('replicas: 3', 'replicas: three');
    const file = join(fx.certsDir, 'broken.yaml');
    writeFileSync(file, broken);
    tmux = TmuxSession.start(cliInLab(lab.dir, ['install', '--answers', file]), {
      columns: 100,
      rows: 30,
      env: { RANCHER_PKS_TUI_HOME: fx.home },
    });
    const review = flat(await tmux.waitFor(/Start the install/));
    expect(review).toContain('The answers file has problems');
    expect(review).toContain('› ✗ Rancher hostname (not answered)');
    expect(review).toContain('rancher.hostname: is missing');
    expect(review).toContain('✗ Replicas 3 ✗ rancher.replicas: must be a whole number such as 3');
    expect(review).not.toContain('rancher: is missing'); // the section is there, one key misspelt
    expect(review).toContain('! rancher.hostnmae: unknown key; did you mean hostname?');
    // What read well is kept: the cluster, the certificate paths made absolute.
    expect(review).toContain('Cluster czpksrancher05');
    expect(review).toContain(join(fx.certsDir, 'rancher.cer'));

    // The cursor starts on the first problem: answer it.
    tmux.keys('Enter');
    await tmux.waitFor(/Rancher hostname:/);
    tmux.type('rancher.lab.test');
    tmux.keys('Enter');
    const fixed = flat(await tmux.waitFor(/› +Rancher hostname +rancher\.lab\.test/));
    expect(fixed).not.toContain('rancher.hostname: is missing');
    expect(fixed).toContain('✗ rancher.replicas: must be a whole number');

    // Start is refused while a failure stands, with one line saying which.
    await tmux.press('Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down');
    tmux.keys('Enter');
    await tmux.waitFor(/Start refused: 1 problem to fix first \(marked ✗\): Replicas/);

    // Replicas: the default confirmed, then on through the options to the review.
    await tmux.press('Up', 'Up', 'Up');
    tmux.keys('Enter');
    await tmux.waitFor(/› Replicas \(3 for HA/);
    await tmux.enterUntil(/Start the install/);
    const clean = flat(tmux.capture());
    expect(clean).not.toContain('must be a whole number');

    // The misspelt key is left out: a warning to accept, then the install starts.
    await tmux.press('Down', 'Down', 'Down');
    tmux.keys('Enter');
    await tmux.waitFor(/y start anyway/);
    tmux.keys('y');
    await tmux.waitFor(/Wait for provisioning|Plan exists/, 60_000);
    tmux.keys('C-c');
    expect(await tmux.waitFor(/EXIT=\d+/)).toContain('EXIT=130');
  });

  it('`--demo`: the virtual-server and DNS panels show, and the summary gives the VIP and both DNS records', async () => {
    const home = mkdtempSync(join(tmpdir(), 'rpt-home-'));
    // Slow enough that the DNS wait (the lab's operator adds the record after a while) is seen.
    tmux = TmuxSession.start([process.execPath, cliPath, '--demo', '--timescale', '0.2'], {
      columns: 100,
      rows: 30,
      env: { RANCHER_PKS_TUI_HOME: home },
    });
    await tmux.waitFor(/PKS plan/);
    await tmux.enterUntil(/Start the install/);
    tmux.keys('Enter');
    const screens: string[] = [];
    const summary = await tmux.waitFor(
      /Rancher is up: https:\/\/rancher\.lab\.test/,
      150_000,
      screens,
    );
    const all = screens.join('\n');
    // The summary is written once and may be taller than the screen: read all of it.
    const whole = tmux.scrollback();
    const vip = /NSX-T VIP\s+(127\.\d+\.1\.\d+)/.exec(whole)?.[1];
    expect(vip, summary).toBeDefined();
    const ip = vip!.replace(/\./g, '\\.');
    // The panels, while the ingress stage ran.
    expect(all).toMatch(new RegExp(`NSX-T virtual server\\s+service traefik[^]*IP: ${ip}`));
    expect(all).toMatch(new RegExp(`rancher\\.lab\\.test\\s+\\S+\\s+(no answer|${ip})\\s+${ip}`));
    // The summary: both records the DNS steps checked, and the charts with their versions.
    expect(whole).toMatch(/czpksrancher05\.lab\.test\.\s+IN\s+A\s+127\.\d+\.0\.\d+/);
    expect(whole).toMatch(new RegExp(`rancher\\.lab\\.test\\.\\s+IN\\s+A\\s+${ip}`));
    expect(whole).toMatch(/rancher-stable\/rancher \d+\.\d+\.\d+/);
    expect(whole).toMatch(/traefik\/traefik \d+\.\d+\.\d+/);
    // The URL stays on the last screen.
    expect(summary).toContain('Rancher is up: https://rancher.lab.test');
    tmux.keys('q');
    const after = await tmux.waitFor(/EXIT=\d+/);
    expect(after).toContain('EXIT=0');
  });
});
