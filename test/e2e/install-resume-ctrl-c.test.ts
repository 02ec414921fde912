import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installFixture, type InstallFixture } from '../helpers/install-fixture.js';
import { poll, startLab, type LabProcess } from '../helpers/lab-process.js';

// Ctrl-C during `install --yes`: exit 130, the session saved, `resume` finishes.
// (Its own file, apart from the SIGKILL ones in install-resume.test.ts: two workers share them.)
let lab: LabProcess | undefined;

afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

/** Runs `resume` to the end: the install finishes after the stop. */
async function resumeFinishes(l: LabProcess, home: string): Promise<void> {
  const resumed = await l.cli(['resume'], { env: { RANCHER_PKS_TUI_HOME: home } });
  expect(resumed.stdout).toContain('resuming session');
  expect(resumed.stdout).toContain('Rancher is up: https://rancher.lab.test');
  expect(resumed.code).toBe(0);
}

/** Writes DIR/faults.json and waits until the lab has taken it. */
async function setFaults(l: LabProcess, faults: Record<string, unknown>): Promise<void> {
  const seen = l.output().split('faults now:').length;
  writeFileSync(join(l.dir, 'faults.json'), JSON.stringify(faults));
  await poll(
    async () => l.output().split('faults now:').length > seen,
    'the lab to take the faults',
  );
}

interface Stopped {
  code: number | null;
  out: string;
}

/**
 * `install --yes`; SIGINT once `ready` says so (it may read the lab's log), and with
 * `again` a second SIGINT as soon as the CLI says it is stopping.
 */
async function interruptInstall(
  l: LabProcess,
  fx: InstallFixture,
  ready: (out: string) => boolean,
  options: { again?: boolean } = {},
): Promise<Stopped> {
  const child = l.spawnCli(['install', '--answers', fx.answersFile, '--yes'], {
    RANCHER_PKS_TUI_HOME: fx.home,
  });
  let out = '';
  let again = false;
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
    if (options.again && !again && out.includes('stopping (the session is saved')) {
      again = true;
      child.kill('SIGINT');
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await poll(async () => ready(out) || child.exitCode !== null, 'the moment to press Ctrl-C');
  // Once: a second Ctrl-C would be the "stop at once" (tested on its own).
  child.kill('SIGINT');
  return { code: await exited, out };
}

/** Exit 130 with the resume command; the run ended itself, or (`atOnce`) was given up on. */
function expectStoppedResumable(stopped: Stopped, options: { atOnce?: boolean } = {}): void {
  expect(stopped.code).toBe(130);
  expect(stopped.out).toMatch(
    /resume with: node \S+\/dist\/cli\.js resume \d{8}-\d{6}-czpksrancher05/,
  );
  expect(stopped.out).not.toContain('Rancher is up');
  // Once: a run given up on does not report again on its way out.
  expect(stopped.out.match(/run interrupted after/g)).toHaveLength(1);
  if (options.atOnce) expect(stopped.out).toContain('stopping now');
}

describe('Ctrl-C', () => {
  // Ctrl-C while the cluster provisions (exit 130, the session listed as interrupted, the
  // printed command finishing the install) is resume-command.test.ts's first test: one install.

  it('at a step boundary: no later step runs', async () => {
    lab = await startLab([], '0');
    const fx = await installFixture(lab.dir);
    const stopped = await interruptInstall(lab, fx, (out) =>
      /\[helm\] Detect Helm: done/.test(out),
    );
    expectStoppedResumable(stopped);
    // At most the step that had started goes on to its end; nothing after it.
    expect(stopped.out).not.toContain('== Certificates');
    await resumeFinishes(lab, fx.home);
  });

  it('inside `pks create-cluster`', async () => {
    lab = await startLab([], '0');
    const fx = await installFixture(lab.dir);
    await setFaults(lab, { slowCommands: { 'pks create-cluster': 600_000 } });
    const l = lab;
    const stopped = await interruptInstall(lab, fx, () =>
      l.output().includes('pks create-cluster: answering'),
    );
    expectStoppedResumable(stopped);
    expect(stopped.out).not.toContain('[cluster] Create the cluster: done');
    await setFaults(lab, {});
    await resumeFinishes(lab, fx.home);
  });

  it('inside `helm upgrade --install`', async () => {
    lab = await startLab([], '0');
    const fx = await installFixture(lab.dir);
    await setFaults(lab, { slowCommands: { 'helm upgrade': 600_000 } });
    const l = lab;
    const stopped = await interruptInstall(lab, fx, () =>
      l.output().includes('helm upgrade: answering'),
    );
    expectStoppedResumable(stopped);
    expect(stopped.out).not.toContain('[ingress] Ingress controller (DaemonSet): done');
    await setFaults(lab, {});
    await resumeFinishes(lab, fx.home);
  });

  it('inside a Kubernetes API call', async () => {
    lab = await startLab(['--fault', 'apiSlowMs=600000'], '0');
    const fx = await installFixture(lab.dir);
    const l = lab;
    const stopped = await interruptInstall(lab, fx, () =>
      /GET \S+: answering 600000 ms late/.test(l.output()),
    );
    expectStoppedResumable(stopped);
    await setFaults(lab, {});
    await resumeFinishes(lab, fx.home);
  });

  it('again while stopping: ends at once, the session still resumable', async () => {
    lab = await startLab([], '0');
    const fx = await installFixture(lab.dir);
    // The lab's helm, like helm 3 and 4, catches SIGTERM and ends when its operation
    // does: stopping it takes the grace period, time enough for the second Ctrl-C.
    await setFaults(lab, { slowCommands: { 'helm upgrade': 600_000 } });
    const l = lab;
    const stopped = await interruptInstall(
      lab,
      fx,
      () => l.output().includes('helm upgrade: answering'),
      { again: true },
    );
    expectStoppedResumable(stopped, { atOnce: true });
    const sessions = join(fx.home, 'sessions');
    const transcript = readdirSync(sessions).find((f) => f.endsWith('.transcript.log'))!;
    expect(readFileSync(join(sessions, transcript), 'utf8')).toContain('stopped at once');
    const list = await lab.cli(['sessions'], { env: { RANCHER_PKS_TUI_HOME: fx.home } });
    expect(list.stdout).toMatch(/czpksrancher05\s+rancher\.lab\.test\s+ingress\s+interrupted/);
    await setFaults(lab, {});
    await resumeFinishes(lab, fx.home);
  });
});
