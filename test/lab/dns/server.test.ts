import dgram from 'node:dgram';
import { execFile } from 'node:child_process';
import { promises as dns } from 'node:dns';
import { existsSync } from 'node:fs';
import net from 'node:net';
import dnsPacket, { type DecodedPacket, type Packet } from 'dns-packet';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDnsServer, type DnsServer } from '../../../source/lab/dns/server.js';
import { markOperatorSet } from '../../../source/lab/dns/operator-names.js';
import { createFixtureLab, rancherHost, type FixtureLab } from '../helpers/front-fixtures.js';

const rancherIp = '127.150.7.9';

function resolverFor(server: DnsServer): dns.Resolver {
  const resolver = new dns.Resolver({ timeout: 2000, tries: 2 });
  resolver.setServers([`${server.address}:${server.port}`]);
  return resolver;
}

function query(name: string, type: 'A' | 'AAAA' | 'SOA' = 'A'): Packet {
  return {
    type: 'query',
    id: Math.floor(Math.random() * 65535),
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type, name }],
  };
}

function udpQuery(server: DnsServer, packet: Packet): Promise<DecodedPacket> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', reject);
    socket.once('message', (message) => {
      socket.close();
      resolve(dnsPacket.decode(message));
    });
    socket.send(dnsPacket.encode(packet), server.port, server.address);
  });
}

/** A raw DNS-over-TCP exchange: 2-byte length framing on both sides. */
function tcpQuery(server: DnsServer, packet: Packet): Promise<Packet> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, server.address);
    let received = Buffer.alloc(0);
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 2 || received.length < 2 + received.readUInt16BE(0)) return;
      socket.end();
      resolve(dnsPacket.streamDecode(received));
    });
    socket.write(dnsPacket.streamEncode(packet));
  });
}

function rcodeOf(packet: Packet): number {
  return (packet.flags ?? 0) & 0xf;
}

describe('lab DNS server', () => {
  let fixture: FixtureLab;
  let server: DnsServer;

  beforeEach(async () => {
    fixture = createFixtureLab();
    fixture.lab.dns.set(rancherHost, [rancherIp]);
    server = await startDnsServer(fixture.lab);
  });

  afterEach(async () => {
    await server.close();
  });

  it('answers A records to node:dns Resolver over UDP, with TTL 5', async () => {
    const answers = await resolverFor(server).resolve4(rancherHost, { ttl: true });
    expect(answers).toEqual([{ address: rancherIp, ttl: 5 }]);
  });

  it('answers authoritatively over TCP with 2-byte framing', async () => {
    const answer = await tcpQuery(server, query(rancherHost));
    expect(rcodeOf(answer)).toBe(0);
    expect((answer.flags ?? 0) & dnsPacket.AUTHORITATIVE_ANSWER).toBeTruthy();
    expect(answer.answers).toMatchObject([
      { type: 'A', name: rancherHost, ttl: 5, data: rancherIp },
    ]);
  });

  it('says NXDOMAIN with the zone SOA for unknown names in the lab zone', async () => {
    await expect(resolverFor(server).resolve4('nothere.lab.test')).rejects.toMatchObject({
      code: 'ENOTFOUND',
    });
    const raw = await udpQuery(server, query('nothere.lab.test'));
    expect(rcodeOf(raw)).toBe(3);
    expect(raw.flag_aa).toBe(true);
    expect(raw.authorities).toMatchObject([{ type: 'SOA', name: 'lab.test' }]);
  });

  it('refuses names outside its zone instead of forwarding them', async () => {
    await expect(resolverFor(server).resolve4('example.com')).rejects.toMatchObject({
      code: 'EREFUSED',
    });
    const raw = await udpQuery(server, query('www.example.com'));
    expect(rcodeOf(raw)).toBe(5);
    expect(raw.answers).toEqual([]);
  });

  it('has no AAAA for a known name: NOERROR with no answers', async () => {
    const raw = await udpQuery(server, query(rancherHost, 'AAAA'));
    expect(rcodeOf(raw)).toBe(0);
    expect(raw.answers).toEqual([]);
    await expect(resolverFor(server).resolve6(rancherHost)).rejects.toMatchObject({
      code: 'ENODATA',
    });
  });

  it('answers the wrong IP for the Rancher names under the dnsWrongIp fault', async () => {
    markOperatorSet(fixture.lab, 'rancher2.lab.test');
    fixture.lab.dns.set('rancher2.lab.test', [rancherIp]);
    fixture.lab.dns.set('other.lab.test', [rancherIp]);
    fixture.lab.faults.set({ dnsWrongIp: '127.9.9.9' });
    const resolver = resolverFor(server);
    expect(await resolver.resolve4(rancherHost)).toEqual(['127.9.9.9']);
    expect(await resolver.resolve4('rancher2.lab.test')).toEqual(['127.9.9.9']);
    expect(await resolver.resolve4('other.lab.test')).toEqual([rancherIp]);
    fixture.lab.faults.set({});
    expect(await resolver.resolve4(rancherHost)).toEqual([rancherIp]);
  });

  it('sees record changes at once (nothing cached)', async () => {
    const resolver = resolverFor(server);
    fixture.lab.dns.set('late.lab.test', ['127.150.0.1']);
    expect(await resolver.resolve4('late.lab.test')).toEqual(['127.150.0.1']);
    fixture.lab.dns.set('late.lab.test', ['127.150.0.2']);
    expect(await resolver.resolve4('late.lab.test')).toEqual(['127.150.0.2']);
  });

  it('echoes EDNS, and truncates a UDP answer that does not fit so TCP is used', async () => {
    const many = Array.from({ length: 120 }, (_, i) => `127.151.0.${i + 1}`);
    fixture.lab.dns.set('many.lab.test', many);
    const withEdns: Packet = {
      ...query('many.lab.test'),
      additionals: [
        {
          type: 'OPT',
          name: '.',
          udpPayloadSize: 4096,
          extendedRcode: 0,
          ednsVersion: 0,
          flags: 0,
          flag_do: false,
          options: [],
        },
      ],
    };
    const udp = await udpQuery(server, withEdns);
    expect(udp.flag_tc).toBe(true);
    expect(udp.answers).toEqual([]);
    const tcp = await tcpQuery(server, withEdns);
    expect(tcp.answers).toHaveLength(120);
    expect(tcp.additionals).toMatchObject([{ type: 'OPT', udpPayloadSize: 1232 }]);
    expect(await resolverFor(server).resolve4('many.lab.test')).toHaveLength(120);
  });

  it('refuses to bind anything but loopback', async () => {
    await expect(startDnsServer(fixture.lab, '0.0.0.0')).rejects.toThrow(/loopback/);
  });

  const dig = (process.env.PATH ?? '').split(':').some((dir) => existsSync(`${dir}/dig`));

  it.skipIf(!dig)('answers dig', async () => {
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        'dig',
        ['@127.0.0.1', '-p', String(server.port), '+short', rancherHost],
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
    expect(out.trim()).toBe(rancherIp);
  });
});
