import { createPrivateKey, webcrypto } from 'node:crypto';

type CryptoKeyPair = webcrypto.CryptoKeyPair;
type Algorithm = webcrypto.Algorithm;
type EcdsaParams = webcrypto.EcdsaParams;
import * as x509 from '@peculiar/x509';
import { toPem } from './pem.js';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export type KeyType = 'ec' | 'rsa';

/** A certificate with its private key, as PEM text and as objects for signing more. */
export interface Issued {
  certPem: string;
  keyPem: string;
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
}

export interface CertRequest {
  commonName: string;
  dnsNames?: string[];
  ips?: string[];
  notBefore?: Date;
  notAfter?: Date;
  keyType?: KeyType;
  /** Makes a CA (an intermediate when an issuer is given). */
  isCa?: boolean;
  /** A CA's pathLenConstraint. */
  pathLength?: number;
  /** keyUsage bits instead of the usual ones (to make broken CAs for tests). */
  keyUsage?: number;
  /**
   * The certificate's key pair instead of a new one: hundreds of lab servers (the edge
   * clusters) share one, each with its own certificate, to start in seconds.
   */
  keys?: CryptoKeyPair;
}

const day = 24 * 60 * 60 * 1000;

function algorithm(keyType: KeyType): webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams {
  return keyType === 'rsa'
    ? {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      }
    : { name: 'ECDSA', namedCurve: 'P-256' };
}

function signingAlgorithm(keyType: KeyType): Algorithm | EcdsaParams {
  return keyType === 'rsa'
    ? ({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as Algorithm)
    : ({ name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams);
}

function keyTypeOf(keys: CryptoKeyPair): KeyType {
  return keys.privateKey.algorithm.name === 'ECDSA' ? 'ec' : 'rsa';
}

async function generateKeys(keyType: KeyType): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(algorithm(keyType), true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
}

const keyPems = new WeakMap<webcrypto.CryptoKey, Promise<string>>();

async function privateKeyPem(keys: CryptoKeyPair): Promise<string> {
  let pem = keyPems.get(keys.privateKey);
  if (!pem) {
    pem = webcrypto.subtle
      .exportKey('pkcs8', keys.privateKey)
      .then((der) => toPem('PRIVATE KEY', der));
    keyPems.set(keys.privateKey, pem);
  }
  return pem;
}

/** Key identifiers depend on the key only: computed once per key. */
const subjectKeyIds = new WeakMap<webcrypto.CryptoKey, Promise<x509.Extension>>();
const authorityKeyIds = new WeakMap<webcrypto.CryptoKey, Promise<x509.Extension>>();

function cachedExtension(
  cache: WeakMap<webcrypto.CryptoKey, Promise<x509.Extension>>,
  key: webcrypto.CryptoKey,
  make: () => Promise<x509.Extension>,
): Promise<x509.Extension> {
  let ext = cache.get(key);
  if (!ext) {
    ext = make();
    cache.set(key, ext);
  }
  return ext;
}

/** A fresh key pair, or the request's own. */
export async function keyPairFor(
  request: Pick<CertRequest, 'keys' | 'keyType'>,
): Promise<CryptoKeyPair> {
  return request.keys ?? generateKeys(request.keyType ?? 'ec');
}

function serial(): string {
  return '01' + Buffer.from(webcrypto.getRandomValues(new Uint8Array(12))).toString('hex');
}

function extensionsFor(request: CertRequest): x509.Extension[] {
  if (request.isCa) {
    return [
      new x509.BasicConstraintsExtension(true, request.pathLength, true),
      new x509.KeyUsagesExtension(
        request.keyUsage ??
          x509.KeyUsageFlags.keyCertSign |
            x509.KeyUsageFlags.cRLSign |
            x509.KeyUsageFlags.digitalSignature,
        true,
      ),
    ];
  }
  const names: x509.JsonGeneralName[] = [
    ...(request.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(request.ips ?? []).map((value) => ({ type: 'ip' as const, value })),
  ];
  return [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(
      x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
      true,
    ),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    ...(names.length ? [new x509.SubjectAlternativeNameExtension(names)] : []),
  ];
}

/** A self-signed root CA. */
export async function createCa(request: CertRequest): Promise<Issued> {
  const keyType = request.keyType ?? 'ec';
  const keys = await generateKeys(keyType);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${request.commonName}`,
    notBefore: request.notBefore ?? new Date(Date.now() - day),
    notAfter: request.notAfter ?? new Date(Date.now() + 3650 * day),
    signingAlgorithm: signingAlgorithm(keyType),
    keys,
    extensions: [
      ...extensionsFor({ ...request, isCa: true }),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem') + '\n', keyPem: await privateKeyPem(keys), cert, keys };
}

/** A certificate signed by `issuer`: a server certificate, or an intermediate CA with `isCa`. */
export async function issueCert(issuer: Issued, request: CertRequest): Promise<Issued> {
  const keys = await keyPairFor(request);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${request.commonName}`,
    issuer: issuer.cert.subject,
    notBefore: request.notBefore ?? new Date(Date.now() - day),
    notAfter: request.notAfter ?? new Date(Date.now() + 825 * day),
    signingAlgorithm: signingAlgorithm(keyTypeOf(issuer.keys)),
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    extensions: [
      ...extensionsFor(request),
      await cachedExtension(subjectKeyIds, keys.publicKey, () =>
        x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ),
      await cachedExtension(authorityKeyIds, issuer.keys.publicKey, () =>
        x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey),
      ),
    ],
  });
  return { certPem: cert.toString('pem') + '\n', keyPem: await privateKeyPem(keys), cert, keys };
}

/**
 * A CA from its PEM certificate and PKCS#8 (or PEM-encoded EC/RSA) key, to sign more with:
 * the lab renews a certificate with the user's own CA when a fault says so.
 */
export async function loadCa(certPem: string, keyPem: string): Promise<Issued> {
  const key = createPrivateKey(keyPem);
  const keyType: KeyType = key.asymmetricKeyType === 'ec' ? 'ec' : 'rsa';
  const pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
  const usage: webcrypto.KeyUsage[] = ['sign'];
  const curves: Record<string, string> = {
    prime256v1: 'P-256',
    secp384r1: 'P-384',
    secp521r1: 'P-521',
  };
  const curve = curves[key.asymmetricKeyDetails?.namedCurve ?? ''] ?? 'P-256';
  const params =
    keyType === 'ec'
      ? { name: 'ECDSA', namedCurve: curve }
      : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const privateKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, params, true, usage);
  const cert = new x509.X509Certificate(certPem);
  const publicKey = await cert.publicKey.export(params, ['verify']);
  return {
    certPem,
    keyPem,
    cert,
    keys: { privateKey, publicKey } as CryptoKeyPair,
  };
}
