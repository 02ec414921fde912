import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { createCa, issueCert } from '../../source/lab/pki.js';
import { installFixture } from '../helpers/install-fixture.js';
import { startLab, type LabProcess } from '../helpers/lab-process.js';

// Every mode that installs passes the preflight gate before its first change.
let lab: LabProcess | undefined;

afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

function mutations(entries: Record<string, unknown>[]): number {
  return entries.filter((e) => e.kind === 'api' || e.mutating === true).length;
}

function transcripts(home: string): string {
  const dir = join(home, 'sessions');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.transcript.log'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}

describe('the preflight gate', () => {
  it('goes on past a warning only when it is accepted, and the transcript names it', async () => {
    lab = await startLab([], '0');
    const fx = await installFixture(lab.dir);
    const answers = parse(readFileSync(fx.answersFile, 'utf8')) as {
      rancher: { replicas: number };
    };
    answers.rancher.replicas = 4;
    writeFileSync(fx.answersFile, stringify(answers));
    const env = { RANCHER_PKS_TUI_HOME: fx.home };

    const held = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], { env });
    expect(held.code).toBe(1);
    expect(held.stdout).toContain('nothing was changed: 1 preflight warning (rancher.replicas)');
    expect(mutations(lab.audit())).toBe(0);

    const r = await lab.cli(
      ['install', '--answers', fx.answersFile, '--yes', '--accept-warnings=rancher.replicas'],
      { env },
    );
    expect(r.code, r.stdout.slice(-1500)).toBe(0);
    expect(r.stdout).toContain('preflight: warnings accepted: rancher.replicas');
    expect(transcripts(fx.home)).toContain('preflight warnings accepted: rancher.replicas');
  }, 120_000);

  it('runs again on resume: a key replaced since changes nothing', async () => {
    lab = await startLab(['--fault', 'lbNoIp'], '0');
    const fx = await installFixture(lab.dir);
    const env = { RANCHER_PKS_TUI_HOME: fx.home };
    const first = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], { env });
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('ncp/error.loadbalancer=IP_POOL_EXHAUSTED');
    const ca = await createCa({ commonName: 'Someone Else' });
    const other = await issueCert(ca, { commonName: fx.hostname, dnsNames: [fx.hostname] });
    writeFileSync(join(fx.certsDir, 'rancher.key'), other.keyPem, { mode: 0o600 });
    const before = mutations(lab.audit());
    const resumed = await lab.cli(['resume'], { env });
    expect(resumed.code).toBe(1);
    expect(resumed.stdout).toMatch(/FAIL tls\.key-match: /);
    expect(resumed.stdout).toContain(
      'nothing was changed: 1 preflight check failed (tls.key-match)',
    );
    expect(mutations(lab.audit())).toBe(before);
  }, 120_000);

  it('lets one of two runs started together for the same cluster go on, and names it to the other', async () => {
    lab = await startLab([], '0');
    const fx = await installFixture(lab.dir);
    const env = { RANCHER_PKS_TUI_HOME: fx.home };
    const [a, b] = await Promise.all([
      lab.cli(['install', '--answers', fx.answersFile, '--yes'], { env }),
      lab.cli(['install', '--answers', fx.answersFile, '--yes'], { env }),
    ]);
    const codes = [a.code, b.code].sort();
    expect(codes, `${a.stdout}${a.stderr}\n---\n${b.stdout}${b.stderr}`).toEqual([0, 2]);
    const loser = a.code === 2 ? a : b;
    // Seen from the loser, the winner is running, or (not locked yet) looks interrupted.
    expect(loser.stderr).toMatch(
      /^pks\.cluster: session \S+ (is installing czpksrancher05 right now|already installs czpksrancher05).*node \S+\/dist\/cli\.js resume \S+`\n$/,
    );
    const sessions = await lab.cli(['sessions'], { env });
    expect(sessions.stdout.trim().split('\n')).toHaveLength(2); // the header and one session
  }, 120_000);
});
