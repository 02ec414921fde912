import { afterEach, describe, expect, it } from 'vitest';
import { installFixture, type InstallFixture } from '../helpers/install-fixture.js';
import { startLab, type LabProcess } from '../helpers/lab-process.js';

// Moving a finished install from ingress-nginx to Traefik, straight through and interrupted.
let lab: LabProcess | undefined;

afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

interface Items<T> {
  items: T[];
}

interface Ingress {
  metadata: { name: string; annotations?: Record<string, string> };
  spec: { ingressClassName?: string };
}

async function json<T>(l: LabProcess, argv: string[]): Promise<T> {
  const r = await l.run(argv);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

async function releases(l: LabProcess): Promise<string[]> {
  const rows = await json<{ name: string; status: string }[]>(l, [
    'helm',
    'list',
    '-n',
    'cattle-system',
    '-o',
    'json',
  ]);
  return rows.map((r) => `${r.name}:${r.status}`).sort();
}

async function ingresses(l: LabProcess): Promise<Ingress[]> {
  const list = await json<Items<Ingress>>(l, [
    'kubectl',
    '-n',
    'cattle-system',
    'get',
    'ingress',
    '-o',
    'json',
  ]);
  return list.items;
}

async function serviceIp(l: LabProcess, name: string): Promise<string> {
  const svc = await json<{ status: { loadBalancer: { ingress?: { ip: string }[] } } }>(l, [
    'kubectl',
    '-n',
    'cattle-system',
    'get',
    'svc',
    name,
    '-o',
    'json',
  ]);
  return svc.status.loadBalancer.ingress?.[0]?.ip ?? '';
}

/** Runs the CLI until `marker` shows, then presses Ctrl-C once; resolves with its output and code. */
function interruptAt(
  l: LabProcess,
  args: string[],
  env: Record<string, string>,
  marker: RegExp,
): Promise<{ out: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = l.spawnCli(args, env);
    let out = '';
    let sent = false;
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (!sent && marker.test(out)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.on('exit', (code) => resolve({ out, code }));
  });
}

async function expectOnTraefik(l: LabProcess, fx: InstallFixture): Promise<void> {
  expect(await releases(l)).toEqual(['rancher:deployed', 'traefik:deployed']);
  const all = await ingresses(l);
  expect(all.map((i) => i.metadata.name)).toEqual(['rancher']);
  expect(all[0]!.spec.ingressClassName).toBe('traefik');
  expect(all[0]!.metadata.annotations?.['kubernetes.io/ingress.class']).toBe('traefik');
  const svcs = await json<Items<{ metadata: { name: string } }>>(l, [
    'kubectl',
    '-n',
    'cattle-system',
    'get',
    'svc',
    '-o',
    'json',
  ]);
  expect(svcs.items.map((s) => s.metadata.name)).not.toContain('ingress-nginx-controller');
  // The lab's DNS answers the Rancher name with Traefik's virtual server.
  const vip = await serviceIp(l, 'traefik');
  const dig = await l.run(['node', '-e', '0']);
  expect(dig.code).toBe(0);
  expect(vip).not.toBe('');
  expect(fx.hostname).toBe('rancher.lab.test');
}

