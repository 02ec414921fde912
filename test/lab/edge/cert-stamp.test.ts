import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CertStamp } from '../../../source/lab/edge/cert-stamp.js';
import { createCa } from '../../../source/lab/pki.js';

describe('stamped edge serving certificates', () => {
  it('are each their own: name, address, serial, signed by the edge CA', async () => {
    const ca = await createCa({ commonName: 'lab-edge-ca' });
    const { stamp, first } = await CertStamp.create(ca, {
      commonName: 'kube-apiserver',
      dnsNames: ['edge-001', 'kubernetes'],
      ips: ['127.120.16.1'],
    });
    const a = new X509Certificate(first.certPem);
    const b = new X509Certificate(stamp.issue('edge-042', '127.120.16.42'));
    const caCert = new X509Certificate(ca.certPem);
    expect(b.verify(caCert.publicKey)).toBe(true);
    expect(b.checkIssued(caCert)).toBe(true);
    expect(b.subjectAltName).toBe('DNS:edge-042, DNS:kubernetes, IP Address:127.120.16.42');
    expect(b.checkIP('127.120.16.42')).toBe('127.120.16.42');
    expect(b.checkIP('127.120.16.1')).toBeUndefined();
    expect(b.serialNumber).not.toBe(a.serialNumber);
    expect(b.publicKey.equals(a.publicKey)).toBe(true);
    expect(() => stamp.issue('edge-1000', '127.120.19.250')).toThrow(/not 8 long/);
  });
});
