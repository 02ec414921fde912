import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyUsageFlags } from '@peculiar/x509';
import { createCa, issueCert } from '../../source/lab/pki.js';
import {
  checkCaOnly,
  checkCacertsName,
  checkChain,
  checkHostname,
  checkKeyEncrypted,
  checkKeyMatch,
  checkPem,
  checkTlsContents,
  checkTlsFiles,
  checkValidity,
  hostnameMatches,
  tlsCheckIds,
  type TlsFinding,
} from '../../source/systems/tls.js';
import {
  day,
  der,
  encryptedPkcs1,
  encryptedPkcs8,
  makePki,
  pem,
  rancherHost,
  type Pki,
} from './tls-fixtures.js';

let pki: Pki;
let rsa: Pki;

beforeAll(async () => {
  [pki, rsa] = await Promise.all([makePki('ec'), makePki('rsa')]);
});

function goodContents(p: Pki = pki) {
  return {
    cert: pem(p.server.certPem, p.intermediate.certPem),
    key: pem(p.server.keyPem),
    caCerts: pem(p.root.certPem),
  };
}

const paths = {
  cert: '/certs/rancher.cer',
  key: '/certs/rancher.key',
  caCerts: '/certs/cacerts.pem',
};

function byId(findings: TlsFinding[]): Record<string, TlsFinding> {
  return Object.fromEntries(findings.map((finding) => [finding.id, finding]));
}

describe('a good chain', () => {
  it.each(['ec', 'rsa'] as const)('passes every check (%s keys)', (keyType) => {
    const findings = checkTlsContents(
      goodContents(keyType === 'ec' ? pki : rsa),
      paths,
      rancherHost,
      new Date(),
    );
    expect(findings.map((finding) => finding.id)).toEqual(tlsCheckIds.slice(1));
    for (const finding of findings)
      expect(finding, finding.message).toMatchObject({ status: 'pass', remedy: '' });
  });

  it('accepts a server certificate signed by the root directly', () => {
    expect(checkChain(pem(pki.direct.certPem), pem(pki.root.certPem)).status).toBe('pass');
  });

  it('accepts cacerts.pem holding the intermediate and the root', () => {
    const finding = checkChain(
      goodContents().cert,
      pem(pki.intermediate.certPem, pki.root.certPem),
    );
    expect(finding.status).toBe('pass');
  });
});

describe('tls.cacerts-name', () => {
  it('fails when the CA file is not named cacerts.pem', () => {
    const finding = checkCacertsName('/certs/root-ca.crt');
    expect(finding.status).toBe('fail');
    expect(finding.message).toContain('must be named cacerts.pem');
    expect(finding.remedy).toContain('cp /certs/root-ca.crt /certs/cacerts.pem');
  });

  it('passes for cacerts.pem in any folder', () => {
    expect(checkCacertsName('/a/b/cacerts.pem').status).toBe('pass');
  });
});

describe('tls.pem', () => {
  it('names a DER CA file', () => {
    const finding = checkPem({ ...goodContents(), caCerts: der(pki.root.certPem) });
    expect(finding.status).toBe('fail');
    expect(finding.message).toBe('cacerts.pem is a DER (binary) certificate, not PEM');
    expect(finding.remedy).toContain('openssl x509 -inform der');
  });

  it('names a private key in the CA slot', () => {
    const finding = checkPem({ ...goodContents(), caCerts: pem(pki.root.keyPem) });
    expect(finding.status).toBe('fail');
    expect(finding.message).toBe('cacerts.pem holds a private key, not CA certificates');
  });

  it('names a certificate in the key slot, and suggests a swap', () => {
    const finding = checkPem({ ...goodContents(), key: pem(pki.server.certPem) });
    expect(finding.message).toBe('the key file holds a certificate, not a private key');
    expect(finding.remedy).toContain('swapped');
  });

  it('names a key in the certificate slot', () => {
    const finding = checkPem({ ...goodContents(), cert: pem(pki.server.keyPem) });
    expect(finding.message).toBe('the certificate file holds a private key, not a certificate');
  });

  it('names a CSR', () => {
    const csr =
      '-----BEGIN CERTIFICATE REQUEST-----\nMIIBAA==\n-----END CERTIFICATE REQUEST-----\n';
    const finding = checkPem({ ...goodContents(), cert: pem(csr) });
    expect(finding.message).toBe(
      'the certificate file holds a certificate signing request (CSR), not a certificate',
    );
    expect(finding.remedy).toContain('send the CSR to your CA');
  });

  it('names a DER private key in the key slot', () => {
    const derKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      format: 'der',
      type: 'pkcs8',
    });
    const finding = checkPem({ ...goodContents(), key: derKey }, { key: '/certs/rancher.key' });
    expect(finding.message).toBe('the key file is a DER (binary) private key, not PEM');
    expect(finding.remedy).toContain('openssl pkey -inform der -in /certs/rancher.key');
  });

  it('fails a certificate file that also carries the key', () => {
    const finding = checkPem({
      ...goodContents(),
      cert: pem(pki.server.certPem, pki.server.keyPem),
    });
    expect(finding.message).toBe('the certificate file also holds a private key');
  });

  it('reports empty files and text without PEM blocks', () => {
    expect(checkPem({ ...goodContents(), cert: Buffer.from('\n') }).message).toBe(
      'the certificate file is empty',
    );
    expect(checkPem({ ...goodContents(), key: Buffer.from('hello') }).message).toContain(
      'holds no PEM block',
    );
  });

  it('reports every bad file in one finding', () => {
    const finding = checkPem({
      cert: pem(pki.server.keyPem),
      key: pem(pki.server.certPem),
      caCerts: der(pki.root.certPem),
    });
    expect(finding.message.split('; ')).toHaveLength(3);
  });

  it('accepts an encrypted key as PEM (tls.key-encrypted explains it)', () => {
    expect(checkPem({ ...goodContents(), key: encryptedPkcs8(pki.server.keyPem) }).status).toBe(
      'pass',
    );
  });
});

