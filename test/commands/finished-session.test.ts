import { afterEach, describe, expect, it } from 'vitest';
import { finishedSession } from '../../source/commands/finished-session.js';
import { parseAnswers } from '../../source/config/load-answers.js';
import type { SessionPlan } from '../../source/session/session-record.js';
import { SessionStore } from '../../source/session/session-store.js';
import { tempHome } from '../session/temp-home.js';

let home: ReturnType<typeof tempHome>;
afterEach(() => home.cleanup());

const answers = parseAnswers(
  {
    pks: { plan: 'rancher', cluster: 'czpksrancher05', externalHostname: 'api.example.test' },
    rancher: { hostname: 'rancher.example.test' },
    tls: { cert: 'a.cer', key: 'a.key', caCerts: 'cacerts.pem' },
  },
  '/srv',
  {},
);

/** A store whose sessions finished one minute apart, in the order given. */
function storeWith(plans: SessionPlan[]): { store: SessionStore; ids: string[] } {
  home = tempHome();
  let minute = 0;
  const store = new SessionStore({
    env: home.env,
    now: () => new Date(Date.UTC(2026, 10, 30, 9, minute++)),
  });
  const ids = plans.map((plan) => {
    const session = store.create(answers, plan);
    session.finish('done');
    return session.id;
  });
  return { store, ids };
}

describe('the install a day-2 command works on', () => {
  it('is the newest finished install or migration', () => {
    const { store, ids } = storeWith(['install', 'migrate-ingress']);
    expect(finishedSession(store, undefined, { verb: 'check' }).id).toBe(ids[1]);
  });

  it('is none once an uninstall of its cluster finished after it: one line says so', () => {
    const { store, ids } = storeWith(['install', 'uninstall']);
    expect(() => finishedSession(store, undefined, { verb: 'check' })).toThrow(
      `ID: Rancher on czpksrancher05 was uninstalled by session ${ids[1]}, so there is nothing to check; name a session to check it anyway`,
    );
    // Named, it is taken as asked.
    expect(finishedSession(store, ids[0], { verb: 'check' }).id).toBe(ids[0]);
  });

  it('is the install again after an uninstall and a new install', () => {
    const { store, ids } = storeWith(['install', 'uninstall', 'install']);
    expect(finishedSession(store, undefined, { verb: 'check' }).id).toBe(ids[2]);
  });
});
