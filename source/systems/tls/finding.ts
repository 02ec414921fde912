/** The TLS checks, in the order they run; the ids become preflight check ids. */
export const tlsCheckIds = [
  'tls.files',
  'tls.cacerts-name',
  'tls.pem',
  'tls.key-encrypted',
  'tls.key-match',
  'tls.hostname',
  'tls.validity',
  'tls.chain',
  'tls.ca-only',
] as const;

export type TlsCheckId = (typeof tlsCheckIds)[number];

/** `skip`: the check could not run because an earlier one failed. */
export type FindingStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface TlsFinding {
  id: TlsCheckId;
  status: FindingStatus;
  message: string;
  /** What to do about it; empty when there is nothing to do. */
  remedy: string;
}

/** The three files the TLS secrets are made from. */
export interface TlsPaths {
  cert: string;
  key: string;
  caCerts: string;
}

export type TlsSlot = keyof TlsPaths;

/** The files' contents, as read once. */
export type TlsContents = Record<TlsSlot, Buffer>;

export const slotNames: Record<TlsSlot, string> = {
  cert: 'the certificate file',
  key: 'the key file',
  caCerts: 'cacerts.pem',
};

export function pass(id: TlsCheckId, message: string): TlsFinding {
  return { id, status: 'pass', message, remedy: '' };
}

export function warn(id: TlsCheckId, message: string, remedy: string): TlsFinding {
  return { id, status: 'warn', message, remedy };
}

export function fail(id: TlsCheckId, message: string, remedy: string): TlsFinding {
  return { id, status: 'fail', message, remedy };
}

export function skip(id: TlsCheckId, because: string): TlsFinding {
  return { id, status: 'skip', message: `not checked: ${because}`, remedy: '' };
}

/** Folds several problems of one check into one finding, the worst status winning. */
export function combine(
  id: TlsCheckId,
  problems: readonly { status: 'warn' | 'fail'; message: string; remedy: string }[],
  passMessage: string,
): TlsFinding {
  if (problems.length === 0) return pass(id, passMessage);
  const status = problems.some((problem) => problem.status === 'fail') ? 'fail' : 'warn';
  const unique = (texts: string[]) => [...new Set(texts.filter((text) => text !== ''))].join('; ');
  return {
    id,
    status,
    message: unique(problems.map((problem) => problem.message)),
    remedy: unique(problems.map((problem) => problem.remedy)),
  };
}
