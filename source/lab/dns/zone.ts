import type { Answer, Question, SoaAnswer } from 'dns-packet';
import type { LabContext } from '../context.js';
import { isOperatorSet } from './operator-names.js';

/** Short, so a record the operator fixes is seen again within seconds. */
export const recordTtl = 5;

export type Rcode = 'NOERROR' | 'FORMERR' | 'NXDOMAIN' | 'NOTIMP' | 'REFUSED';

export const rcodeNumber: Record<Rcode, number> = {
  NOERROR: 0,
  FORMERR: 1,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
};

export interface ZoneAnswer {
  rcode: Rcode;
  answers: Answer[];
  authorities: Answer[];
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

function inZone(name: string, domain: string): boolean {
  return name === domain || name.endsWith(`.${domain}`);
}

/** The zone's SOA: its `minimum` is the negative-caching TTL resolvers honour. */
function soaRecord(domain: string): SoaAnswer {
  return {
    type: 'SOA',
    name: domain,
    ttl: recordTtl,
    class: 'IN',
    data: {
      mname: `ns.${domain}`,
      rname: `hostmaster.${domain}`,
      serial: 1,
      refresh: 60,
      retry: 10,
      expire: 3600,
      minimum: recordTtl,
    },
  };
}

/** The Rancher names: the fault `dnsWrongIp` makes them point at the wrong place. */
function isRancherName(lab: LabContext, name: string): boolean {
  return (
    lab.options.operatorHostnames.some((h) => normalise(h) === name) || isOperatorSet(lab, name)
  );
}

function addressesFor(lab: LabContext, name: string): string[] | undefined {
  const wrongIp = lab.faults.current.dnsWrongIp;
  if (wrongIp && isRancherName(lab, name)) return [wrongIp];
  return lab.dns.lookup(name);
}

function aRecords(question: Question, ips: string[]): Answer[] {
  return ips.map((ip) => ({
    type: 'A',
    name: question.name,
    ttl: recordTtl,
    class: 'IN',
    data: ip,
  }));
}

/**
 * What the lab's authoritative server says to one question. It serves only its own
 * records and never recurses: anything else is REFUSED, like an authoritative-only BIND.
 */
export function answerQuestion(lab: LabContext, question: Question): ZoneAnswer {
  const name = normalise(question.name);
  const domain = normalise(lab.options.domain);
  const zoned = inZone(name, domain);
  const authority = zoned ? [soaRecord(domain)] : [];
  if ((question.class ?? 'IN') !== 'IN') return { rcode: 'REFUSED', answers: [], authorities: [] };
  const ips = addressesFor(lab, name);
  if (ips === undefined) {
    if (name === domain) {
      const answers = question.type === 'SOA' ? authority : [];
      return { rcode: 'NOERROR', answers, authorities: question.type === 'SOA' ? [] : authority };
    }
    if (zoned) return { rcode: 'NXDOMAIN', answers: [], authorities: authority };
    return { rcode: 'REFUSED', answers: [], authorities: [] };
  }
  // ANY is answered with what there is: only A records live here.
  if (question.type === 'A' || (question.type as string) === 'ANY') {
    return { rcode: 'NOERROR', answers: aRecords(question, ips), authorities: [] };
  }
  // The name exists but has no record of this type (NODATA): NOERROR, nothing in answers.
  return { rcode: 'NOERROR', answers: [], authorities: authority };
}
