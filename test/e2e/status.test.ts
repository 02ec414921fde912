import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installFixture, type InstallFixture } from '../helpers/install-fixture.js';
import {
  poll,
  startLab,
  type LabProcess,
  type RunResult,
  cliInLab,
} from '../helpers/lab-process.js';
import { TmuxSession } from '../helpers/tmux.js';

// `status` on a lab install through the built CLI: healthy, then each fault the lab injects
// fails its own check, with a remedy, and nothing else fails.
let lab: LabProcess;
let fx: InstallFixture;

interface Check {
  id: string;
  status: 'pass' | 'warn' | 'fail' | 'skip';
  message: string;
  remedy: string;
}

interface Report {
  target: { session?: string; answers?: string; cluster: string; hostname: string };
  checkedAt: string;
  checks: Check[];
  summary: Record<Check['status'], number>;
}

const env = () => ({ RANCHER_PKS_TUI_HOME: fx.home });

function mutations(entries: Record<string, unknown>[]): Record<string, unknown>[] {
  return entries.filter((e) => e.kind === 'api' || e.mutating === true);
}

async function status(...args: string[]): Promise<RunResult & { report: Report }> {
  const r = await lab.cli(['status', '--json', ...args], { env: env() });
  expect(r.stderr).toBe('');
  return { ...r, report: JSON.parse(r.stdout) as Report };
}

const failing = (report: Report) => report.checks.filter((c) => c.status === 'fail');

/** Writes DIR/faults.json and waits until the lab has taken it. */
async function setFaults(faults: Record<string, unknown>): Promise<void> {
  const seen = lab.output().split('faults now:').length;
  writeFileSync(join(lab.dir, 'faults.json'), JSON.stringify(faults));
  await poll(
    async () => lab.output().split('faults now:').length > seen,
    'the lab to take the faults',
  );
}

/** Runs `status` until `done` holds for its report (faults take a moment to show). */
async function statusUntil(done: (report: Report) => boolean, what: string) {
  let last: Awaited<ReturnType<typeof status>> | undefined;
  await poll(
    async () => {
      last = await status();
      return done(last.report);
    },
    what,
    60_000,
  ).catch((error: Error) => {
    throw new Error(
      `${error.message}; last report:\n${JSON.stringify(
        last?.report.checks.filter((c) => c.status !== 'pass'),
        null,
        2,
      )}`,
    );
  });
  return last!;
}

beforeAll(async () => {
  lab = await startLab([], '0');
  fx = await installFixture(lab.dir);
  const installed = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], {
    env: env(),
  });
  expect(installed.code, installed.stdout.slice(-1500)).toBe(0);
}, 120_000);

afterAll(async () => {
  await lab.stop();
});

let healthy: Promise<Awaited<ReturnType<typeof status>> & { mutated: unknown[] }> | undefined;

/** One `status --json` on the healthy install and the mutating calls it made: two tests read it. */
function healthyStatus() {
  healthy ??= (async () => {
    const before = mutations(lab.audit()).length;
    const r = await status();
    return { ...r, mutated: mutations(lab.audit()).slice(before) };
  })();
  return healthy;
}

