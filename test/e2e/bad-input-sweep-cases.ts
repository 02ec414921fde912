import { execFileSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { stringify } from 'yaml';
import { createCa, issueCert, type Issued } from '../../source/lab/pki.js';
import { installFixture, type InstallFixture } from '../helpers/install-fixture.js';
import { cliPath, startLab, type LabProcess, type RunResult } from '../helpers/lab-process.js';

/**
 * The cases of the issue's sweep (bad-input-sweep.test.ts and bad-input-sweep-2.test.ts each
 * run half of them, in a lab of their own, so two workers share the sweep): over a hundred
 * bad inputs through the real CLI. Bad input is exit 2
 * with one line; a failing check is exit 1 with "nothing was changed"; never a stack trace,
 * never a word of a key, and never a mutating lab call before the first failing check.
 */

let lab: LabProcess;
let fx: InstallFixture;
let root: Issued;
let server: Issued;
const day = 24 * 60 * 60 * 1000;

type Expect = 'input' | 'check';

export interface Case {
  name: string;
  expect: Expect;
  /** The CLI's argv, made once the fixtures exist. */
  argv: () => string[] | Promise<string[]>;
  env?: Record<string, string>;
}

interface Answers {
  [key: string]: unknown;
}

/** The fixture's answers as data: the variants change them. */
function goodAnswers(): Answers {
  return {
    pks: {
      cli: 'pks',
      plan: 'rancher',
      cluster: fx.cluster,
      externalHostname: `${fx.cluster}.lab.test`,
      networkProfile: 'lb-medium',
      lbSize: 'medium',
    },
    rancher: { hostname: fx.hostname, replicas: 3 },
    tls: { cert: './server.pem', key: './server.key', caCerts: './cacerts.pem' },
  };
}

let dirs = 0;

interface Files {
  cert?: string | Buffer;
  key?: string | Buffer;
  caCerts?: string | Buffer;
}

/** A folder with the TLS files (good ones unless replaced) and an answers file of `text`. */
function answersDir(text: string | Buffer, files: Files = {}, fileName = 'answers.yaml'): string {
  const dir = join(lab.dir, 'sweep', String(dirs++));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'server.pem'), files.cert ?? server.certPem);
  writeFileSync(join(dir, 'server.key'), files.key ?? server.keyPem, { mode: 0o600 });
  writeFileSync(join(dir, 'cacerts.pem'), files.caCerts ?? root.certPem);
  const file = join(dir, fileName);
  writeFileSync(file, text);
  return file;
}

/** `answers` with the value at `path` set (or removed for `undefined`). */
function changed(path: string, value: unknown, base = goodAnswers()): Answers {
  const parts = path.split('.');
  let node = base;
  for (const part of parts.slice(0, -1)) node = node[part] as Answers;
  const last = parts.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return base;
}

const install = (file: string) => ['install', '--answers', file, '--yes'];
const withAnswer = (path: string, value: unknown) => () =>
  install(answersDir(stringify(changed(path, value))));
const withText = (text: string | Buffer, fileName?: string) => () =>
  install(answersDir(text, {}, fileName));
const withFiles = (files: () => Promise<Files> | Files) => async () =>
  install(answersDir(stringify(goodAnswers()), await files()));

function inputCase(name: string, argv: Case['argv'], env?: Record<string, string>): Case {
  return { name, expect: 'input', argv, ...(env ? { env } : {}) };
}

function checkCase(name: string, argv: Case['argv']): Case {
  return { name, expect: 'check', argv };
}

const long = (n: number) =>
  `${'a'.repeat(60)}.`.repeat(Math.ceil(n / 61)).slice(0, n - 9) + '.lab.test';

