import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, issueCert, loadCa } from '../../source/lab/pki.js';
import { probe } from '../../source/systems/https.js';
import { installFixture, type InstallFixture } from '../helpers/install-fixture.js';
import { cliInLab, poll, startLab, type LabProcess } from '../helpers/lab-process.js';
import { TmuxSession } from '../helpers/tmux.js';

// A finished install, then: a new server certificate from the same CA (Rancher keeps running),
// then a new CA (Rancher restarts and serves it), then the same again (nothing changes).
let lab: LabProcess;
let fx: InstallFixture;
const env = () => ({ RANCHER_PKS_TUI_HOME: fx.home });

beforeAll(async () => {
  lab = await startLab([], '0');
  fx = await installFixture(lab.dir);
  const install = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], { env: env() });
  expect(install.code, install.stdout.slice(-1500)).toBe(0);
}, 240_000);

afterAll(async () => {
  await lab?.stop();
});

function mutations(entries: Record<string, unknown>[]): Record<string, unknown>[] {
  return entries.filter((e) => (e.kind === 'api' && e.method !== 'GET') || e.mutating === true);
}

/** The Rancher pods as they are: who they are and when they started. */
async function rancherPods(): Promise<string[]> {
  const r = await lab.run([
    'kubectl',
    '-n',
    'cattle-system',
    'get',
    'po',
    '-l',
    'app=rancher',
    '-o',
    'jsonpath={range .items[*]}{.metadata.uid} {.status.startTime}{"\\n"}{end}',
  ]);
  return r.stdout.trim().split('\n').sort();
}

async function vip(): Promise<string> {
  const r = await lab.run([
    'kubectl',
    '-n',
    'cattle-system',
    'get',
    'svc',
    'traefik',
    '-o',
    'jsonpath={.status.loadBalancer.ingress[0].ip}',
  ]);
  return r.stdout.trim();
}

/** GET over the lab's front, trusting only `caPem`. */
async function get(path: string, caPem: string) {
  return probe({
    ip: await vip(),
    port: Number(lab.env().RANCHER_PKS_TUI_INGRESS_HTTPS_PORT),
    hostname: fx.hostname,
    caPem,
    path,
  });
}

/** New files in certs/<dir>: a server certificate from `ca`, and the CA as cacerts.pem. */
async function newFiles(dir: string, ca: { certPem: string; keyPem: string }) {
  const folder = join(fx.certsDir, dir);
  mkdirSync(folder, { recursive: true });
  const issuer = await loadCa(ca.certPem, ca.keyPem);
  const server = await issueCert(issuer, { commonName: fx.hostname, dnsNames: [fx.hostname] });
  const files = {
    cert: join(folder, 'rancher.cer'),
    key: join(folder, 'rancher.key'),
    caCerts: join(folder, 'cacerts.pem'),
  };
  writeFileSync(files.cert, server.certPem);
  writeFileSync(files.key, server.keyPem, { mode: 0o600 });
  writeFileSync(files.caCerts, ca.certPem);
  // The CA's key, made at test time, for a later certificate from the same CA.
  writeFileSync(join(folder, 'ca.key'), ca.keyPem, { mode: 0o600 });
  return { ...files, server };
}

interface Check {
  id: string;
  status: string;
  message: string;
  remedy?: string;
}

async function statusCheck(id: string): Promise<Check> {
  const r = await lab.cli(['status', '--json'], { env: env() });
  return (JSON.parse(r.stdout) as { checks: Check[] }).checks.find((c) => c.id === id)!;
}

/** Writes DIR/faults.json and waits until the lab has taken it. */
async function setFaults(faults: Record<string, unknown>): Promise<void> {
  const seen = lab.output().split('faults now:').length;
  writeFileSync(join(lab.dir, 'faults.json'), JSON.stringify(faults));
  await poll(
    async () => lab.output().split('faults now:').length > seen,
    'the lab to take the faults',
  );
}

const args = (f: { cert: string; key: string; caCerts: string }) => [
  'rotate-certs',
  '--cert',
  f.cert,
  '--key',
  f.key,
  '--ca-certs',
  f.caCerts,
  '--yes',
];

