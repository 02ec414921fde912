import dnsPacket, { type DecodedPacket, type OptAnswer, type Packet } from 'dns-packet';
import type { LabContext } from '../context.js';
import { answerQuestion, rcodeNumber, type Rcode } from './zone.js';

export type Transport = 'udp' | 'tcp';

/** Without EDNS a UDP answer must fit in 512 bytes (RFC 1035). */
const classicUdpLimit = 512;
/** The EDNS buffer size we advertise (the DNS Flag Day 2020 recommendation). */
const ednsUdpLimit = 1232;
const opcodeQuery = 0;
const tcFlag = dnsPacket.TRUNCATED_RESPONSE;
const rdFlag = dnsPacket.RECURSION_DESIRED;

function opcodeOf(query: DecodedPacket): number {
  return ((query.flags ?? 0) >> 11) & 0xf;
}

function ednsOf(query: DecodedPacket): OptAnswer | undefined {
  return query.additionals?.find((a): a is OptAnswer => a.type === 'OPT');
}

function ourOpt(): OptAnswer {
  return {
    type: 'OPT',
    name: '.',
    udpPayloadSize: ednsUdpLimit,
    extendedRcode: 0,
    ednsVersion: 0,
    flags: 0,
    flag_do: false,
    options: [],
  };
}

/** The header flags of an answer: authoritative, RD echoed, no recursion available. */
function flagsFor(query: DecodedPacket, rcode: Rcode, truncated = false): number {
  return (
    dnsPacket.AUTHORITATIVE_ANSWER |
    ((query.flags ?? 0) & rdFlag) |
    (truncated ? tcFlag : 0) |
    rcodeNumber[rcode]
  );
}

function responseTo(lab: LabContext, query: DecodedPacket): Packet {
  const questions = query.questions ?? [];
  const edns = ednsOf(query);
  const base = { type: 'response' as const, id: query.id, questions };
  const additionals = edns ? [ourOpt()] : [];
  if (opcodeOf(query) !== opcodeQuery) {
    return { ...base, flags: flagsFor(query, 'NOTIMP'), additionals };
  }
  const question = questions[0];
  if (!question || questions.length !== 1) {
    return { ...base, flags: flagsFor(query, 'FORMERR'), additionals };
  }
  const zone = answerQuestion(lab, question);
  return {
    ...base,
    flags: flagsFor(query, zone.rcode),
    answers: zone.answers,
    authorities: zone.authorities,
    additionals,
  };
}

function udpLimit(query: DecodedPacket): number {
  const edns = ednsOf(query);
  return edns
    ? Math.max(classicUdpLimit, Math.min(edns.udpPayloadSize, ednsUdpLimit))
    : classicUdpLimit;
}

/** A too-big UDP answer goes out empty with TC set, so the client retries over TCP. */
function truncated(query: DecodedPacket, response: Packet): Buffer {
  const rcode = ((response.flags ?? 0) & 0xf) as number;
  const flags = flagsFor(query, 'NOERROR', true) | rcode;
  return dnsPacket.encode({ type: 'response', id: query.id, questions: response.questions, flags });
}

/** A malformed query still gets FORMERR when its header (the id) can be read. */
function formatError(request: Buffer): Buffer | undefined {
  if (request.length < 12) return undefined;
  const id = request.readUInt16BE(0);
  return dnsPacket.encode({ type: 'response', id, flags: rcodeNumber.FORMERR });
}

/** One DNS message in, its answer out; undefined when there is nothing to say. */
export function respond(
  lab: LabContext,
  request: Buffer,
  transport: Transport,
): Buffer | undefined {
  let query: DecodedPacket;
  try {
    query = dnsPacket.decode(request);
  } catch {
    return formatError(request);
  }
  if (query.type === 'response') return undefined;
  lab.faults.refresh((message) => lab.log(message));
  const response = responseTo(lab, query);
  const encoded = dnsPacket.encode(response);
  if (transport === 'udp' && encoded.length > udpLimit(query)) return truncated(query, response);
  return encoded;
}
