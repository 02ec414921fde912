import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../source/config/errors.js';
import { loadAnswers, loadAnswersForReview } from '../../source/config/load-answers.js';
import { noEnv, walkthroughAnswers } from './answers-fixtures.js';

const yamlAnswers = `# answers for the walkthrough's install
pks:
  cli: pks
  plan: rancher
  cluster: czpksrancher05
  externalHostname: czpksrancher05.sovsystems.com
  networkProfile: lb-medium
  lbSize: medium
rancher:
  hostname: czrancherblog.sovsystems.com
  replicas: 3
  chartRepo: https://releases.rancher.com/server-charts/stable
  chartVersion: ""
tls:
  cert: ./czrancherblog.cer
  key: ./czrancherblog.key
  caCerts: ./cacerts.pem
dns:
  servers: []
`;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'answers-test-'));
  await mkdir(join(dir, 'site'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadAnswers', () => {
  it('reads YAML and resolves TLS paths against the file’s folder', async () => {
    const file = await write('site/answers.yaml', yamlAnswers);
    const config = loadAnswers(file, noEnv);
    expect(config.pks).toEqual({
      cli: 'pks',
      plan: 'rancher',
      cluster: 'czpksrancher05',
      externalHostname: 'czpksrancher05.sovsystems.com',
      networkProfile: 'lb-medium',
      lbSize: 'medium',
    });
    expect(config.tls).toEqual({
      cert: join(dir, 'site', 'czrancherblog.cer'),
      key: join(dir, 'site', 'czrancherblog.key'),
      caCerts: join(dir, 'site', 'cacerts.pem'),
    });
  });

  it('reads JSON', async () => {
    const file = await write('site/answers.json', JSON.stringify(walkthroughAnswers(), null, 2));
    const config = loadAnswers(file, noEnv);
    expect(config.rancher.hostname).toBe('czrancherblog.sovsystems.com');
    expect(config.tls.caCerts).toBe(join(dir, 'site', 'cacerts.pem'));
  });

  it('applies the DNS servers from the environment', async () => {
    const file = await write('env.yaml', yamlAnswers);
    expect(loadAnswers(file, { RANCHER_PKS_TUI_DNS_SERVERS: '127.0.0.1:53' }).dns.servers).toEqual([
      '127.0.0.1:53',
    ]);
  });

  it('names a missing file in one line', () => {
    const file = join(dir, 'nope.yaml');
    const error = errorOf(() => loadAnswers(file, noEnv));
    expect(error.message).toBe(
      `${file}: file not found; check the path (relative paths start from the current folder)`,
    );
    expect(error.problems).toHaveLength(1);
    expect(error.file).toBe(file);
  });

  it('names a folder given as the file', () => {
    expect(errorOf(() => loadAnswers(dir, noEnv)).message).toContain('is a folder');
  });

  it('gives the line and column of a YAML error', async () => {
    const file = await write('bad.yaml', 'pks:\n  plan: rancher\n cluster: x\n');
    const error = errorOf(() => loadAnswers(file, noEnv));
    expect(error.message).toMatch(new RegExp(`^${file}:3:\\d+: not valid YAML \\(`));
    expect(error.problems).toHaveLength(1);
  });

  it('refuses duplicate YAML keys', async () => {
    const file = await write('dup.yaml', 'pks:\n  plan: a\n  plan: b\n');
    expect(errorOf(() => loadAnswers(file, noEnv)).message).toMatch(
      /dup\.yaml:3:3: not valid YAML \(Map keys must be unique/,
    );
  });

  it('gives the line and column of a JSON error', async () => {
    const file = await write('bad.json', '{\n  "pks": {\n    "plan": "rancher",\n  }\n}\n');
    const error = errorOf(() => loadAnswers(file, noEnv));
    expect(error.message).toMatch(/bad\.json:4:3: not valid JSON \([^)]+\); fix the syntax there$/);
    expect(error.message).not.toContain('position');
  });

  it('says so when the file is empty', async () => {
    const file = await write('empty.yaml', '# nothing yet\n');
    expect(errorOf(() => loadAnswers(file, noEnv)).message).toContain('the answers file is empty');
  });

  it('reports every schema problem, tagged with the file', async () => {
    const file = await write(
      'wrong.yaml',
      yamlAnswers
        .replace('lbSize: medium', 'lbSize: huge')
        .replace('caCerts: ./cacerts.pem', 'caCerts: ./ca.crt'),
    );
    const error = errorOf(() => loadAnswers(file, noEnv));
    expect(error.file).toBe(file);
    expect(error.problems).toEqual([
      'pks.lbSize: "huge" is not a load-balancer size; use small, medium or large',
      'tls.caCerts: the CA file must be named cacerts.pem (Rancher reads the secret key cacerts.pem); rename or copy it',
    ]);
    expect(error.message).toBe(error.problems[0]);
  });

  it('reads a file saved with a byte-order mark', async () => {
    const file = await write('bom.yaml', `\uFEFF${yamlAnswers}`);
    expect(loadAnswers(file, noEnv).pks.plan).toBe('rancher');
  });
});

