import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAnswers } from '../../source/config/load-answers.js';
import { SessionStore } from '../../source/session/session-store.js';
import { steppingClock, tempHome } from './temp-home.js';

const answers = parseAnswers(
  {
    pks: { plan: 'rancher', cluster: 'czpksrancher05', externalHostname: 'cz.lab.test' },
    rancher: { hostname: 'rancher.lab.test', replicas: 3 },
    tls: { cert: '/tmp/d/rancher.crt', key: '/tmp/d/rancher.key', caCerts: '/tmp/d/cacerts.pem' },
  },
  '/',
  {},
);

// Issue 13 #6: a --demo session is known as one, and resumes only with --demo.
describe('demo sessions', () => {
  let t: ReturnType<typeof tempHome>;
  beforeEach(() => (t = tempHome()));
  afterEach(() => t.cleanup());

  const now = steppingClock();
  const store = (demo = false) => new SessionStore({ env: t.env, now, demo });

  it('are marked, in the file and in lists', () => {
    const demo = store(true).create(answers);
    demo.finish('interrupted');
    expect(store().get(demo.id)!.demo).toBe(true);
    expect(store().list()[0]).toMatchObject({ id: demo.id, demo: true });
    const real = store().create({ ...answers, pks: { ...answers.pks, cluster: 'other' } });
    expect(real.demo).toBe(false);
    expect(real.toJSON()).not.toHaveProperty('demo');
  });

  it('are the unfinished session to resume only when a demo asks', () => {
    const demo = store(true).create(answers);
    demo.finish('interrupted');
    expect(store().latestUnfinished()).toBeUndefined();
    expect(store().latestUnfinished({ demo: true })?.id).toBe(demo.id);
  });

  it('never stand in the way of another install of the same cluster: each demo has its own lab', () => {
    const first = store(true).create(answers);
    first.finish('interrupted');
    const second = store(true).create(answers);
    expect(second.id).not.toBe(first.id);
    // Nor of a real install named like the demo's cluster.
    expect(store().create(answers).demo).toBe(false);
  });
});