describe('status on a healthy lab install', () => {
  it('passes every check, and changes nothing', async () => {
    const r = await healthyStatus();
    expect(r.code).toBe(0);
    expect(r.report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(r.report.summary).toEqual({ pass: 24, warn: 0, fail: 0, skip: 0 });
    expect(r.mutated).toEqual([]);
  });

  it('--json: the target, when, and {id, status, message, remedy} for each check', async () => {
    const { report } = await healthyStatus();
    expect(report.target).toEqual({
      session: expect.stringMatching(/^\d{8}-\d{6}-czpksrancher05$/),
      cluster: 'czpksrancher05',
      hostname: 'rancher.lab.test',
    });
    expect(new Date(report.checkedAt).toISOString()).toBe(report.checkedAt);
    for (const check of report.checks) {
      expect(Object.keys(check).sort()).toEqual(['id', 'message', 'remedy', 'status']);
      expect(check.message).not.toBe('');
    }
    expect(report.checks.map((c) => c.id)).toEqual([
      'pks.login',
      'pks.cluster',
      'k8s.reachable',
      'k8s.nodes',
      'rancher.release',
      'rancher.pods',
      'rancher.spread',
      'rancher.server-url',
      'rancher.local-cluster',
      'rancher.cacerts',
      'ingress.release',
      'ingress.pods',
      'ingress.vip',
      'ingress.pool',
      'dns.cluster',
      'dns.rancher',
      'tls.served',
      'tls.expiry',
      'https.ping',
      'https.healthz',
      'nsx.namespaces',
      'nsx.virtual-servers',
      'currency.rancher',
      'currency.ingress',
    ]);
  });

  it('prints lines without a terminal, and checks the install an answers file describes', async () => {
    const r = await lab.cli(['status', '--answers', fx.answersFile], { env: env() });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      `answers ${fx.answersFile}: cluster czpksrancher05, https://rancher.lab.test`,
    );
    expect(lines[1]).toBe('PASS pks.login: the PKS CLI is logged in');
    expect(lines.at(-1)).toBe('status: 24 pass, 0 warn, 0 fail, 0 skip');
  });

  it('refuses bad input with one line and exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['status', 'nope-1'], /^ID: no session "nope-1"; list them with/],
      [
        ['status', 'x', '--answers', fx.answersFile],
        /^--answers: both a session \(x\) and an answers file/,
      ],
      [['status', '--watch'], /^--watch: needs a terminal/],
      [['status', '--interval', '1'], /^--interval: "1" is not a number of seconds from 2 to 3600/],
      [['status', '--json', '--watch'], /^--watch: a dashboard is not JSON/],
    ];
    for (const [argv, wanted] of cases) {
      const r = await lab.cli(argv, { env: env() });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(wanted);
    }
    const none = await lab.cli(['status'], {
      env: { RANCHER_PKS_TUI_HOME: join(lab.dir, 'empty-home') },
    });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^ID: no finished install to check; .*--answers FILE/);
  });
});

interface FaultCase {
  name: string;
  faults: () => Record<string, unknown>;
  check: string;
  message: RegExp;
  remedy: RegExp;
  /** Puts back what clearing the fault does not (a failed release stays failed). */
  after?: () => Promise<void>;
}

const cases: FaultCase[] = [
  {
    name: 'DNS record wrong',
    faults: () => ({ dnsWrongIp: '10.9.9.9' }),
    check: 'dns.rancher',
    message:
      /rancher\.lab\.test does not resolve to the virtual server 127\.\d+\.1\.\d+: .* answers 10\.9\.9\.9/,
    remedy: /the record rancher\.lab\.test points at 10\.9\.9\.9; change it to 127\./,
  },
  {
    name: 'certificate near expiry',
    faults: () => ({
      tlsCertExpiring: { days: 3, caCert: 'certs/cacerts.pem', caKey: 'certs/ca.key' },
    }),
    check: 'tls.expiry',
    message: /the server certificate expires in [23] days/,
    remedy: /renew it now/,
  },
  {
    name: 'certificate replaced',
    faults: () => ({ tlsCertReplaced: true }),
    check: 'tls.served',
    message:
      /issued by "CN=Another Issuing CA", which does not verify against tls\.caCerts: .*x509: certificate signed by unknown authority/,
    remedy: /no longer holds tls\.cert .* create secret tls tls-rancher-ingress/,
  },
  {
    name: 'CA secret changed without a restart',
    faults: () => ({ caSecretChanged: true }),
    check: 'rancher.cacerts',
    message: /tls-ca changed since Rancher's pods started/,
    remedy: /kubectl -n cattle-system rollout restart deploy\/rancher/,
  },
  {
    name: 'VIP lost',
    faults: () => ({ vipLost: true }),
    check: 'ingress.vip',
    message:
      /nothing answers at 127\.\d+\.1\.\d+:\d+, the virtual server of cattle-system\/traefik/,
    remedy: /NSX-T lost the virtual server/,
  },
  {
    name: 'Helm release failed',
    faults: () => ({ releaseFailed: 'rancher' }),
    check: 'rancher.release',
    message:
      /rancher-[\d.]+ revision 2 is failed: Upgrade "rancher" failed: context deadline exceeded/,
    remedy: /helm -n cattle-system rollback rancher 1/,
    after: async () => {
      const r = await lab.run(['helm', 'rollback', 'rancher', '1', '-n', 'cattle-system']);
      expect(r.code, r.stderr).toBe(0);
    },
  },
  // Last: the restarts it leaves make rancher.pods warn for an hour.
  {
    name: 'pod down',
    faults: () => ({ podDown: true }),
    check: 'rancher.pods',
    message:
      /2\/3 Rancher pods ready: rancher-\S+ on \S+: CrashLoopBackOff, \d+ restarts?, last OOMKilled \(exit 137\)/,
    remedy: /runs out of memory \(OOMKilled\)/,
  },
];