describe('tls.key-encrypted', () => {
  it('fails a PKCS#8 ENCRYPTED PRIVATE KEY', () => {
    const finding = checkKeyEncrypted(encryptedPkcs8(pki.server.keyPem), '/certs/rancher.key');
    expect(finding.status).toBe('fail');
    expect(finding.message).toContain('ENCRYPTED PRIVATE KEY');
    expect(finding.remedy).toContain(
      'openssl pkey -in /certs/rancher.key -out /certs/rancher.key.plain',
    );
  });

  it('fails a traditional key with Proc-Type: 4,ENCRYPTED', () => {
    const key = encryptedPkcs1(rsa.server.keyPem);
    expect(key.toString()).toContain('Proc-Type: 4,ENCRYPTED');
    const finding = checkKeyEncrypted(key);
    expect(finding.status).toBe('fail');
    expect(finding.message).toContain('Proc-Type: 4,ENCRYPTED');
  });

  it('skips tls.key-match when the key is encrypted', () => {
    const findings = byId(
      checkTlsContents(
        { ...goodContents(), key: encryptedPkcs8(pki.server.keyPem) },
        paths,
        rancherHost,
      ),
    );
    expect(findings['tls.key-encrypted']?.status).toBe('fail');
    expect(findings['tls.key-match']).toMatchObject({ status: 'skip' });
  });
});

describe('tls.key-match', () => {
  it('fails the key of another certificate', () => {
    const finding = checkKeyMatch(goodContents().cert, pem(pki.foreign.keyPem));
    expect(finding.status).toBe('fail');
    expect(finding.message).toContain('does not match the server certificate');
  });

  it('names the certificate the key belongs to when it is in the files', () => {
    const fromCa = checkKeyMatch(goodContents().cert, pem(pki.root.keyPem), pem(pki.root.certPem));
    expect(fromCa.message).toContain('belongs to the CA "CN=Sovsystems Root CA" from cacerts.pem');
    const wrongOrder = pem(pki.intermediate.certPem, pki.server.certPem);
    expect(checkKeyMatch(wrongOrder, pem(pki.server.keyPem)).message).toContain(
      'a later certificate in the certificate file',
    );
  });

  it('fails an RSA key against an EC certificate', () => {
    expect(checkKeyMatch(goodContents().cert, pem(rsa.server.keyPem)).status).toBe('fail');
  });
});

