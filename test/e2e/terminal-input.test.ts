import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installFixture } from '../helpers/install-fixture.js';
import { startLab, type LabProcess, cliInLab } from '../helpers/lab-process.js';
import { TmuxSession } from '../helpers/tmux.js';

// Typing as a person does in a real terminal (tmux): keys that arrive together (a held
// Backspace over SSH, fast typing), pastes, readline keys and Ctrl-C. What ink-testing-library
// cannot show: how the terminal chunks input, bracketed paste, raw mode, the last frame.
let tmux: TmuxSession | undefined;
let lab: LabProcess | undefined;

afterEach(async () => {
  tmux?.kill();
  tmux = undefined;
  await lab?.stop();
  lab = undefined;
});

/** The CLI in the lab's environment (env.sh sourced), as a user's shell starts it. */
function inLab(l: LabProcess, args: string[]): string[] {
  return cliInLab(l.dir, args);
}

/** The list items on screen (`› name` or `  name`), in order, and which one has the cursor. */
function listOnScreen(screen: string): { items: string[]; focused: number } {
  const rows = screen.split('\n').filter((line) => /^[› ] \S+ {2}/.test(line));
  return {
    items: rows.map((row) => row.slice(2).split(/\s{2}/)[0]!),
    focused: rows.findIndex((row) => row.startsWith('›')),
  };
}

const DEL = '7f';
const UP = ['1b', '5b', '41'];
const DOWN = ['1b', '5b', '42'];

