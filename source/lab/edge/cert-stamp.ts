import { createPrivateKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import { issueCert, type Issued, type CertRequest } from '../pki.js';

/** One DER element: where its content starts and ends inside `der`. */
interface Element {
  start: number;
  contentStart: number;
  end: number;
}

function element(der: Buffer, at: number): Element {
  const first = der[at + 1]!;
  if (first < 0x80) return { start: at, contentStart: at + 2, end: at + 2 + first };
  const bytes = first & 0x7f;
  let length = 0;
  for (let i = 0; i < bytes; i++) length = length * 256 + der[at + 2 + i]!;
  return { start: at, contentStart: at + 2 + bytes, end: at + 2 + bytes + length };
}

function lengthBytes(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), lengthBytes(content.length), content]);
}

function pemOf(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function ipBytes(ip: string): Buffer {
  return Buffer.from(ip.split('.').map(Number));
}

/** Where `needle` occurs in `hay`, exactly once; throws otherwise. */
function onlyIndex(hay: Buffer, needle: Buffer, what: string): number {
  const at = hay.indexOf(needle);
  if (at < 0 || hay.indexOf(needle, at + 1) >= 0)
    throw new Error(`certificate template: ${what} not unique`);
  return at;
}

/**
 * Serving certificates for many servers that differ only in one DNS name of the same length
 * and one IPv4 address, made fast: the first is issued normally (pki.ts), the others are its
 * to-be-signed part with the serial, the name and the address replaced, signed again with the
 * CA's key (X.509: RFC 5280 §4.1; the ECDSA signature is DER, as node:crypto gives it). Each
 * certificate is a proper one of its own; only the key pair is shared (lab shortcut).
 */
export class CertStamp {
  private constructor(
    private readonly tbs: Buffer,
    private readonly signatureAlgorithm: Buffer,
    private readonly serialAt: Element,
    private readonly nameAt: number,
    private readonly nameLength: number,
    private readonly ipAt: number,
    private readonly caKey: KeyObject,
    readonly keyPem: string,
  ) {}

  static async create(
    ca: Issued,
    request: CertRequest & { dnsNames: string[]; ips: [string] },
  ): Promise<{ stamp: CertStamp; first: Issued }> {
    const first = await issueCert(ca, request);
    const der = Buffer.from(first.cert.rawData);
    const outer = element(der, 0);
    const tbsAt = element(der, outer.contentStart);
    const algAt = element(der, tbsAt.end);
    const tbs = der.subarray(tbsAt.start, tbsAt.end);
    // TBSCertificate: [0] version, then the serial INTEGER.
    const version = element(tbs, element(tbs, 0).contentStart);
    const serialAt = element(tbs, version.end);
    const name = Buffer.from(request.dnsNames[0]!, 'ascii');
    const nameAt =
      onlyIndex(tbs, Buffer.concat([Buffer.from([0x82, name.length]), name]), 'name') + 2;
    const ipAt =
      onlyIndex(tbs, Buffer.concat([Buffer.from([0x87, 4]), ipBytes(request.ips[0])]), 'address') +
      2;
    const stamp = new CertStamp(
      Buffer.from(tbs),
      Buffer.from(der.subarray(algAt.start, algAt.end)),
      { start: serialAt.start, contentStart: serialAt.contentStart, end: serialAt.end },
      nameAt,
      name.length,
      ipAt,
      createPrivateKey(ca.keyPem),
      first.keyPem,
    );
    return { stamp, first };
  }

  /** The certificate (PEM) for another name of the same length and another IPv4 address. */
  issue(name: string, ip: string): string {
    const nameBytes = Buffer.from(name, 'ascii');
    if (nameBytes.length !== this.nameLength)
      throw new Error(`certificate template: ${name} is not ${this.nameLength} long`);
    const tbs = Buffer.from(this.tbs);
    // A fresh positive serial of the same length (first byte 0x01, as pki.ts makes them).
    const serial = randomBytes(this.serialAt.end - this.serialAt.contentStart);
    serial[0] = 0x01;
    serial.copy(tbs, this.serialAt.contentStart);
    nameBytes.copy(tbs, this.nameAt);
    ipBytes(ip).copy(tbs, this.ipAt);
    const signature = sign('sha256', tbs, this.caKey);
    const bits = tlv(0x03, Buffer.concat([Buffer.from([0]), signature]));
    return pemOf(tlv(0x30, Buffer.concat([tbs, this.signatureAlgorithm, bits])));
  }
}
