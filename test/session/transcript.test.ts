import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Transcript } from '../../source/session/transcript.js';
import { modeOf, steppingClock, tempHome } from './temp-home.js';
import { fakePem } from '../helpers/fake-pem.js';

const pem = fakePem('PRIVATE KEY', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl';

describe('Transcript', () => {
  let t: ReturnType<typeof tempHome>;
  let transcript: Transcript;
  const read = () => readFileSync(transcript.path, 'utf8');
  beforeEach(() => {
    t = tempHome();
    transcript = new Transcript(join(t.home, 'sessions', 'abc.transcript.log'), {
      now: steppingClock(),
    });
  });
  afterEach(() => t.cleanup());

  it('exposes its path and creates the file 0600 in a 0700 folder', () => {
    expect(transcript.path).toBe(join(t.home, 'sessions', 'abc.transcript.log'));
    expect(modeOf(statSync(transcript.path))).toBe(0o600);
    expect(modeOf(statSync(join(t.home, 'sessions')))).toBe(0o700);
  });

  it('records a command with exit code, duration and output tails', () => {
    transcript.command(
      [
        'helm',
        'repo',
        'add',
        'rancher-stable',
        'https://releases.rancher.com/server-charts/stable',
      ],
      {
        exitCode: 0,
        durationMs: 812.4,
        stdoutTail: '"rancher-stable" has been added\n',
      },
    );
    const text = read();
    expect(text).toContain(
      '2026-11-28T09:12:06.000Z $ helm repo add rancher-stable https://releases.rancher.com',
    );
    expect(text).toContain('exit 0 after 812 ms');
    expect(text).toContain('| stdout: "rancher-stable" has been added');
  });

  it('redacts --set bootstrapPassword=x', () => {
    transcript.command(
      [
        'helm',
        'upgrade',
        '--install',
        'rancher',
        'rancher-stable/rancher',
        '--set',
        'hostname=r.example.test,bootstrapPassword=x',
      ],
      { exitCode: 0, durationMs: 1 },
    );
    expect(read()).toContain('--set hostname=r.example.test,bootstrapPassword=<redacted>');
  });

  it('redacts -p secret and --token=', () => {
    transcript.command(
      ['pks', 'login', '-a', 'api.pks.test', '-u', 'admin', '-p', 'hunter2', '-k'],
      {
        exitCode: 1,
        durationMs: 1,
        stderrTail: 'Error: login failed for pks login -a api.pks.test -u admin -p hunter2',
      },
    );
    transcript.command(['kubectl', '--token=abc123', 'get', 'nodes'], {
      exitCode: 0,
      durationMs: 1,
    });
    const text = read();
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('abc123');
    expect(text).toContain('-p <redacted> -k');
    expect(text).toContain('--token=<redacted>');
  });

  it('redacts PEM blocks in arguments, output and notes', () => {
    transcript.command(
      ['kubectl', 'create', 'secret', 'generic', 'x', `--from-literal=tls.key=${pem}`],
      {
        exitCode: 0,
        durationMs: 1,
        stdoutTail: `data:\n  tls.key: ${Buffer.from(pem).toString('base64')}\n`,
      },
    );
    transcript.note(`checked the key:\n${pem}`);
    const text = read();
    expect(text).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
    expect(text).not.toContain(Buffer.from(pem).toString('base64').slice(0, 40));
    expect(text).toContain(
      `${['-----BEGIN', 'PRIVATE KEY-----<redacted>-----END', 'PRIVATE KEY-----'].join(' ')}`,
    );
  });

  it('redacts bearer tokens and kubeconfig token fields', () => {
    transcript.note(`curl -H 'Authorization: Bearer ${jwt}' https://10.0.0.1:8443/api`);
    transcript.note('Authorization: Bearer sha256~opaqueTokenValue');
    transcript.command(['kubectl', 'config', 'view', '--raw'], {
      exitCode: 0,
      durationMs: 1,
      stdoutTail: `users:\n- name: admin\n  user:\n    token: ${jwt}\n    client-key-data: c2VjcmV0a2V5\n`,
    });
    const text = read();
    expect(text).not.toContain(jwt);
    expect(text).not.toContain('opaqueTokenValue');
    expect(text).not.toContain('c2VjcmV0a2V5');
    expect(text).toContain('Authorization: Bearer <redacted>');
    expect(text).toContain('token: <redacted>');
  });

  it('records API changes (query-string tokens redacted) and appends in order', () => {
    transcript.api('post', '/api/v1/namespaces/cattle-system/secrets', 201);
    transcript.api('GET', '/v3/settings?access_token=zzz', 200);
    const lines = read().trimEnd().split('\n');
    expect(lines[0]).toMatch(/api POST \/api\/v1\/namespaces\/cattle-system\/secrets → 201$/);
    expect(lines[1]).toContain('access_token=<redacted>');
    expect(lines[0]! < lines[1]!).toBe(true);
  });

  it('appends to an existing transcript (resume) instead of truncating it', () => {
    transcript.note('first run');
    const resumed = new Transcript(transcript.path);
    resumed.note('second run');
    expect(read()).toMatch(/first run[\s\S]*second run/);
  });
});
