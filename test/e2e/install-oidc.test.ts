import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { installFixture, type InstallFixture } from '../helpers/install-fixture.js';
import { poll, startLab, type LabProcess } from '../helpers/lab-process.js';

// issue 9: TKGI with "UAA as the OIDC provider". ID tokens of 30 simulated seconds at
// timescale 0.1 live 3 s: they run out several times during the install.
let lab: LabProcess;
let fx: InstallFixture;
const pksPassword = 'lab-password';

function withPksCa(answersFile: string, labDir: string): void {
  const answers = parse(readFileSync(answersFile, 'utf8')) as { pks: Record<string, unknown> };
  answers.pks.caCert = join(labDir, 'pks-api-ca.pem');
  writeFileSync(answersFile, stringify(answers));
}

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { RANCHER_PKS_TUI_HOME: fx.home, ...extra };
}

function sessionId(output: string): string {
  return /(?:starting|resuming) session (\S+)/.exec(output)![1]!;
}

function refreshes(): number {
  return lab.audit().filter((e) => e.kind === 'oidc' && e.status === 200).length;
}

function credentialCalls(): number {
  return lab
    .audit()
    .filter((e) => e.kind === 'cli' && (e.argv as string[])[0] === 'get-credentials').length;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

/** The line(s) of `output` that tell the user about the password. */
function passwordLines(output: string): string[] {
  return output.split('\n').filter((l) => /USER_PASSWORD/.test(l));
}

beforeAll(async () => {
  lab = await startLab(['--oidc', '--oidc-token-seconds', '30'], '0.1');
  fx = await installFixture(lab.dir);
  withPksCa(fx.answersFile, lab.dir);
});

afterAll(async () => {
  await lab.stop();
});

describe('install against lab --oidc', () => {
  let id = '';

  it('finishes while the cluster tokens expire mid-install (password from the environment)', async () => {
    const r = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], {
      env: env({ PKS_USER_PASSWORD: pksPassword }),
    });
    expect(r.stderr).toBe('');
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('Rancher is up: https://rancher.lab.test');
    id = sessionId(r.stdout);
    // Tokens were renewed through UAA's refresh grant (ours, and helm's with the CA we added).
    expect(refreshes()).toBeGreaterThan(0);
    const kubeconfig = parse(readFileSync(join(lab.dir, 'kubeconfig'), 'utf8')) as {
      users: { user: { 'auth-provider': { config: Record<string, string> } } }[];
    };
    expect(kubeconfig.users[0]!.user['auth-provider'].config).toMatchObject({
      'client-id': 'pks_cluster_client',
      'idp-certificate-authority-data': readFileSync(join(lab.dir, 'pks-api-ca.pem')).toString(
        'base64',
      ),
    });
  });

  it('resumed hours later (tokens and refresh token expired) without the password: exit 1, one line', async () => {
    writeFileSync(join(lab.dir, 'faults.json'), JSON.stringify({ oidcTokensExpired: true }));
    // Once the lab has read it, kubectl's own refresh is refused too.
    await poll(async () => (await lab.run(['kubectl', 'get', 'ns'])).code !== 0, 'the fault');
    const r = await lab.cli(['resume', id], { env: env() });
    expect(r.code).toBe(1);
    expect(passwordLines(r.stdout)).toEqual([
      '[cluster] Get credentials: FAILED: pks get-credentials needs your PKS password (this TKGI uses OIDC): set TKGI_USER_PASSWORD (or PKS_USER_PASSWORD), or run in a terminal (without --yes) to be asked',
    ]);
    expect(r.stdout).not.toContain('what to do');
  });

  it('resumed hours later with the password: get-credentials runs again and the session finishes', async () => {
    const before = credentialCalls();
    const r = await lab.cli(['resume', id], { env: env({ TKGI_USER_PASSWORD: pksPassword }) });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('Rancher is up: https://rancher.lab.test');
    expect(credentialCalls()).toBeGreaterThan(before);
  });

  it('headless install without the password: exit 1 with the one line', async () => {
    const other = await installFixture(lab.dir, 'czpksrancher06');
    withPksCa(other.answersFile, lab.dir);
    const r = await lab.cli(['install', '--answers', other.answersFile, '--yes'], {
      env: { RANCHER_PKS_TUI_HOME: other.home },
    });
    expect(r.code).toBe(1);
    expect(passwordLines(r.stdout)).toHaveLength(1);
    expect(r.stdout).not.toContain('what to do');
  });

  it('keeps the password and the tokens out of the session folder, transcript, audit and lab log', () => {
    const files = [...filesUnder(fx.home), join(lab.dir, 'audit.jsonl'), join(lab.dir, 'lab.log')];
    expect(files.some((f) => f.endsWith('.transcript.log'))).toBe(true);
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue; // lab.log may not exist
      }
      expect(text, file).not.toContain(pksPassword);
      expect(text, file).not.toMatch(/eyJ[\w-]+\.eyJ/);
    }
    for (const entry of lab.audit().filter((e) => e.kind === 'cli')) {
      expect(JSON.stringify(entry.argv)).not.toContain(pksPassword);
    }
  });
});

describe('install against lab --oidc without the PKS API CA', () => {
  let other: LabProcess;

  afterAll(async () => {
    await other?.stop();
  });

  it('runs get-credentials again (with the password) when the token runs out', async () => {
    // 75 simulated seconds at 0.2: 15 s tokens, longer than client-go's 10 s margin (helm
    // refreshes by itself inside it, which needs the CA) and shorter than the install.
    other = await startLab(['--oidc', '--oidc-token-seconds', '75'], '0.2');
    const fixture = await installFixture(other.dir);
    const r = await other.cli(['install', '--answers', fixture.answersFile, '--yes'], {
      env: { RANCHER_PKS_TUI_HOME: fixture.home, TKGI_USER_PASSWORD: pksPassword },
    });
    expect(r.code, r.stdout).toBe(0);
    const calls = other
      .audit()
      .filter((e) => e.kind === 'cli' && (e.argv as string[])[0] === 'get-credentials');
    expect(calls.length).toBeGreaterThan(1);
    expect(other.audit().filter((e) => e.kind === 'oidc' && e.status === 200)).toEqual([]);
  });
});
