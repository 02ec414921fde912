/** PEM text split into its blocks, without interpreting the DER inside. */
export interface PemBlock {
  /** `CERTIFICATE`, `PRIVATE KEY`, `RSA PRIVATE KEY`, ... */
  label: string;
  /** RFC 1421 headers such as `Proc-Type: 4,ENCRYPTED`. */
  headers: Record<string, string>;
  der: Buffer;
  /** The block as it appeared, BEGIN to END line. */
  text: string;
}

const blockPattern = /-----BEGIN ([A-Z0-9 #]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

export function pemBlocks(content: Buffer | string): PemBlock[] {
  const text = typeof content === 'string' ? content : content.toString('latin1');
  return [...text.matchAll(blockPattern)].map((match) => {
    const [whole, label = '', inner = ''] = match;
    const { headers, base64 } = splitHeaders(inner);
    return { label, headers, der: Buffer.from(base64, 'base64'), text: whole };
  });
}

/** Encrypted traditional keys put `Name: value` lines and a blank line before the base64. */
function splitHeaders(inner: string): { headers: Record<string, string>; base64: string } {
  const lines = inner.split(/\r?\n/);
  const headers: Record<string, string> = {};
  let index = 0;
  for (; index < lines.length; index++) {
    const header = /^([A-Za-z-]+):\s*(.*)$/.exec(lines[index] ?? '');
    if (!header) break;
    headers[header[1] ?? ''] = header[2] ?? '';
  }
  return { headers, base64: lines.slice(index).join('').replace(/\s/g, '') };
}

const certificateLabels = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE']);

export function isCertificateBlock(block: PemBlock): boolean {
  return certificateLabels.has(block.label);
}

/** `PRIVATE KEY`, `RSA PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`, `OPENSSH PRIVATE KEY`, ... */
export function isPrivateKeyBlock(block: PemBlock): boolean {
  return block.label === 'PRIVATE KEY' || block.label.endsWith(' PRIVATE KEY');
}

/** True when the key needs a passphrase: PKCS#8 `ENCRYPTED PRIVATE KEY` or OpenSSL's `Proc-Type: 4,ENCRYPTED`. */
export function isEncryptedKeyBlock(block: PemBlock): boolean {
  return (
    block.label === 'ENCRYPTED PRIVATE KEY' || /ENCRYPTED/i.test(block.headers['Proc-Type'] ?? '')
  );
}

/** What a block is, in words for messages. */
export function blockKind(block: PemBlock): string {
  if (isCertificateBlock(block)) return 'a certificate';
  if (isPrivateKeyBlock(block)) return 'a private key';
  if (/CERTIFICATE REQUEST$/.test(block.label)) return 'a certificate signing request (CSR)';
  if (/PUBLIC KEY$/.test(block.label)) return 'a public key';
  if (block.label === 'PKCS7') return 'a PKCS#7 bundle';
  if (block.label === 'X509 CRL') return 'a certificate revocation list';
  return `a "${block.label}" block`;
}
