/** DER bytes as a PEM block (64-character base64 lines), e.g. label `PRIVATE KEY`. */
export function toPem(label: string, der: ArrayBuffer | Uint8Array): string {
  const body = Buffer.from(der as Uint8Array)
    .toString('base64')
    .replace(/.{64}/g, '$&\n')
    .replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}