export const cases: Case[] = [
  // The command line.
  inputCase('an unknown command', () => ['frobnicate']),
  inputCase('a mistyped command', () => ['instal']),
  inputCase('install without --answers', () => ['install', '--yes']),
  inputCase('--answers without its value', () => ['install', '--answers']),
  inputCase('an unknown option', () => ['install', '--answers', fx.answersFile, '--bogus']),
  inputCase('--demo with --answers', () => ['install', '--demo', '--answers', fx.answersFile]),
  inputCase('install without a terminal and without --yes', () => [
    'install',
    '--answers',
    fx.answersFile,
  ]),
  inputCase('a bad --timescale with --demo', () => ['preflight', '--demo', '--timescale', 'fast']),
  inputCase('resume of a path', () => ['resume', '../../../etc/passwd']),
  inputCase('resume of an id that does not exist', () => ['resume', '20990101-000000-none']),
  inputCase('resume of an upper-case id', () => ['resume', 'UPPER']),
  inputCase('resume of a 200-character id', () => ['resume', 'a'.repeat(200)]),
  inputCase('preflight without --answers', () => ['preflight']),
  inputCase('a pod IP block prefix of 99', () => [
    'preflight',
    '--answers',
    fx.answersFile,
    '--pod-ip-block-prefix',
    '99',
  ]),
  inputCase('a pod IP block prefix that is a word', () => [
    'preflight',
    '--answers',
    fx.answersFile,
    '--pod-ip-block-prefix',
    'x',
  ]),
  inputCase('plan without --answers', () => ['plan']),
  inputCase('sessions with an argument', () => ['sessions', 'extra']),
  inputCase('lab up without --dir', () => ['lab', 'up']),
  inputCase('lab up with Helm 5', () => ['lab', 'up', '--dir', join(lab.dir, 'x'), '--helm', '5']),
  inputCase('lab dns add with a bad IP', () => [
    'lab',
    'dns',
    'add',
    'x.lab.test',
    'no',
    '--dir',
    lab.dir,
  ]),
  inputCase('an unknown lab fault', () => [
    'lab',
    'up',
    '--dir',
    join(lab.dir, 'y'),
    '--fault',
    'meteor',
  ]),

  // The environment.
  inputCase('a wait scale that is a word', () => install(fx.answersFile), {
    RANCHER_PKS_TUI_WAIT_SCALE: 'fast',
  }),
  inputCase('a negative wait scale', () => install(fx.answersFile), {
    RANCHER_PKS_TUI_WAIT_SCALE: '-1',
  }),
  inputCase('an HTTPS port of 70000', () => install(fx.answersFile), {
    RANCHER_PKS_TUI_INGRESS_HTTPS_PORT: '70000',
  }),
  inputCase('an HTTPS port that is a word', () => ['preflight', '--answers', fx.answersFile], {
    RANCHER_PKS_TUI_INGRESS_HTTPS_PORT: 'https',
  }),
  inputCase('DNS servers that are not IPs', () => install(fx.answersFile), {
    RANCHER_PKS_TUI_DNS_SERVERS: 'dns.example.com',
  }),
  inputCase('a DNS server port out of range', () => install(fx.answersFile), {
    RANCHER_PKS_TUI_DNS_SERVERS: '127.0.0.1:99999',
  }),

  // The answers file itself.
  inputCase('an answers file that does not exist', () => install(join(lab.dir, 'nope.yaml'))),
  inputCase('an answers file that is a folder', () => install(lab.dir)),
  inputCase('an answers file that is a FIFO', () => {
    const fifo = join(lab.dir, `answers-${dirs++}.fifo`);
    execFileSync('mkfifo', [fifo]);
    return install(fifo);
  }),
  inputCase('/dev/zero as the answers file', () => install('/dev/zero')),
  inputCase('a 2 MiB answers file', withText('pks: '.padEnd(2 * 1024 * 1024, 'x'))),
  inputCase('binary garbage', withText(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x00, 0x01]))),
  inputCase('a private key as the answers file', () => install(join(fx.certsDir, 'rancher.key'))),
  inputCase('an empty answers file', withText('')),
  inputCase('only comments', withText('# nothing here\n')),
  inputCase('a YAML syntax error', withText('pks:\n  plan: rancher\n   cluster: x\n')),
  inputCase('a JSON syntax error', withText('{"pks": {"plan": "rancher",}}', 'answers.json')),
  inputCase('a YAML alias bomb', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const [prev, next] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
      lines.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    return install(answersDir(lines.join('\n')));
  }),
  inputCase('a plain string', withText('rancher please\n')),
  inputCase('a list', withText('- pks\n- rancher\n')),
  inputCase('a number', withText('42\n')),
  inputCase('no pks section', withAnswer('pks', undefined)),
  inputCase('no rancher section', withAnswer('rancher', undefined)),
  inputCase('no tls section', withAnswer('tls', undefined)),
  inputCase('pks as a list', withAnswer('pks', ['rancher'])),
  inputCase('an unknown section', withAnswer('extras', { a: 1 })),
  inputCase('a typo in a key', withAnswer('pks.lbsize', 'medium')),
  inputCase('a password in the file', withAnswer('rancher.bootstrapPassword', 'hunter2-nope')),
  inputCase('no plan', withAnswer('pks.plan', undefined)),
  inputCase('an empty plan', withAnswer('pks.plan', '')),
  inputCase('a plan that is a number', withAnswer('pks.plan', 3)),
  inputCase('a cluster name starting with a digit', withAnswer('pks.cluster', '9lives')),
  inputCase('a cluster name with a dot', withAnswer('pks.cluster', 'my.cluster')),
  inputCase('no external hostname', withAnswer('pks.externalHostname', undefined)),
  inputCase(
    'an external hostname that is a URL',
    withAnswer('pks.externalHostname', 'https://api.lab.test/'),
  ),
  inputCase(
    'an external hostname with a port',
    withAnswer('pks.externalHostname', 'api.lab.test:8443'),
  ),
  inputCase(
    'an external hostname of 300 characters',
    withAnswer('pks.externalHostname', long(300)),
  ),
  inputCase(
    'a 70-character label',
    withAnswer('pks.externalHostname', `${'x'.repeat(70)}.lab.test`),
  ),
  inputCase('an underscore in a hostname', withAnswer('pks.externalHostname', 'api_x.lab.test')),
  inputCase('an LB size of huge', withAnswer('pks.lbSize', 'huge')),
  inputCase('a CLI that is not pks', withAnswer('pks.cli', 'kubectl')),
  inputCase('a network profile with a slash', withAnswer('pks.networkProfile', 'lb/medium')),
  inputCase('zero workers', withAnswer('pks.workers', 0)),
  inputCase('2.5 workers', withAnswer('pks.workers', 2.5)),
  inputCase('workers as a word', withAnswer('pks.workers', 'three')),
  inputCase('a PKS CA path that is a number', withAnswer('pks.caCert', 42)),
  inputCase('a Rancher hostname that is an IP', withAnswer('rancher.hostname', '10.0.0.5')),
  inputCase('a Rancher hostname without dots', withAnswer('rancher.hostname', 'rancher')),
  inputCase('the same hostname twice', () =>
    install(answersDir(stringify(changed('rancher.hostname', `${fx.cluster}.lab.test`)))),
  ),
  inputCase('a double trailing dot', withAnswer('rancher.hostname', 'rancher.lab.test..')),
  inputCase('a Rancher hostname of 254 characters', withAnswer('rancher.hostname', long(254))),
  inputCase('zero replicas', withAnswer('rancher.replicas', 0)),
  inputCase('negative replicas', withAnswer('rancher.replicas', -1)),
  inputCase('replicas as a word', withAnswer('rancher.replicas', 'three')),
  inputCase('1.5 replicas', withAnswer('rancher.replicas', 1.5)),
  inputCase('an FTP chart repository', withAnswer('rancher.chartRepo', 'ftp://charts.lab.test/')),
  inputCase('a chart repository that is not a URL', withAnswer('rancher.chartRepo', 'not a url')),
  inputCase('a chart version YAML reads as a number', () =>
    install(
      answersDir(
        stringify(goodAnswers()).replace('replicas: 3', 'replicas: 3\n  chartVersion: 2.8'),
      ),
    ),
  ),
  inputCase('a chart version with a space', withAnswer('rancher.chartVersion', '2.9 3')),
  inputCase('a CA file not named cacerts.pem', withAnswer('tls.caCerts', './ca.pem')),
  inputCase('no certificate', withAnswer('tls.cert', undefined)),
  inputCase('an empty key path', withAnswer('tls.key', '')),
  inputCase('a certificate path that is a number', withAnswer('tls.cert', 7)),
  inputCase('DNS servers as a word', withAnswer('dns', { servers: 'x' })),
  inputCase('a DNS server that is a name', withAnswer('dns', { servers: ['not-an-ip'] })),
  inputCase('a DNS server on port 0', withAnswer('dns', { servers: ['127.0.0.1:0'] })),
  inputCase('an unknown top-level key', withAnswer('extra', 1)),

  // Files and systems the preflight judges: nothing may change before it has.
  checkCase(
    'the key of another certificate',
    withFiles(async () => {
      const other = await issueCert(root, { commonName: fx.hostname, dnsNames: [fx.hostname] });
      return { key: other.keyPem };
    }),
  ),
  checkCase(
    'an expired certificate',
    withFiles(async () => {
      const old = await issueCert(root, {
        commonName: fx.hostname,
        dnsNames: [fx.hostname],
        notBefore: new Date(Date.now() - 400 * day),
        notAfter: new Date(Date.now() - day),
      });
      return { cert: old.certPem, key: old.keyPem };
    }),
  ),
  checkCase(
    'a certificate not valid yet',
    withFiles(async () => {
      const early = await issueCert(root, {
        commonName: fx.hostname,
        dnsNames: [fx.hostname],
        notBefore: new Date(Date.now() + 10 * day),
        notAfter: new Date(Date.now() + 400 * day),
      });
      return { cert: early.certPem, key: early.keyPem };
    }),
  ),
  checkCase(
    'a certificate for another host',
    withFiles(async () => {
      const other = await issueCert(root, {
        commonName: 'other.lab.test',
        dnsNames: ['other.lab.test'],
      });
      return { cert: other.certPem, key: other.keyPem };
    }),
  ),
  checkCase(
    'a certificate signed by another CA',
    withFiles(async () => {
      const otherRoot = await createCa({ commonName: 'Another Root CA' });
      const foreign = await issueCert(otherRoot, {
        commonName: fx.hostname,
        dnsNames: [fx.hostname],
      });
      return { cert: foreign.certPem, key: foreign.keyPem };
    }),
  ),
  checkCase(
    'a DER CA file',
    withFiles(() => ({ caCerts: new X509Certificate(root.certPem).raw })),
  ),
  checkCase(
    'a missing intermediate',
    withFiles(async () => {
      const issuing = await issueCert(root, { commonName: 'Issuing CA', isCa: true });
      const leaf = await issueCert(issuing, { commonName: fx.hostname, dnsNames: [fx.hostname] });
      return { cert: leaf.certPem, key: leaf.keyPem };
    }),
  ),
  checkCase(
    'an encrypted key',
    withFiles(() => ({
      key: createPrivateKey(server.keyPem)
        .export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'x' })
        .toString(),
    })),
  ),
  checkCase(
    'an issuer that is not a CA',
    withFiles(async () => {
      const notCa = await issueCert(root, { commonName: 'Web Server' });
      const leaf = await issueCert(notCa, { commonName: fx.hostname, dnsNames: [fx.hostname] });
      return { cert: leaf.certPem + notCa.certPem, key: leaf.keyPem };
    }),
  ),
  checkCase(
    'a CA file that holds a key too',
    withFiles(() => ({ caCerts: root.certPem + root.keyPem })),
  ),
  checkCase(
    'a certificate file with 300 KiB of junk after it',
    withFiles(() => ({
      cert: server.certPem + 'x'.repeat(300 * 1024),
    })),
  ),
  checkCase('a certificate file that is a FIFO', async () => {
    const file = answersDir(stringify(changed('tls.cert', './cert.fifo')));
    execFileSync('mkfifo', [join(file, '..', 'cert.fifo')]);
    return install(file);
  }),
  checkCase('a key path that is a folder', withAnswer('tls.key', '.')),
  checkCase('a certificate file that does not exist', withAnswer('tls.cert', './missing.pem')),
  checkCase('a plan that does not exist', withAnswer('pks.plan', 'nope')),
  checkCase('a plan with one master', withAnswer('pks.plan', 'dev-small')),
  checkCase('a plan without Allow Privileged', withAnswer('pks.plan', 'small-ha')),
  checkCase('more workers than the plan allows', withAnswer('pks.workers', 11)),
  checkCase(
    'a warning nobody accepted (4 replicas on 3 workers)',
    withAnswer('rancher.replicas', 4),
  ),
  checkCase('an accepted warning does not cover another', async () => [
    ...install(answersDir(stringify(changed('rancher.replicas', 4)))),
    '--accept-warnings=dns.rancher',
  ]),
];