describe('migrate-ingress', () => {
  it('moves a finished ingress-nginx install to Traefik, and a second run finds nothing to do', async () => {
    lab = await startLab([], '0');
    const fx = await installFixture(lab.dir, 'czpksrancher05', {
      ingress: { controller: 'ingress-nginx' },
    });
    const env = { RANCHER_PKS_TUI_HOME: fx.home };
    const install = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], { env });
    expect(install.code, install.stdout.slice(-1500)).toBe(0);
    expect(await releases(lab)).toEqual(['ingress-nginx:deployed', 'rancher:deployed']);
    const oldVip = await serviceIp(lab, 'ingress-nginx-controller');

    // The answers still say ingress-nginx: changing them is not how one migrates.
    const migrate = await lab.cli(['migrate-ingress', '--to', 'traefik', '--yes'], { env });
    expect(migrate.code, migrate.stdout.slice(-2500)).toBe(0);
    expect(migrate.stdout).toContain('ingress-nginx fronts Rancher; moving to Traefik');
    expect(migrate.stdout).toMatch(/both virtual servers serve Rancher now/);
    expect(migrate.stdout).toContain('helm uninstall ingress-nginx');
    const newVip = await serviceIp(lab, 'traefik');
    expect(newVip).not.toBe(oldVip);
    expect(migrate.stdout).toContain(`rancher.lab.test → ${newVip}`);
    expect(migrate.stdout).toContain('Rancher is up: https://rancher.lab.test');
    await expectOnTraefik(lab, fx);

    const sessions = await lab.cli(['sessions'], { env });
    expect(sessions.stdout).toMatch(
      /migrate-ingress\s+czpksrancher05\s+rancher\.lab\.test\s+\S+\s+done/,
    );

    const again = await lab.cli(['migrate-ingress', '--to', 'traefik', '--yes'], { env });
    expect(again.code, again.stdout.slice(-1500)).toBe(0);
    expect(again.stdout).toContain('Traefik already fronts Rancher: nothing to migrate');
    await expectOnTraefik(lab, fx);
  }, 180_000);

  it('an install resumed after Ctrl-C migrates; the migration, interrupted at the DNS change, resumes', async () => {
    lab = await startLab(['--manual-dns'], '0');
    const fx = await installFixture(lab.dir, 'czpksrancher05', {
      ingress: { controller: 'ingress-nginx' },
    });
    const env = { RANCHER_PKS_TUI_HOME: fx.home };
    const install = await interruptAt(
      lab,
      ['install', '--answers', fx.answersFile, '--yes'],
      env,
      /ACTION NEEDED: Create the DNS A record rancher\.lab\.test/,
    );
    expect(install.code, install.out.slice(-1500)).toBe(130);
    const oldVip = await serviceIp(lab, 'ingress-nginx-controller');
    expect((await lab.cli(['lab', 'dns', 'add', fx.hostname, oldVip, '--dir', lab.dir])).code).toBe(
      0,
    );
    const resumed = await lab.cli(['resume'], { env });
    expect(resumed.code, resumed.stdout.slice(-1500)).toBe(0);

    const migrate = await interruptAt(
      lab,
      ['migrate-ingress', '--to', 'traefik', '--yes'],
      env,
      /ACTION NEEDED: The DNS A record rancher\.lab\.test points at [\d.]+; change it to [\d.]+/,
    );
    expect(migrate.code, migrate.out.slice(-2500)).toBe(130);
    // Interrupted mid-way: both controllers run, Rancher is served by both virtual servers.
    expect(await releases(lab)).toEqual([
      'ingress-nginx:deployed',
      'rancher:deployed',
      'traefik:deployed',
    ]);
    expect((await ingresses(lab)).map((i) => i.metadata.name).sort()).toEqual([
      'rancher',
      'rancher-traefik',
    ]);
    const newVip = await serviceIp(lab, 'traefik');
    expect(migrate.out).toContain(
      `ACTION NEEDED: The DNS A record rancher.lab.test points at ${oldVip}; change it to ${newVip}`,
    );
    expect(migrate.out).toMatch(
      /resume with: node \S+\/dist\/cli\.js resume \d{8}-\d{6}-czpksrancher05/,
    );

    expect((await lab.cli(['lab', 'dns', 'add', fx.hostname, newVip, '--dir', lab.dir])).code).toBe(
      0,
    );
    const finished = await lab.cli(['resume'], { env });
    expect(finished.code, finished.stdout.slice(-2500)).toBe(0);
    expect(finished.stdout).toContain('helm uninstall ingress-nginx');
    await expectOnTraefik(lab, fx);
  }, 180_000);
});
