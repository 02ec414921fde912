import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../source/lab/dns/zone.js';
import { createFixtureLab, rancherHost } from '../helpers/front-fixtures.js';

describe('lab DNS zone answers', () => {
  const { lab } = createFixtureLab();
  lab.dns.set(rancherHost, ['127.150.1.1']);
  lab.dns.set('pks.example.com', ['127.150.1.2']);

  it('answers records outside the lab zone that the lab holds, without an SOA', () => {
    const answer = answerQuestion(lab, { type: 'A', name: 'PKS.example.com.' });
    expect(answer.rcode).toBe('NOERROR');
    expect(answer.answers).toMatchObject([{ data: '127.150.1.2', ttl: 5 }]);
    expect(answer.authorities).toEqual([]);
  });

  it('answers the zone apex: SOA for SOA, NODATA otherwise', () => {
    expect(answerQuestion(lab, { type: 'SOA', name: 'lab.test' }).answers).toMatchObject([
      { type: 'SOA', name: 'lab.test' },
    ]);
    const a = answerQuestion(lab, { type: 'A', name: 'lab.test' });
    expect(a).toMatchObject({ rcode: 'NOERROR', answers: [], authorities: [{ type: 'SOA' }] });
  });

  it('answers the wrong IP for operator hostnames even before a record exists', () => {
    const { lab: faulty } = createFixtureLab();
    faulty.faults.set({ dnsWrongIp: '127.9.9.9' });
    expect(answerQuestion(faulty, { type: 'A', name: rancherHost }).answers).toMatchObject([
      { data: '127.9.9.9' },
    ]);
  });
});
