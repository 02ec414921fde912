import { resolveAnswerPath } from '../../config/field-rules.js';
import type { AnswerField } from '../../config/field-rules.js';
import type { TlsCheckId, TlsFinding, TlsPaths } from '../../systems/tls.js';
import type { PartialAnswers } from '../../config/partial-answers.js';

/** The three TLS paths as the checks need them: resolved the way parseAnswers resolves them. */
export function tlsPathsFor(
  tls: { cert: string; key: string; caCerts: string },
  baseDir: string,
): TlsPaths {
  return {
    cert: resolveAnswerPath(tls.cert, baseDir),
    key: resolveAnswerPath(tls.key, baseDir),
    caCerts: resolveAnswerPath(tls.caCerts, baseDir),
  };
}

export function failedFindings(findings: readonly TlsFinding[]): TlsFinding[] {
  return findings.filter((finding) => finding.status === 'fail');
}

export function warningFindings(findings: readonly TlsFinding[]): TlsFinding[] {
  return findings.filter((finding) => finding.status === 'warn');
}

/** Which file to fix for a failed check, so the cursor can go there. */
export const fieldOfCheck: Readonly<Record<TlsCheckId, AnswerField>> = {
  'tls.files': 'tls.cert',
  'tls.cacerts-name': 'tls.caCerts',
  'tls.pem': 'tls.cert',
  'tls.key-encrypted': 'tls.key',
  'tls.key-match': 'tls.key',
  'tls.hostname': 'tls.cert',
  'tls.validity': 'tls.cert',
  'tls.chain': 'tls.caCerts',
  'tls.ca-only': 'tls.caCerts',
};

export function fieldToFix(findings: readonly TlsFinding[]): AnswerField | undefined {
  const first = failedFindings(findings)[0];
  return first ? fieldOfCheck[first.id] : undefined;
}

/** The Rancher hostname the certificate must cover (the review catches a missing one). */
export function certificateHostname(answers: PartialAnswers): string {
  return answers.rancher?.hostname?.trim().toLowerCase() ?? '';
}