describe('rotate-certs', () => {
  it('status warns 30 days ahead naming rotate-certs; a new certificate from the same CA is served at once, no Rancher restart', async () => {
    // Someone renewed the certificate for 20 days only (the lab's fault, from the user's CA).
    await setFaults({
      tlsCertExpiring: { days: 20, caCert: 'certs/cacerts.pem', caKey: 'certs/ca.key' },
    });
    let expiry: Check | undefined;
    await poll(async () => {
      expiry = await statusCheck('tls.expiry');
      return expiry.status === 'warn';
    }, 'status to warn of the expiry');
    expect(expiry!.message).toMatch(/expires in (19|20) days/);
    expect(expiry!.remedy).toMatch(
      /rotate-certs --cert NEW\.cer --key NEW\.key --ca-certs cacerts\.pem/,
    );

    const before = await rancherPods();
    const ca = {
      certPem: readFileSync(join(fx.certsDir, 'cacerts.pem'), 'utf8'),
      keyPem: readFileSync(join(fx.certsDir, 'ca.key'), 'utf8'),
    };
    const files = await newFiles('same-ca', ca);
    const r = await lab.cli(args(files), { env: env() });
    expect(r.code, r.stdout.slice(-2500)).toBe(0);
    expect(r.stdout).toContain('the CA stays: only the server certificate changes');
    expect(r.stdout).toContain(
      'Rancher restarts with the new CA: the CA stays: Rancher keeps running (no restart)',
    );
    expect(await rancherPods()).toEqual(before);
    const served = await get('/ping', ca.certPem);
    expect(served.tlsOk).toBe(true);
    expect(served.certFingerprint256).toBe(
      new (await import('node:crypto')).X509Certificate(files.server.certPem).fingerprint256,
    );
    // A year again; and tls-ca was not written.
    expect((await statusCheck('tls.expiry')).status).toBe('pass');
    expect(mutations(lab.audit()).some((e) => String(e.path).includes('/secrets/tls-ca'))).toBe(
      false,
    );
  }, 240_000);

  it('a new CA: Rancher restarts and serves it at /cacerts; run again, nothing changes', async () => {
    const before = await rancherPods();
    const ca = await createCa({ commonName: 'Next Enterprise Root CA' });
    const files = await newFiles('new-ca', ca);
    const r = await lab.cli(args(files), { env: env() });
    expect(r.code, r.stdout.slice(-2500)).toBe(0);
    expect(r.stdout).toContain('the CA changes');
    expect(r.stdout).toContain('no downstream cluster is registered in Rancher');
    expect(r.stdout).toMatch(
      /rotate\.restart: restarting deploy\/rancher \(\d{4}-\d\d-\d\dT[\d:]+Z\)/,
    );
    expect(r.stdout).toContain('the CA changed: Rancher restarted and serves it');
    const after = await rancherPods();
    expect(after.some((p) => before.includes(p))).toBe(false);
    const cacerts = await get('/cacerts', ca.certPem);
    expect(cacerts.tlsOk).toBe(true);
    expect(cacerts.body?.trim()).toBe(ca.certPem.trim());

    const mark = mutations(lab.audit()).length;
    const again = await lab.cli(args(files), { env: env() });
    expect(again.code, again.stdout.slice(-2500)).toBe(0);
    expect(again.stdout).toContain('the CA stays');
    const sessions = await lab.cli(['sessions', '-o', 'json'], { env: env() });
    const id = (JSON.parse(sessions.stdout) as { id: string; plan: string }[]).find(
      (s) => s.plan === 'rotate-certs',
    )!.id;
    const resumed = await lab.cli(['resume', id], { env: env() });
    expect(resumed.code, resumed.stdout.slice(-2500)).toBe(0);
    expect(mutations(lab.audit()).slice(mark)).toEqual([]);
    expect(await rancherPods()).toEqual(after);
  }, 300_000);

  it('bad input is one line naming the flag, nothing changed; plan --rotate-certs prints the commands', async () => {
    const ca = {
      certPem: readFileSync(join(fx.certsDir, 'cacerts.pem'), 'utf8'),
      keyPem: readFileSync(join(fx.certsDir, 'ca.key'), 'utf8'),
    };
    const files = await newFiles('bad', ca);
    const other = await newFiles('other', ca);
    const wrongName = join(fx.certsDir, 'bad', 'ca.pem');
    writeFileSync(wrongName, ca.certPem);
    const mark = mutations(lab.audit()).length;
    const cases: [string[], RegExp][] = [
      [['rotate-certs', '--cert', files.cert, '--yes'], /^--key: required; /],
      [
        [...args({ ...files, caCerts: wrongName })],
        /^--ca-certs: .*cacerts\.pem.*\(tls\.cacerts-name\)$/,
      ],
      [[...args({ ...files, key: other.key })], /^--key: .*\(tls\.key-match\)$/],
      [[...args({ ...files, key: '/nope/key.pem' })], /^--key: \/nope\/key\.pem does not exist; /],
      [[...args(files).filter((a) => a !== '--yes')], /^--yes: not in a terminal/],
    ];
    for (const [argv, line] of cases) {
      const r = await lab.cli(argv, { env: env() });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(line);
    }
    expect(mutations(lab.audit()).slice(mark)).toEqual([]);

    const sessions = await lab.cli(['sessions', '-o', 'json'], { env: env() });
    const install = (JSON.parse(sessions.stdout) as { id: string; plan: string }[]).find(
      (s) => s.plan === 'install',
    )!.id;
    const plan = await lab.cli(
      [
        'plan',
        '--rotate-certs',
        '--session',
        install,
        '--cert',
        files.cert,
        '--key',
        files.key,
        '--ca-certs',
        files.caCerts,
      ],
      { env: env() },
    );
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(
      `$ kubectl -n cattle-system create secret tls tls-rancher-ingress --cert=${files.cert} --key=${files.key} --dry-run=client -o yaml | kubectl apply -f -`,
    );
    expect(plan.stdout).toContain('$ kubectl -n cattle-system rollout restart deploy/rancher');
    expect(mutations(lab.audit()).slice(mark)).toEqual([]);
  }, 120_000);

  it('a CA change refuses while a registered cluster cannot be told, changing nothing; --force goes on', async () => {
    // A cluster registered some other way: this tool has no import of it to update.
    const legacy = {
      apiVersion: 'management.cattle.io/v3',
      kind: 'Cluster',
      metadata: { name: 'c-legacy' },
      spec: { displayName: 'legacy' },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    };
    writeFileSync(join(lab.dir, 'legacy.json'), JSON.stringify(legacy));
    const created = await lab.run(['kubectl', 'apply', '-f', join(lab.dir, 'legacy.json')]);
    expect(created.code, created.stderr).toBe(0);

    const files = await newFiles('refused-ca', await createCa({ commonName: 'Third Root CA' }));
    const mark = mutations(lab.audit()).length;
    const refused = await lab.cli(args(files), { env: env() });
    expect(refused.code, refused.stdout.slice(-2500)).toBe(1);
    expect(refused.stdout).toContain(
      'the CA changes and 1 registered cluster will lose its connection (not imported by this tool, or not reachable from here): legacy (c-legacy); nothing was changed',
    );
    expect(refused.stdout).toContain('--force');
    expect(mutations(lab.audit()).slice(mark)).toEqual([]);

    const forced = await lab.cli([...args(files), '--force'], { env: env() });
    expect(forced.code, forced.stdout.slice(-2500) + forced.stderr).toBe(0);
    expect(forced.stdout).toContain(
      "update these agents' CATTLE_CA_CHECKSUM by hand (--force): legacy",
    );
    const deleted = await lab.run([
      'kubectl',
      'delete',
      'clusters.management.cattle.io',
      'c-legacy',
    ]);
    expect(deleted.code, deleted.stderr).toBe(0);
  }, 300_000);

  it('Ctrl-C during the restart, then kill -9 on resume: the next resume finishes with one restart', async () => {
    const files = await newFiles('fourth-ca', await createCa({ commonName: 'Fourth Root CA' }));
    const interrupted = await stopAt(
      args(files),
      /rotate\.restart: restarting deploy\/rancher \((\S+)\)/,
      'SIGINT',
    );
    expect(interrupted.code, interrupted.out.slice(-2500)).toBe(130);
    const stamp = /rotate\.restart: restarting deploy\/rancher \((\S+)\)/.exec(
      interrupted.out,
    )![1]!;

    const killed = await stopAt(['resume'], /Validate the new certificate/, 'SIGKILL');
    expect(killed.code).toBe(null);

    const resumed = await lab.cli(['resume'], { env: env() });
    expect(resumed.code, resumed.stdout.slice(-2500)).toBe(0);
    expect(resumed.stdout).toContain('the CA changes'); // kept from the first run
    // The same stamp: the resume did not roll Rancher a second time.
    const annotation = await lab.run([
      'kubectl',
      '-n',
      'cattle-system',
      'get',
      'deploy',
      'rancher',
      '-o',
      'jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}',
    ]);
    expect(annotation.stdout.trim()).toBe(stamp);
    const ca = readFileSync(files.caCerts, 'utf8');
    const cacerts = await get('/cacerts', ca);
    expect(cacerts.body?.trim()).toBe(ca.trim());
  }, 300_000);
  it('in a real terminal: asks first, then the run screen to its summary', async () => {
    // The CA now in place is the Ctrl-C test's; a certificate from it keeps the CA.
    const current = readFileSync(join(fx.certsDir, 'fourth-ca', 'cacerts.pem'), 'utf8');
    const key = readFileSync(join(fx.certsDir, 'fourth-ca', 'ca.key'), 'utf8');
    const files = await newFiles('terminal', { certPem: current, keyPem: key });
    const tmux = TmuxSession.start(
      cliInLab(
        lab.dir,
        args(files).filter((a) => a !== '--yes'),
      ),
      { columns: 100, rows: 30, env: env() },
    );
    try {
      await tmux.waitFor(/Replace the certificate of https:\/\/rancher\.lab\.test/);
      tmux.type('y');
      tmux.keys('Enter');
      const done = await tmux.waitFor(/EXIT=\d+/, 180_000);
      expect(done).toContain('the CA stayed: Rancher kept running');
      expect(done).toContain('EXIT=0');
    } finally {
      tmux.kill();
    }
  }, 240_000);
});

/** Starts the CLI and sends `signal` once its output matches `marker`. */
function stopAt(
  cliArgs: string[],
  marker: RegExp,
  signal: NodeJS.Signals,
): Promise<{ out: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = lab.spawnCli(cliArgs, env());
    let out = '';
    let sent = false;
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (!sent && marker.test(out) && child.exitCode === null) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('exit', (code) => resolve({ out, code }));
  });
}