describe('each fault the lab injects fails its own check, with a remedy', () => {
  for (const c of cases) {
    it(
      c.name,
      async () => {
        await setFaults(c.faults());
        // Until it fails as the fault says: a crash-looping pod is, between two restarts,
        // briefly "not ready" rather than CrashLoopBackOff (a loaded machine saw that).
        const { code, report } = await statusUntil(
          (r) => failing(r).some((x) => x.id === c.check && c.message.test(x.message)),
          `${c.check} to fail with ${String(c.message)}`,
        );
        expect(code).toBe(1);
        expect(failing(report).map((x) => x.id)).toEqual([c.check]);
        const found = report.checks.find((x) => x.id === c.check)!;
        expect(found.message).toMatch(c.message);
        expect(found.remedy).toMatch(c.remedy);
        await setFaults({});
        await c.after?.();
        await statusUntil((r) => failing(r).length === 0, 'every check to pass again');
      },
      180_000,
    );
  }
});

describe('status --watch in a real terminal', () => {
  it('re-checks, and shows the check that flips, what it was, and when', async () => {
    const tmux = TmuxSession.start(cliInLab(lab.dir, ['status', '--watch', '--interval', '2']), {
      columns: 100,
      rows: 30,
      env: env(),
    });
    try {
      const first = await tmux.waitFor(/none since the first check at \d\d:\d\d:\d\d/);
      expect(first).toMatch(
        /status --watch\s+session \d{8}-\d{6}-czpksrancher05: cluster czpksrancher05/,
      );
      expect(first).toMatch(/every 2 s, next in \d+ s|checking again/);
      await setFaults({ dnsWrongIp: '10.9.9.9' });
      const flipped = await tmux.waitFor(/changed \d\d:\d\d:\d\d, was ✓ pass/);
      const at = /changed (\d\d:\d\d:\d\d), was ✓ pass/.exec(flipped)![1]!;
      expect(flipped).toMatch(/✗ dns\.rancher\s+rancher\.lab\.test does not resolve/);
      expect(flipped).toMatch(
        /→ the record rancher\.lab\.test points at 10\.9\.9\.9; change it to 127\./,
      );
      expect(flipped).toMatch(new RegExp(`${at}\\s+dns\\.rancher\\s+✓ pass → ✗ fail`));
      for (const line of flipped.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
      await setFaults({});
      await tmux.waitFor(/dns\.rancher\s+✗ fail → ✓ pass/);
      tmux.keys('q');
      expect(await tmux.waitFor(/EXIT=\d+/)).toContain('EXIT=0');
    } finally {
      tmux.kill();
    }
  }, 120_000);
});