describe('typing in a real terminal', () => {
  it('bursts, readline keys and a bracketed 2 KB paste land exactly; Ctrl-C exits 130 keeping the answers for the next start', async () => {
    lab = await startLab([], '0.2');
    const fx = await installFixture(lab.dir);
    let longDir = fx.certsDir;
    while (longDir.length < 2048) longDir = join(longDir, 'd'.repeat(200));
    mkdirSync(longDir, { recursive: true });
    const longCert = join(longDir, 'rancher.cer');
    copyFileSync(join(fx.certsDir, 'rancher.cer'), longCert);

    const env = { RANCHER_PKS_TUI_HOME: fx.home };
    tmux = TmuxSession.start(inLab(lab, []), { columns: 100, rows: 30, env });
    const t = tmux;

    // A list: three ↓ in one burst move three rows, then straight to the HA plan.
    const plans = listOnScreen(await t.waitFor(/Which plan/, 15_000));
    expect(plans.focused).toBeGreaterThanOrEqual(0);
    const start = Math.min(plans.focused, plans.items.length - 4);
    if (start !== plans.focused)
      t.bytes(
        ...Array<string[]>(plans.focused - start)
          .fill(UP)
          .flat(),
      );
    await t.waitUntil((s) => listOnScreen(s).focused === start, `the cursor on row ${start}`, 5000);
    t.bytes(...DOWN, ...DOWN, ...DOWN);
    await t.waitUntil((s) => listOnScreen(s).focused === start + 3, `three rows down`, 5000);
    const rancher = plans.items.indexOf('rancher');
    const delta = rancher - (start + 3);
    t.bytes(
      ...Array<string[]>(Math.abs(delta))
        .fill(delta < 0 ? UP : DOWN)
        .flat(),
    );
    await t.waitUntil((s) => /^› rancher /m.test(s), 'the cursor on rancher', 5000);
    await t.press('Enter');
    await t.waitFor(/Load-balancer size for the cluster/, 15_000);
    await t.press('Enter');
    await t.waitFor(/Ingress controller in front of Rancher/, 15_000);
    await t.press('Enter');

    // A text field: a held Backspace arrives as one chunk of DELs.
    await t.waitFor(/› Cluster name:/, 15_000);
    t.type('czpksrancher05xyz');
    t.bytes(DEL, DEL, DEL);
    await t.waitFor(/› Cluster name: +czpksrancher05 *$/m, 15_000);
    t.keys('Enter');
    await t.waitFor(/› API hostname/, 15_000);
    t.type('czpksrancher05.lab.test');
    t.keys('Enter');

    // Readline keys: Ctrl-U clears, Ctrl-A goes to the start, Ctrl-W kills a word.
    await t.waitFor(/› Rancher hostname:/, 15_000);
    t.type('junk');
    t.keys('C-u');
    t.type('lab.test');
    t.keys('C-a');
    t.type('rancher.');
    t.keys('C-e');
    t.type(' oops');
    t.keys('C-w');
    t.bytes(DEL);
    await t.waitFor(/› Rancher hostname: rancher\.lab\.test *$/m, 15_000);
    t.keys('Enter');

    // A path typed over a burst of Backspaces; a 2 KB path pasted; Tab after a burst.
    await t.waitFor(/› Certificate \(server first/, 15_000);
    t.type('oops');
    t.bytes(DEL, DEL, DEL, DEL);
    // Copied with its line end: inside a bracketed paste it is not an Enter.
    t.paste(`${longCert}\n`);
    await t.waitFor(/dddd/, 15_000);
    expect(t.capture()).toMatch(/^ {2}Private key \(PEM/m); // the cursor did not move on
    t.keys('Enter');
    await t.waitFor(/› Private key/, 15_000);
    t.type(join(fx.certsDir, 'rancher.kXYZ'));
    t.bytes(DEL, DEL, DEL);
    t.keys('Tab');
    // Beside its label, a long path wraps inside the value column (50: the longest label,
    // its marker and colon); read it joined.
    const joined = (screen: string) => screen.replace(/ *\n {50}(?=\S)/g, '');
    await t.waitUntil(
      (screen) => /rancher\.key *$/m.test(joined(screen)),
      'Tab to complete rancher.key',
      15_000,
    );
    t.keys('Enter');
    await t.waitFor(/› CA certificate/, 15_000);
    t.type(join(fx.certsDir, 'cacerts.pem'));
    t.keys('Enter');
    await t.waitFor(/› Replicas/, 15_000); // the three files were found and checked together

    t.keys('C-c');
    const stopped = await t.waitFor(/EXIT=\d+/, 15_000);
    expect(stopped).toContain('EXIT=130');
    // The parting message starts a line of its own; the terminal has its cursor back.
    expect(stopped).toMatch(/^Stopped\. Nothing was changed\. Your answers are kept/m);
    expect(t.format('#{cursor_flag}')).toBe('1');

    const draft = JSON.parse(readFileSync(join(fx.home, 'wizard-draft.json'), 'utf8'));
    expect(draft).toMatchObject({
      pks: {
        plan: 'rancher',
        cluster: 'czpksrancher05',
        externalHostname: 'czpksrancher05.lab.test',
      },
      rancher: { hostname: 'rancher.lab.test' },
      tls: {
        cert: longCert,
        key: join(fx.certsDir, 'rancher.key'),
        caCerts: join(fx.certsDir, 'cacerts.pem'),
      },
    });
    t.kill();

    // The next start begins from those answers.
    tmux = TmuxSession.start(inLab(lab, []), { columns: 100, rows: 30, env });
    const again = tmux;
    await again.waitFor(/^› rancher /m, 15_000);
    for (const next of [
      /Load-balancer size for the cluster/,
      /Ingress controller in front/,
      /› Cluster name/,
    ]) {
      await again.press('Enter');
      await again.waitFor(next, 15_000);
    }
    await again.waitFor(/› Cluster name: +czpksrancher05 *$/m, 15_000);
  });

  it('Esc on a review taller than the terminal: the parting message starts on its own line', async () => {
    lab = await startLab([], '0.2');
    const fx = await installFixture(lab.dir);
    tmux = TmuxSession.start(inLab(lab, ['install', '--answers', fx.answersFile]), {
      columns: 80,
      rows: 12,
      env: { RANCHER_PKS_TUI_HOME: fx.home },
    });
    await tmux.waitFor(/Start the install/, 15_000);
    tmux.keys('Escape');
    const stopped = await tmux.waitFor(/EXIT=\d+/, 15_000);
    expect(stopped).toContain('EXIT=0');
    expect(stopped).toMatch(/^Nothing was changed\. Your answers are kept/m);
  });
});