/** Starts the sweep's lab and makes its fixtures (certificates, answers). */
export async function startSweepLab(): Promise<void> {
  lab = await startLab([], '0');
  fx = await installFixture(lab.dir);
  root = await createCa({ commonName: 'Sweep Root CA' });
  server = await issueCert(root, { commonName: fx.hostname, dnsNames: [fx.hostname] });
}

export async function stopSweepLab(): Promise<void> {
  await lab.stop();
}

function mutations(entries: Record<string, unknown>[]): number {
  return entries.filter((e) => e.kind === 'api' || e.mutating === true).length;
}

const stackTrace = /^\s+at .+:\d+:\d+\)?$/m;

function judge(c: Case, r: RunResult, keyBodies: string[]): void {
  const all = `${r.stdout}\n${r.stderr}`;
  expect(all, c.name).not.toMatch(stackTrace);
  expect(all, c.name).not.toMatch(/TypeError|ReferenceError|SyntaxError: /);
  for (const body of keyBodies) expect(all, c.name).not.toContain(body);
  if (c.expect === 'input') {
    expect(r.code, `${c.name}: ${all}`).toBe(2);
    expect(r.stderr.trim().split('\n'), `${c.name}: ${r.stderr}`).toHaveLength(1);
    expect(r.stdout, c.name).not.toContain('starting session');
  } else {
    expect(r.code, `${c.name}: ${all}`).toBe(1);
    expect(r.stdout, c.name).toMatch(/^nothing was changed: /m);
  }
}

/** Runs one case through the real CLI in the lab's shell and judges what it did. */
export async function runCase(c: Case): Promise<void> {
  const before = mutations(lab.audit());
  const fixtureKey = readFileSync(join(fx.certsDir, 'rancher.key'), 'utf8');
  const keyBodies = [server.keyPem, fixtureKey].map((pem) => pem.split('\n')[1]!);
  // `env` runs after the lab's env.sh, so these values win over the lab's own.
  const vars = Object.entries(c.env ?? {}).map(([k, v]) => `${k}=${v}`);
  const r = await lab.run(['env', ...vars, process.execPath, cliPath, ...(await c.argv())], {
    env: { RANCHER_PKS_TUI_HOME: join(lab.dir, 'home') },
    timeoutMs: 60_000,
  });
  judge(c, r, keyBodies);
  expect(mutations(lab.audit()) - before, `${c.name}: mutating calls`).toBe(0);
}