describe('tls.hostname', () => {
  it('fails a certificate for another hostname', () => {
    const finding = checkHostname(goodContents().cert, 'rancher.example.com');
    expect(finding.status).toBe('fail');
    expect(finding.message).toBe(
      `the certificate is for DNS:${rancherHost}, not rancher.example.com`,
    );
  });

  it('accepts a wildcard for exactly one label', async () => {
    const wildcard = await issueCert(pki.root, {
      commonName: '*.sovsystems.com',
      dnsNames: ['*.sovsystems.com'],
    });
    expect(checkHostname(pem(wildcard.certPem), rancherHost).status).toBe('pass');
    const deeper = checkHostname(pem(wildcard.certPem), 'rancher.lab.sovsystems.com');
    expect(deeper.status).toBe('fail');
    expect(deeper.message).toContain('*.sovsystems.com covers exactly one label');
    expect(checkHostname(pem(wildcard.certPem), 'sovsystems.com').status).toBe('fail');
  });

  it('does not count the Common Name alone', async () => {
    const cnOnly = await issueCert(pki.root, { commonName: rancherHost });
    const finding = checkHostname(pem(cnOnly.certPem), rancherHost);
    expect(finding.status).toBe('fail');
    expect(finding.message).toContain('only in its Common Name');
  });

  it('says so when a CA certificate comes first', () => {
    const finding = checkHostname(pem(pki.intermediate.certPem, pki.server.certPem), rancherHost);
    expect(finding.message).toContain('is a CA certificate, not the server certificate');
  });

  it('matches case-insensitively', () => {
    expect(checkHostname(goodContents().cert, rancherHost.toUpperCase()).status).toBe('pass');
  });

  it.each([
    ['*.example.com', 'a.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'a.b.example.com', false],
    ['*.com', 'example.com', false],
    ['a*.example.com', 'ab.example.com', false],
    ['*.*.example.com', 'a.b.example.com', false],
    ['Rancher.Example.com', 'rancher.example.com', true],
  ])('%s covers %s: %s', (pattern, host, expected) => {
    expect(hostnameMatches(pattern, host)).toBe(expected);
  });
});

describe('tls.validity', () => {
  it('fails an expired certificate', async () => {
    const expired = await issueCert(pki.root, {
      commonName: rancherHost,
      dnsNames: [rancherHost],
      notBefore: new Date(Date.now() - 400 * day),
      notAfter: new Date(Date.now() - day),
    });
    const finding = checkValidity(pem(expired.certPem), new Date());
    expect(finding.status).toBe('fail');
    expect(finding.message).toContain('the server certificate expired on');
  });

  it('fails a certificate that is not valid yet', async () => {
    const future = await issueCert(pki.root, {
      commonName: rancherHost,
      dnsNames: [rancherHost],
      notBefore: new Date(Date.now() + 10 * day),
      notAfter: new Date(Date.now() + 400 * day),
    });
    const finding = checkValidity(pem(future.certPem), new Date());
    expect(finding.status).toBe('fail');
    expect(finding.message).toContain('is not valid yet');
  });

  it('warns when the certificate expires within 30 days', () => {
    const cert = goodContents().cert;
    const finding = checkValidity(cert, new Date(Date.now() + 810 * day));
    expect(finding.status).toBe('warn');
    expect(finding.message).toMatch(/the server certificate expires in 1[45] days/);
  });

  it('fails when the certificate expires within 7 days', () => {
    const cert = goodContents().cert;
    const finding = checkValidity(cert, new Date(Date.now() + 820 * day));
    expect(finding.status).toBe('fail');
    expect(finding.message).toMatch(/the server certificate expires in [45] days/);
    expect(finding.remedy).toMatch(/renew it now/);
  });

  it('uses `now` rather than the clock', () => {
    expect(checkValidity(goodContents().cert, new Date(Date.now() + 900 * day)).status).toBe(
      'fail',
    );
    expect(checkValidity(goodContents().cert, new Date(Date.now() - 2 * day)).status).toBe('fail');
  });

  it('checks the intermediates too', async () => {
    const oldIntermediate = await issueCert(pki.root, {
      commonName: 'Old Issuing CA',
      isCa: true,
      notBefore: new Date(Date.now() - 400 * day),
      notAfter: new Date(Date.now() - day),
    });
    const server = await issueCert(oldIntermediate, {
      commonName: rancherHost,
      dnsNames: [rancherHost],
    });
    const finding = checkValidity(pem(server.certPem, oldIntermediate.certPem), new Date());
    expect(finding.status).toBe('fail');
    expect(finding.message).toContain('the intermediate "CN=Old Issuing CA" expired');
  });
});

describe('tls.chain', () => {
  it('detects a certificate signed by another CA', () => {
    const finding = checkChain(pem(pki.foreign.certPem), pem(pki.root.certPem));
    expect(finding.status).toBe('fail');
    expect(finding.message).toContain('x509: certificate signed by unknown authority');
    expect(finding.message).toContain('another CA');
  });

  it('detects another CA with the same name but a different key', async () => {
    const namesake = await createCa({ commonName: 'Sovsystems Root CA' });
    const finding = checkChain(pem(pki.direct.certPem), pem(namesake.certPem));
    expect(finding.message).toContain('signed by another CA');
    expect(finding.message).toContain('different key');
    expect(finding.message).toContain('x509: certificate signed by unknown authority');
  });

  it('detects a self-signed root in the certificate file that is not in cacerts.pem', () => {
    const finding = checkChain(
      pem(pki.foreign.certPem, pki.otherRoot.certPem),
      pem(pki.root.certPem),
    );
    expect(finding.message).toContain('self-signed "CN=Another Root CA"');
    expect(finding.message).toContain('unknown authority');
  });

  it('detects a missing intermediate that is only in cacerts.pem', () => {
    const finding = checkChain(
      pem(pki.server.certPem),
      pem(pki.root.certPem, pki.intermediate.certPem),
    );
    expect(finding.status).toBe('fail');
    expect(finding.message).toContain('an intermediate is missing from the certificate file');
    expect(finding.remedy).toContain('append the intermediate');
  });

  it('suspects a missing intermediate when the issuer is nowhere to be found', () => {
    const finding = checkChain(pem(pki.server.certPem), pem(pki.root.certPem));
    expect(finding.status).toBe('fail');
    expect(finding.message).toContain('issued by "CN=Sovsystems Issuing CA"');
    expect(finding.message).toContain('an intermediate is missing');
    expect(finding.message).toContain('x509: certificate signed by unknown authority');
  });

  it('detects the wrong order', () => {
    const finding = checkChain(
      pem(pki.intermediate.certPem, pki.server.certPem),
      pem(pki.root.certPem),
    );
    expect(finding.status).toBe('fail');
    expect(finding.message).toContain('wrong order (server certificate must come first');
  });

  it('refuses an issuer that is not a CA, naming the link (what Go and browsers refuse)', async () => {
    const notCa = await issueCert(pki.root, { commonName: 'Sovsystems Web Server' });
    const server = await issueCert(notCa, { commonName: rancherHost, dnsNames: [rancherHost] });
    const finding = checkChain(pem(server.certPem, notCa.certPem), pem(pki.root.certPem));
    expect(finding.status).toBe('fail');
    expect(finding.message).toBe(
      `certificate 2 in the certificate file, "CN=Sovsystems Web Server", signed "CN=${rancherHost}" but is not a CA (basicConstraints CA:FALSE): Go's TLS (Rancher's agents) and browsers reject the chain (x509: invalid signature: parent certificate cannot sign this kind of certificate)`,
    );
    expect(finding.remedy).toContain('reissue "CN=Sovsystems Web Server" as a CA');
  });

  it('refuses a CA whose keyUsage lacks keyCertSign', async () => {
    const ca = await createCa({ commonName: 'Signing-less Root', keyUsage: KeyUsageFlags.cRLSign });
    const server = await issueCert(ca, { commonName: rancherHost, dnsNames: [rancherHost] });
    const finding = checkChain(pem(server.certPem), pem(ca.certPem));
    expect(finding.status).toBe('fail');
    expect(finding.message).toContain(
      'the CA "CN=Signing-less Root" in cacerts.pem signed "CN=czrancherblog.sovsystems.com" but its keyUsage lacks keyCertSign',
    );
  });

  it("refuses a chain longer than a CA's path length allows", async () => {
    const root = await createCa({ commonName: 'Strict Root', pathLength: 0 });
    const issuing = await issueCert(root, { commonName: 'Strict Issuing CA', isCa: true });
    const server = await issueCert(issuing, { commonName: rancherHost, dnsNames: [rancherHost] });
    const finding = checkChain(pem(server.certPem, issuing.certPem), pem(root.certPem));
    expect(finding.status).toBe('fail');
    expect(finding.message).toContain(
      'the CA "CN=Strict Root" in cacerts.pem allows 0 intermediate CAs below it (pathlen), the chain has 1',
    );
    expect(finding.message).toContain('x509: too many intermediates for path length constraint');
  });

  it('refuses a CA in cacerts.pem outside its dates', async () => {
    const old = await createCa({
      commonName: 'Expired Root',
      notBefore: new Date(Date.now() - 400 * day),
      notAfter: new Date(Date.now() - day),
    });
    const server = await issueCert(old, { commonName: rancherHost, dnsNames: [rancherHost] });
    const finding = checkChain(pem(server.certPem), pem(old.certPem));
    expect(finding.status).toBe('fail');
    expect(finding.message).toMatch(
      /^the CA "CN=Expired Root" in cacerts\.pem expired on \d{4}-\d\d-\d\d: TLS clients refuse the whole chain \(x509: certificate has expired or is not yet valid\)$/,
    );
  });

  it('detects a certificate that is not part of the chain', () => {
    const finding = checkChain(
      pem(pki.server.certPem, pki.otherRoot.certPem),
      pem(pki.root.certPem),
    );
    expect(finding.message).toContain('not part of the chain');
  });
});

describe('tls.ca-only', () => {
  it('fails a CA file holding a leaf certificate', () => {
    const finding = checkCaOnly(pem(pki.root.certPem, pki.server.certPem));
    expect(finding.status).toBe('fail');
    expect(finding.message).toContain(`"CN=${rancherHost}", which is not a CA certificate`);
  });

  it('fails a CA file holding a key beside the certificate', () => {
    const finding = checkCaOnly(pem(pki.root.certPem, pki.root.keyPem));
    expect(finding.status).toBe('fail');
    expect(finding.message).toContain('holds a private key');
  });

  it('passes CA certificates only', () => {
    expect(checkCaOnly(pem(pki.intermediate.certPem, pki.root.certPem)).message).toBe(
      'cacerts.pem holds 2 CA certificates and no key',
    );
  });
});

describe('checkTlsContents skips what cannot run', () => {
  it('skips every certificate check when the certificate file is not PEM', () => {
    const findings = byId(
      checkTlsContents({ ...goodContents(), cert: der(pki.server.certPem) }, paths, rancherHost),
    );
    expect(findings['tls.pem']?.status).toBe('fail');
    for (const id of ['tls.key-match', 'tls.hostname', 'tls.validity', 'tls.chain'] as const) {
      expect(findings[id]?.status).toBe('skip');
      expect(findings[id]?.message).toContain('the certificate file is not usable PEM');
    }
    expect(findings['tls.ca-only']?.status).toBe('pass');
    expect(findings['tls.key-encrypted']?.status).toBe('pass');
  });

  it('skips the CA checks when cacerts.pem holds a key', () => {
    const findings = byId(
      checkTlsContents({ ...goodContents(), caCerts: pem(pki.root.keyPem) }, paths, rancherHost),
    );
    expect(findings['tls.chain']?.status).toBe('skip');
    expect(findings['tls.ca-only']?.status).toBe('skip');
    expect(findings['tls.hostname']?.status).toBe('pass');
  });
});

describe('checkTlsFiles', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tls-test-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function write(name: string, content: Buffer): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, content, { mode: 0o600 });
    return path;
  }

  it('reads the files once and returns every finding in order', async () => {
    const contents = goodContents();
    const files = {
      cert: await write('rancher.cer', contents.cert),
      key: await write('rancher.key', contents.key),
      caCerts: await write('cacerts.pem', contents.caCerts),
    };
    const findings = await checkTlsFiles(files, rancherHost, new Date());
    expect(findings.map((finding) => finding.id)).toEqual([...tlsCheckIds]);
    expect(findings.every((finding) => finding.status === 'pass')).toBe(true);
  });

  it('fails tls.files for a missing file and skips what needs it', async () => {
    const contents = goodContents();
    const files = {
      cert: await write('server.cer', contents.cert),
      key: join(dir, 'missing.key'),
      caCerts: await write('ca.pem', contents.caCerts),
    };
    const findings = byId(await checkTlsFiles(files, rancherHost));
    expect(findings['tls.files']).toMatchObject({ status: 'fail' });
    expect(findings['tls.files']?.message).toContain(`the key file ${files.key} does not exist`);
    expect(findings['tls.cacerts-name']?.status).toBe('fail');
    expect(findings['tls.key-encrypted']).toMatchObject({
      status: 'skip',
      message: 'not checked: the key file could not be read (see tls.files)',
    });
    expect(findings['tls.key-match']?.status).toBe('skip');
    expect(findings['tls.chain']?.status).toBe('pass');
  });

  it('reports a folder given as a file', async () => {
    const contents = goodContents();
    const findings = byId(
      await checkTlsFiles(
        {
          cert: dir,
          key: await write('k.key', contents.key),
          caCerts: await write('cacerts.pem', contents.caCerts),
        },
        rancherHost,
      ),
    );
    expect(findings['tls.files']?.message).toContain('is a folder');
  });

  it.skipIf(process.getuid?.() === 0)('reports an unreadable file', async () => {
    const contents = goodContents();
    const key = await write('locked.key', contents.key);
    await chmod(key, 0o000);
    const findings = byId(
      await checkTlsFiles(
        {
          cert: await write('c.cer', contents.cert),
          key,
          caCerts: await write('cacerts.pem', contents.caCerts),
        },
        rancherHost,
      ),
    );
    expect(findings['tls.files']?.message).toContain('permission denied');
  });
});
