import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createCa, issueCert, type Issued } from '../../source/lab/pki.js';
import { installFixture, type InstallFixture } from '../helpers/install-fixture.js';
import { startLab, type LabProcess, type RunResult } from '../helpers/lab-process.js';

// The preflight issue's "must show", through the built CLI against a lab process.
let lab: LabProcess;
let fx: InstallFixture;
let root: Issued;
/** The server certificate the variants use, issued by `root`. */
let server: Issued;
const day = 24 * 60 * 60 * 1000;

interface JsonReport {
  checks: { id: string; status: string; message: string; remedy: string }[];
  summary: Record<'pass' | 'warn' | 'fail' | 'skip', number>;
}

function mutations(entries: Record<string, unknown>[]): Record<string, unknown>[] {
  return entries.filter((e) => e.kind === 'api' || e.mutating === true);
}

async function preflight(...args: string[]): Promise<RunResult & { report: JsonReport }> {
  const r = await lab.cli(['preflight', '--json', ...args]);
  return { ...r, report: JSON.parse(r.stdout || '{}') as JsonReport };
}

function check(report: JsonReport, id: string) {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id} in ${report.checks.map((c) => c.id).join(', ')}`);
  return found;
}

interface Variant {
  pks?: Record<string, unknown>;
  rancher?: Record<string, unknown>;
  files?: { cert?: string | Buffer; key?: string | Buffer; caCerts?: string | Buffer };
  caName?: string;
}

/** An answers file like the fixture's, in its own folder, with the given changes. */
function variant(name: string, change: Variant): string {
  const dir = join(fx.certsDir, name);
  mkdirSync(dir, { recursive: true });
  const caName = change.caName ?? 'cacerts.pem';
  const files = {
    cert: server.certPem,
    key: server.keyPem,
    caCerts: root.certPem,
    ...change.files,
  };
  writeFileSync(join(dir, 'server.pem'), files.cert);
  writeFileSync(join(dir, 'server.key'), files.key, { mode: 0o600 });
  writeFileSync(join(dir, caName), files.caCerts);
  const file = join(dir, 'answers.yaml');
  writeFileSync(
    file,
    stringify({
      pks: {
        cli: 'pks',
        plan: 'rancher',
        cluster: fx.cluster,
        externalHostname: `${fx.cluster}.lab.test`,
        lbSize: 'medium',
        ...change.pks,
      },
      rancher: { hostname: fx.hostname, ...change.rancher },
      tls: { cert: './server.pem', key: './server.key', caCerts: `./${caName}` },
    }),
  );
  return file;
}

beforeAll(async () => {
  lab = await startLab([], '0');
  fx = await installFixture(lab.dir);
  // The fixture's CA key is not kept: the variants get a CA and server pair of their own.
  root = await createCa({ commonName: 'Preflight Root CA' });
  server = await issueCert(root, { commonName: fx.hostname, dnsNames: [fx.hostname] });
});

afterAll(async () => {
  await lab.stop();
});

describe('preflight before the cluster exists', () => {
  it('passes good answers, skips the cluster checks, and exits 0', async () => {
    const r = await preflight('--answers', fx.answersFile);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const failing = r.report.checks.filter((c) => c.status === 'fail');
    expect(failing).toEqual([]);
    for (const id of [
      'tools.pks',
      'tools.helm',
      'pks.login',
      'pks.plan-exists',
      'pks.plan-ha',
      'pks.plan-privileged',
      'pks.network-profile',
      'pks.cluster',
      'config.hostnames',
      'hostnames.distinct',
      'tls.files',
      'tls.cacerts-name',
      'tls.pem',
      'tls.key-match',
      'tls.key-encrypted',
      'tls.hostname',
      'tls.validity',
      'tls.chain',
      'tls.ca-only',
      'dns.cluster',
      'dns.rancher',
    ])
      expect(check(r.report, id).status, id).toBe('pass');
    for (const id of ['k8s.reachable', 'k8s.version', 'k8s.existing', 'nsx.namespaces'])
      expect(check(r.report, id).status, id).toBe('skip');
  });

  it('prints the --json shape: checks with id, status, message, remedy, and a summary', async () => {
    const r = await preflight('--answers', fx.answersFile);
    expect(Object.keys(r.report).sort()).toEqual(['checks', 'summary']);
    for (const c of r.report.checks)
      expect(Object.keys(c).sort()).toEqual(['id', 'message', 'remedy', 'status']);
    const counted = { pass: 0, warn: 0, fail: 0, skip: 0 };
    for (const c of r.report.checks) counted[c.status as keyof typeof counted] += 1;
    expect(r.report.summary).toEqual(counted);
  });

  it('prints plain lines without a terminal', async () => {
    const r = await lab.cli(['preflight', '--answers', fx.answersFile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^PASS tools\.pks: pks /m);
    expect(r.stdout).toMatch(/^SKIP k8s\.reachable: not checked: the cluster does not exist yet$/m);
    expect(r.stdout).toMatch(/^preflight: \d+ pass, 0 warn, 0 fail, \d+ skip$/m);
  });

  it('makes no change', async () => {
    const before = lab.audit().length;
    await preflight('--answers', fx.answersFile);
    const after = lab.audit().slice(before);
    expect(after.some((e) => e.kind === 'cli')).toBe(true); // it did ask pks and helm
    expect(mutations(after)).toEqual([]);
  });
});

describe('each bad case fails its own check with a remedy (exit 1)', () => {
  const cases: [string, () => Promise<Variant>, string][] = [
    ['CA file not named cacerts.pem', async () => ({ caName: 'ca.pem' }), 'tls.cacerts-name'],
    [
      'key of another certificate',
      async () => {
        const other = await issueCert(root, { commonName: fx.hostname, dnsNames: [fx.hostname] });
        return { files: { key: other.keyPem } };
      },
      'tls.key-match',
    ],
    [
      'expired certificate',
      async () => {
        const old = await issueCert(root, {
          commonName: fx.hostname,
          dnsNames: [fx.hostname],
          notBefore: new Date(Date.now() - 400 * day),
          notAfter: new Date(Date.now() - day),
        });
        return { files: { cert: old.certPem, key: old.keyPem } };
      },
      'tls.validity',
    ],
    [
      'certificate for another hostname',
      async () => {
        const other = await issueCert(root, {
          commonName: 'other.lab.test',
          dnsNames: ['other.lab.test'],
        });
        return { files: { cert: other.certPem, key: other.keyPem } };
      },
      'tls.hostname',
    ],
    [
      'certificate signed by another CA',
      async () => {
        const otherRoot = await createCa({ commonName: 'Another Root CA' });
        const foreign = await issueCert(otherRoot, {
          commonName: fx.hostname,
          dnsNames: [fx.hostname],
        });
        return { files: { cert: foreign.certPem, key: foreign.keyPem } };
      },
      'tls.chain',
    ],
    [
      'DER CA file',
      async () => ({ files: { caCerts: new X509Certificate(root.certPem).raw } }),
      'tls.pem',
    ],
    [
      'intermediate missing',
      async () => {
        const intermediate = await issueCert(root, { commonName: 'Issuing CA', isCa: true });
        const leaf = await issueCert(intermediate, {
          commonName: fx.hostname,
          dnsNames: [fx.hostname],
        });
        return { files: { cert: leaf.certPem, key: leaf.keyPem } };
      },
      'tls.chain',
    ],
    [
      'encrypted key',
      async () => ({
        files: {
          key: createPrivateKey(server.keyPem)
            .export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'x' })
            .toString(),
        },
      }),
      'tls.key-encrypted',
    ],
    [
      'the two hostnames equal',
      async () => ({ pks: { externalHostname: fx.hostname } }),
      'hostnames.distinct',
    ],
    ['a plan with one master', async () => ({ pks: { plan: 'dev-small' } }), 'pks.plan-ha'],
    ['lb size huge', async () => ({ pks: { lbSize: 'huge' } }), 'pks.network-profile'],
  ];

  const named = cases.map(([name, make, id]) => ({ name, make, id }));
  it.each(named)('$name → $id', async ({ name, make, id }) => {
    const file = variant(name.replace(/\W+/g, '-'), await make());
    const r = await preflight('--answers', file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const result = check(r.report, id);
    expect(result.status).toBe('fail');
    expect(result.message).not.toBe('');
    expect(result.remedy).not.toBe('');
  });

  it('shows the answers problem beside the live checks (lb size huge names the field)', async () => {
    const r = await preflight('--answers', variant('huge-again', { pks: { lbSize: 'huge' } }));
    expect(check(r.report, 'pks.network-profile')).toMatchObject({
      message: 'pks.lbSize: "huge" is not a load-balancer size',
      remedy: 'use small, medium or large',
    });
    expect(check(r.report, 'pks.login').status).toBe('pass');
  });
});

describe('bad input exits 2 with one line naming the problem', () => {
  it('no answers file', async () => {
    const r = await lab.cli(['preflight', '--answers', join(lab.dir, 'nope.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('file not found');
  });

  it('YAML syntax error', async () => {
    const file = join(lab.dir, 'broken.yaml');
    writeFileSync(file, 'pks: [unclosed\n');
    const r = await lab.cli(['preflight', '--answers', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not valid YAML');
  });

  it('an unknown key', async () => {
    const file = variant('unknown-key', { rancher: { hostnmae: 'x.lab.test' } });
    const r = await lab.cli(['preflight', '--answers', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^rancher\.hostnmae: unknown key; did you mean hostname\?/);
  });

  it('a bad --pod-ip-block-prefix', async () => {
    const r = await lab.cli([
      'preflight',
      '--answers',
      fx.answersFile,
      '--pod-ip-block-prefix',
      '40',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--pod-ip-block-prefix');
  });
});

describe('preflight after an install', () => {
  beforeAll(async () => {
    // A platform team's profile: /27 per namespace from two pod IP blocks (TKGI docs' example).
    const profile = join(lab.dir, 'lb-medium.json');
    writeFileSync(
      profile,
      JSON.stringify({
        name: 'lb-medium',
        description: 'medium LB, small pod subnets',
        parameters: { lb_size: 'medium', pod_subnet_prefix: 27, pod_ip_block_ids: ['b1', 'b2'] },
      }),
    );
    expect((await lab.run(['pks', 'create-network-profile', profile])).code).toBe(0);
    const r = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], {
      env: {
        RANCHER_PKS_TUI_HOME: fx.home,
        RANCHER_BOOTSTRAP_PASSWORD: 'bootstrap-Pa55-preflight',
      },
    });
    expect(r.code).toBe(0);
  }, 300_000);

  it('runs the cluster checks; k8s.existing shows the releases', async () => {
    const r = await preflight('--answers', fx.answersFile, '--pod-ip-block-prefix', '20');
    expect(r.code).toBe(0);
    expect(check(r.report, 'k8s.reachable').status).toBe('pass');
    expect(check(r.report, 'k8s.version')).toMatchObject({ status: 'pass' });
    expect(check(r.report, 'k8s.version').message).toContain('v1.31.4');
    const existing = check(r.report, 'k8s.existing');
    expect(existing.status).toBe('pass');
    expect(existing.message).toContain('rancher release deployed');
    expect(existing.message).toContain('traefik release deployed');
    expect(check(r.report, 'nsx.namespaces').message).toMatch(
      /of the 256 \/27 subnets of the 2 \/20 pod IP blocks \(per network profile lb-medium\)/,
    );
    expect(check(r.report, 'dns.cluster').message).toContain('resolves to the master IP');
    expect(check(r.report, 'dns.rancher').message).toContain('resolves to the ingress IP');
  });

  it('warns when what is installed differs from the answers', async () => {
    const file = variant('other-hostname', { rancher: { hostname: 'rancher2.lab.test' } });
    const r = await preflight('--answers', file);
    const existing = check(r.report, 'k8s.existing');
    expect(existing.status).toBe('warn');
    expect(existing.message).toMatch(
      /rancher release deployed \(rancher-[\d.]+\) with hostname rancher\.lab\.test \(answers: rancher2\.lab\.test\)/,
    );
  });

  it('makes no change against an installed cluster either', async () => {
    const before = lab.audit().length;
    await preflight('--answers', fx.answersFile);
    expect(mutations(lab.audit().slice(before))).toEqual([]);
  });
});
