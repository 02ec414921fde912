import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installFixture, type InstallFixture } from '../helpers/install-fixture.js';
import { poll, startLab, type LabProcess } from '../helpers/lab-process.js';

// Killed with SIGKILL at several points, `resume` finishes with no duplicates.
let lab: LabProcess | undefined;

afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

function killAt(
  l: LabProcess,
  args: string[],
  env: Record<string, string>,
  marker: RegExp,
): Promise<string> {
  return new Promise((resolve) => {
    const child = l.spawnCli(args, env);
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (marker.test(out) && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('exit', () => resolve(out));
  });
}

interface Items<T> {
  items: T[];
}

async function json<T>(l: LabProcess, argv: string[]): Promise<T> {
  return JSON.parse((await l.run(argv)).stdout) as T;
}

const points: [string, RegExp][] = [
  ['while the cluster provisions', /\[cluster\] Wait for provisioning …/],
  ['as the certificates are created', /\[certificates\] Secret tls-ca \(cacerts\.pem\) …/],
  ['while helm installs Traefik', /\[ingress\] Ingress controller \(DaemonSet\) …/],
  ['while helm installs Rancher', /\[rancher\] helm upgrade --install rancher …/],
  ['while Rancher rolls out', /\[rancher\] Rancher pods ready on distinct nodes …/],
];

describe('resume after SIGKILL', () => {
  it.each(points)('finishes when killed %s', async (_what, marker) => {
    lab = await startLab([], '0.05');
    const fx = await installFixture(lab.dir);
    const env = { RANCHER_PKS_TUI_HOME: fx.home };
    const before = await killAt(
      lab,
      ['install', '--answers', fx.answersFile, '--yes'],
      env,
      marker,
    );
    expect(before).toMatch(marker);
    expect(before).not.toContain('Rancher is up');

    const resumed = await lab.cli(['resume'], { env });
    expect(resumed.stdout).toContain('resuming session');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('Rancher is up: https://rancher.lab.test');

    const releases = await json<{ name: string; status: string }[]>(lab, [
      'helm',
      'list',
      '-A',
      '-o',
      'json',
    ]);
    expect(releases.map((r) => `${r.name}:${r.status}`).sort()).toEqual([
      'rancher:deployed',
      'traefik:deployed',
    ]);
    const deployments = await json<Items<{ metadata: { name: string } }>>(lab, [
      'kubectl',
      '-n',
      'cattle-system',
      'get',
      'deploy',
      '-o',
      'json',
    ]);
    expect(deployments.items.map((d) => d.metadata.name)).toEqual(['rancher']);
    const ingresses = await json<Items<unknown>>(lab, [
      'kubectl',
      '-n',
      'cattle-system',
      'get',
      'ingress',
      '-o',
      'json',
    ]);
    expect(ingresses.items).toHaveLength(1);
    const clusters = await json<{ name: string }[]>(lab, ['pks', 'clusters', '--json']);
    expect(clusters.map((c) => c.name)).toEqual(['czpksrancher05']);
    const pods = await json<Items<{ spec: { nodeName: string } }>>(lab, [
      'kubectl',
      '-n',
      'cattle-system',
      'get',
      'po',
      '-l',
      'app=rancher',
      '-o',
      'json',
    ]);
    expect(new Set(pods.items.map((p) => p.spec.nodeName)).size).toBe(3);
  });
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
  it('stops cleanly with exit 130, saves the session and prints the resume command', async () => {
    lab = await startLab([], '0.05');
    const fx = await installFixture(lab.dir);
    const child = lab.spawnCli(['install', '--answers', fx.answersFile, '--yes'], {
      RANCHER_PKS_TUI_HOME: fx.home,
    });
    let out = '';
    let sent = false;
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      // Once: a second Ctrl-C after the run ended would be the default "kill now".
      if (!sent && out.includes('[cluster] Wait for provisioning …')) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(130);
    expect(out).toMatch(/resume with: node \S+\/dist\/cli\.js resume \d{8}-\d{6}-czpksrancher05/);
    const sessions = await lab.cli(['sessions'], { env: { RANCHER_PKS_TUI_HOME: fx.home } });
    expect(sessions.stdout).toMatch(/czpksrancher05\s+rancher\.lab\.test\s+cluster\s+interrupted/);
    await resumeFinishes(lab, fx.home);
  });

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

describe('secrets after SIGKILL', () => {
  it('leaves no bootstrap password behind when killed while helm installs Rancher', async () => {
    lab = await startLab([], '0.05');
    const fx = await installFixture(lab.dir);
    const tmp = mkdtempSync(join(tmpdir(), 'rpt-kill-tmp-'));
    const password = 'bootstrap-Kill9-never-left';
    const env = {
      RANCHER_PKS_TUI_HOME: fx.home,
      RANCHER_BOOTSTRAP_PASSWORD: password,
      TMPDIR: tmp,
    };
    const before = await killAt(
      lab,
      ['install', '--answers', fx.answersFile, '--yes'],
      env,
      /rancher\.install: installing /,
    );
    expect(before).not.toContain('Rancher is up');
    const files = readdirSync(tmp, { recursive: true, withFileTypes: true }).filter((e) =>
      e.isFile(),
    );
    for (const file of files)
      expect(readFileSync(join(file.parentPath, file.name), 'utf8')).not.toContain(password);
    const resumed = await lab.cli(['resume'], { env });
    expect(resumed.code).toBe(0);
  });
});
