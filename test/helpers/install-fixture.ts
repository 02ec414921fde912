import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { createCa, issueCert } from '../../source/lab/pki.js';

export interface InstallFixture {
  home: string;
  answersFile: string;
  certsDir: string;
  hostname: string;
  cluster: string;
}

/** Answers and fresh certificates for an install against a lab (the operator's default hostname). */
export async function installFixture(
  labDir: string,
  cluster = 'czpksrancher05',
  extra: {
    ingress?: { controller?: 'traefik' | 'ingress-nginx'; chartVersion?: string };
    rancher?: { chartVersion?: string };
  } = {},
): Promise<InstallFixture> {
  const hostname = 'rancher.lab.test';
  const certsDir = join(labDir, 'certs');
  mkdirSync(certsDir, { recursive: true });
  const ca = await createCa({ commonName: 'Test Enterprise Root CA' });
  const server = await issueCert(ca, { commonName: hostname, dnsNames: [hostname] });
  writeFileSync(join(certsDir, 'cacerts.pem'), ca.certPem);
  // The CA's key, made now: the lab's tlsCertExpiring fault renews the certificate with it.
  writeFileSync(join(certsDir, 'ca.key'), ca.keyPem, { mode: 0o600 });
  writeFileSync(join(certsDir, 'rancher.cer'), server.certPem);
  writeFileSync(join(certsDir, 'rancher.key'), server.keyPem, { mode: 0o600 });
  const answersFile = join(certsDir, 'answers.yaml');
  writeFileSync(
    answersFile,
    stringify({
      pks: {
        cli: 'pks',
        plan: 'rancher',
        cluster,
        externalHostname: `${cluster}.lab.test`,
        networkProfile: 'lb-medium',
        lbSize: 'medium',
      },
      tls: { cert: './rancher.cer', key: './rancher.key', caCerts: './cacerts.pem' },
      ...extra,
      rancher: { hostname, replicas: 3, ...extra.rancher },
    }),
  );
  return {
    home: mkdtempSync(join(tmpdir(), 'rpt-home-')),
    answersFile,
    certsDir,
    hostname,
    cluster,
  };
}
