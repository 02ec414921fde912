import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../source/config/config.js';
import { parseAnswers } from '../../source/config/load-answers.js';
import type { Facts } from '../../source/engine/facts.js';
import { resumeCommandLine } from '../../source/invocation.js';
import { SecretLeakError } from '../../source/session/secret-guard.js';
import { SessionError } from '../../source/session/session-error.js';
import { SessionStore } from '../../source/session/session-store.js';
import { modeOf, steppingClock, tempHome } from './temp-home.js';
import { fakePem } from '../helpers/fake-pem.js';

/** What source/config produces: TLS as file paths. */
const answers = parseAnswers(
  {
    pks: { plan: 'large', cluster: 'cz-pks-rancher05', externalHostname: 'cz.pks.example.test' },
    rancher: { hostname: 'rancher.example.test', replicas: 3 },
    tls: { cert: '/certs/tls.crt', key: '/certs/tls.key', caCerts: '/certs/cacerts.pem' },
    dns: { servers: ['10.0.0.2'] },
  },
  '/',
  {},
);

const withCluster = (cluster: string) => ({ ...answers, pks: { ...answers.pks, cluster } });
/** Answers a type would refuse: the secret guard is the last line of defence behind types. */
const untyped = (value: object) => value as unknown as Config;

describe('SessionStore', () => {
  let t: ReturnType<typeof tempHome>;
  beforeEach(() => (t = tempHome()));
  afterEach(() => t.cleanup());

  const store = (now = steppingClock()) => new SessionStore({ env: t.env, now });

  it('keeps sessions under RANCHER_PKS_TUI_HOME/sessions', () => {
    const s = store().create(answers);
    expect(s.path).toBe(join(t.home, 'sessions', `${s.id}.json`));
    expect(s.id).toMatch(/^20261128-091206-czpksrancher05$/);
  });

  it('persists create and every mutation across new store instances', () => {
    const now = steppingClock();
    const s = store(now).create(answers);
    s.reachStage('ingress');
    s.markStep('pks.create-cluster', 'running');
    s.markStep('pks.create-cluster', 'done', 'cluster created');
    s.markStep('ingress.wait-vip', 'failed', 'timed out');
    s.setFacts({ vip: '10.40.14.20', masterIp: '10.40.14.10' });

    const again = store(now).get(s.id)!;
    expect(again.answers).toEqual(answers);
    expect(again.stageReached).toBe('ingress');
    expect(again.steps['pks.create-cluster']).toMatchObject({
      status: 'done',
      message: 'cluster created',
    });
    expect(
      again.steps['pks.create-cluster']!.startedAt! <
        again.steps['pks.create-cluster']!.finishedAt!,
    ).toBe(true);
    expect(again.steps['ingress.wait-vip']?.status).toBe('failed');
    expect(again.facts).toEqual({ vip: '10.40.14.20', masterIp: '10.40.14.10' });
    expect(again.status).toBe('running');
    expect(again.updatedAt > again.createdAt).toBe(true);

    again.finish('done');
    expect(store(now).get(s.id)!.status).toBe('done');
  });

  it('stores the answers as JSON exactly as given, with file paths not contents', () => {
    const s = store().create(answers);
    const onDisk = JSON.parse(readFileSync(s.path, 'utf8')) as { answers: unknown };
    expect(onDisk.answers).toEqual(answers);
  });

  it('returns undefined for an unknown id and rejects ids that are paths', () => {
    const st = store();
    expect(st.get('20990101-000000-nothing')).toBeUndefined();
    expect(() => st.get('../../etc/passwd')).toThrow(/not a session id/);
  });

  it('gives distinct ids to sessions created in the same second', () => {
    const frozen = () => new Date('2026-11-28T09:12:05.000Z');
    const st = store(frozen);
    const finished = () => {
      const session = st.create(answers);
      session.finish('done'); // a finished session leaves the cluster free for another run
      return session.id;
    };
    const ids = [finished(), finished(), finished()];
    expect(ids).toEqual([
      '20261128-091205-czpksrancher05',
      '20261128-091205-czpksrancher05-2',
      '20261128-091205-czpksrancher05-3',
    ]);
  });

  it('lists newest first with cluster, hostname, stage and status', () => {
    const now = steppingClock();
    const st = store(now);
    const a = st.create(answers);
    const b = st.create({
      ...withCluster('other'),
      rancher: { ...answers.rancher, hostname: 'r2.example.test' },
    });
    a.reachStage('rancher'); // a becomes the most recently updated
    const list = store(now).list();
    expect(list.map((s) => s.id)).toEqual([a.id, b.id]);
    expect(list[0]).toMatchObject({
      cluster: 'cz-pks-rancher05',
      hostname: 'rancher.example.test',
      stageReached: 'rancher',
    });
    expect(list[1]).toMatchObject({ cluster: 'other', hostname: 'r2.example.test' });
  });

  it('reports a running session nobody holds as interrupted, and a locked one as running', () => {
    const st = store();
    const s = st.create(answers);
    expect(st.list()[0]!.status).toBe('interrupted');
    const lock = st.lock(s.id);
    expect(st.list()[0]!.status).toBe('running');
    lock.release();
  });

  it('latestUnfinished ignores done sessions', () => {
    const now = steppingClock();
    const st = store(now);
    const older = st.create(answers);
    older.finish('failed');
    const newer = st.create(withCluster('other-cluster'));
    newer.finish('done');
    expect(st.latestUnfinished()?.id).toBe(older.id);
    older.finish('done');
    expect(st.latestUnfinished()).toBeUndefined();
  });

  it('refuses a second unfinished session for the same cluster, naming the first', () => {
    const now = steppingClock();
    const st = store(now);
    const first = st.create(answers);
    first.reachStage('ingress');
    first.finish('interrupted');
    expect(() => st.create(answers)).toThrow(
      `pks.cluster: session ${first.id} already installs cz-pks-rancher05 (interrupted, at stage ingress); go on with it: \`${resumeCommandLine(first)}\``,
    );
    expect(st.list().map((s) => s.id)).toEqual([first.id]);
    first.finish('done');
    expect(st.create(answers).id).not.toBe(first.id);
  });

  it('skips unreadable files when listing', async () => {
    const st = store();
    st.create(answers);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(st.sessionsDir, '20260101-000000-broken.json'), '{ not json');
    expect(st.list()).toHaveLength(1);
    const { damaged } = st.scan();
    expect(damaged.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /20260101-000000-broken\.json is damaged \(not valid JSON\); move it aside/,
      ),
    ]);
    expect(() => st.get('20260101-000000-broken')).toThrow(SessionError);
  });

  it('cleans up the temp files a killed write left, but not those of a live session', async () => {
    const st = store();
    const live = st.create(answers);
    const lock = st.lock(live.id);
    const { writeFileSync } = await import('node:fs');
    const stale = join(st.sessionsDir, '20260101-000000-old.json.tmp-1764583000abc123');
    const busy = join(st.sessionsDir, `${live.id}.json.tmp-1764583000abc124`);
    writeFileSync(stale, '{');
    writeFileSync(busy, '{');
    store();
    expect(readdirSync(st.sessionsDir)).not.toContain(
      '20260101-000000-old.json.tmp-1764583000abc123',
    );
    expect(readdirSync(st.sessionsDir)).toContain(`${live.id}.json.tmp-1764583000abc124`);
    lock.release();
  });

  it('says in one line when the home is a file', async () => {
    const { writeFileSync } = await import('node:fs');
    const file = join(t.home, 'not-a-folder');
    writeFileSync(file, '');
    expect(() => new SessionStore({ env: { RANCHER_PKS_TUI_HOME: file } })).toThrow(
      `RANCHER_PKS_TUI_HOME: ${file} is a file, not a folder; point RANCHER_PKS_TUI_HOME at a folder (the folder is created if missing)`,
    );
  });

  it('removes a session with its transcript and lock, but not while it is running', () => {
    const st = store();
    const s = st.create(answers);
    st.transcript(s.id).note('hello');
    const lock = st.lock(s.id);
    expect(() => st.remove(s.id)).toThrow(/in use by this process/);
    lock.release();
    st.remove(s.id);
    expect(readdirSync(st.sessionsDir)).toEqual([]);
    expect(st.get(s.id)).toBeUndefined();
  });

  it('writes files 0600 and folders 0700', () => {
    const st = store();
    const s = st.create(answers);
    s.markStep('x', 'done');
    const transcript = st.transcript(s.id);
    transcript.note('n');
    const lock = st.lock(s.id);
    expect(modeOf(statSync(st.sessionsDir))).toBe(0o700);
    for (const file of [s.path, transcript.path, lock.path])
      expect(modeOf(statSync(file))).toBe(0o600);
    lock.release();
  });

  it('leaves no temp files behind (writes are atomic renames)', () => {
    const s = store().create(answers);
    for (let i = 0; i < 20; i++) s.markStep(`step-${i}`, 'done');
    expect(readdirSync(join(t.home, 'sessions'))).toEqual([`${s.id}.json`]);
  });

  describe('never persists secrets', () => {
    const pem = fakePem('RSA PRIVATE KEY', 'MIIEowIBAAKCAQEA');

    it.each([
      ['a password key', { ...answers, rancher: { hostname: 'h', bootstrapPassword: 'hunter2' } }],
      ['a token key', { ...answers, pks: { token: 'abc' } }],
      ['a PEM block as a value', { ...answers, tls: { cert: pem } }],
      ['a PEM block in an array', { ...answers, extra: ['ok', pem] }],
      ['a --set password', { ...answers, helmSet: ['bootstrapPassword=x'] }],
    ])('create refuses %s and writes nothing', (_what, sneaky) => {
      const st = store();
      expect(() => st.create(untyped(sneaky))).toThrow(SecretLeakError);
      expect(readdirSync(st.sessionsDir)).toEqual([]);
    });

    it('refuses secret facts and leaves the file unchanged', () => {
      const s = store().create(answers);
      const before = readFileSync(s.path, 'utf8');
      // Facts are typed, but the guard stays the last line of defence for what slips past types.
      expect(() => s.setFacts({ adminToken: 'abc' } as Facts)).toThrow(/facts.adminToken/);
      expect(() => s.setFacts({ nsxCapacity: pem })).toThrow(/PEM/);
      expect(readFileSync(s.path, 'utf8')).toBe(before);
    });

    it('redacts step messages instead of failing the step', () => {
      const s = store().create(answers);
      s.markStep('tls', 'failed', `bad key ${pem} with password=hunter2`);
      const text = readFileSync(s.path, 'utf8');
      expect(text).not.toContain('MIIEowIBAAKCAQEA');
      expect(text).not.toContain('hunter2');
      expect(text).toContain('<redacted>');
    });

    it('the error names the field, never the value', () => {
      try {
        store().create(untyped({ ...answers, rancher: { bootstrapPassword: 'hunter2' } }));
        expect.unreachable();
      } catch (e) {
        expect((e as Error).message).toContain('answers.rancher.bootstrapPassword');
        expect((e as Error).message).not.toContain('hunter2');
      }
    });
  });
});