describe('answers files that are not answers', () => {
  it('refuses a FIFO and a device at once instead of waiting on them', async () => {
    const { execFileSync } = await import('node:child_process');
    const fifo = join(dir, 'answers.fifo');
    execFileSync('mkfifo', [fifo]);
    for (const file of [fifo, '/dev/zero']) {
      expect(errorOf(() => loadAnswers(file, noEnv)).problems).toEqual([
        `${file}: is not a regular file (a pipe, device or socket); give the YAML or JSON answers file`,
      ]);
    }
  });

  it('refuses a huge file, saying the limit', async () => {
    const file = await write('huge.yaml', 'x: '.padEnd(2 * 1024 * 1024, 'y'));
    expect(errorOf(() => loadAnswers(file, noEnv)).problems[0]).toBe(
      `${file}: is 2 MiB; an answers file is at most 1 MiB; give the YAML or JSON answers file`,
    );
  });

  it('never prints the content of a wrong file: a key, binary garbage, a long string', async () => {
    const pem = ['-----BEGIN PRIVATE', 'KEY-----'].join(' ');
    const secret = 'c2VjcmV0LWtleS1tYXRlcmlhbA';
    const key = await write('key.yaml', `${pem}\n${secret}\n`);
    const binary = await write(
      'garbage.yaml',
      Buffer.from([0x41, 0x00, 0xff, 0x13]).toString('latin1'),
    );
    const token = await write('token.yaml', `${secret.repeat(6)}\n`);
    for (const file of [key, binary, token]) {
      const lines = errorOf(() => loadAnswers(file, noEnv)).problems;
      expect(lines.join('\n')).not.toContain(secret);
      expect(lines.join('\n')).not.toContain('\u0000');
    }
    expect(errorOf(() => loadAnswers(key, noEnv)).problems[0]).toContain('holds a PEM block');
    expect(errorOf(() => loadAnswers(binary, noEnv)).problems[0]).toContain(
      'is not text (binary data at byte 2)',
    );
  });

  it('refuses a YAML alias bomb with the file and the fix', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      lines.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const file = await write('bomb.yaml', lines.join('\n') + '\n');
    expect(errorOf(() => loadAnswers(file, noEnv)).problems).toEqual([
      `${file}: too many YAML alias expansions (over 100: an alias bomb?); write the answers out without anchors and aliases`,
    ]);
  });
});

describe('loadAnswersForReview', () => {
  it('keeps the answers that read well, paths made absolute, with every problem', async () => {
    const text = yamlAnswers
      .replace('replicas: 3', 'replicas: three')
      .replace('lbSize: medium', 'lbSize: huge')
      .replace('  hostname: czrancherblog', '  hostnmae: czrancherblog');
    const file = await write('site/broken.yaml', text);
    const loaded = loadAnswersForReview(file, noEnv);
    if (loaded.ok) throw new Error('expected problems');
    expect(loaded.problems).toHaveLength(4);
    expect(loaded.problems.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining([
        'pks.lbSize',
        'rancher.replicas',
        'rancher.hostname',
        'rancher.hostnmae',
      ]),
    );
    expect(loaded.answers.pks).toMatchObject({ cluster: 'czpksrancher05', lbSize: 'huge' });
    expect(loaded.answers.rancher).toEqual({
      chartRepo: 'https://releases.rancher.com/server-charts/stable',
      chartVersion: '',
    });
    expect(loaded.answers.tls).toEqual({
      cert: join(dir, 'site', 'czrancherblog.cer'),
      key: join(dir, 'site', 'czrancherblog.key'),
      caCerts: join(dir, 'site', 'cacerts.pem'),
    });
  });

  it('gives the config when the file is good, and still fails on a file it cannot read', async () => {
    const good = await write('site/good.yaml', yamlAnswers);
    expect(loadAnswersForReview(good, noEnv)).toEqual({
      ok: true,
      config: loadAnswers(good, noEnv),
    });
    const bad = await write('site/syntax.yaml', 'pks: [\n');
    expect(errorOf(() => loadAnswersForReview(bad, noEnv)).problems[0]).toContain('not valid YAML');
  });
});
