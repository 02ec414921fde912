import { cliErrorLine } from './cli-error-line.js';
import { PermanentError, TransientError } from './errors.js';

export type PksFailureKind =
  | 'not-logged-in'
  | 'no-privileges'
  | 'untrusted-api'
  | 'unreachable'
  | 'busy'
  | 'not-found'
  | 'other';

/**
 * Without a valid session the CLI says `You are not currently authenticated. Please log in
 * to continue` (TKGI troubleshooting docs); other versions' wordings, and what an expired
 * refresh token prints, are not public (unverified). Match broadly (FACTS): login, 401,
 * invalid_token, expired, creds.
 */
const notLoggedIn =
  /\blog(?:ged)? ?in\b|not (currently )?authenticated|token (has )?expired|expired token|invalid_token|refresh token|\bcreds?\b|Status: 401\b|unauthori[sz]ed/i;
const noPrivileges = /do not have enough privileges|insufficient_scope|Status: 403\b/i;
const untrustedApi = /x509:|certificate signed by unknown authority|certificate is not valid/i;
/** The PKS API could not be reached or answered with a gateway/server error: retry. */
const unreachable =
  /dial tcp|connection refused|connection reset|no such host|i\/o timeout|TLS handshake timeout|Client\.Timeout|timeout awaiting|network is unreachable|unexpected EOF|Status: 50[0234]\b/i;
/** The broker refuses new operations while one runs on the instance (HTTP 422). */
const busy = /operation is in progress|in progress for your service instance/i;
const notFound = /not found|Status: 404\b/i;

export function classifyPksFailure(text: string): PksFailureKind {
  if (notLoggedIn.test(text)) return 'not-logged-in';
  if (noPrivileges.test(text)) return 'no-privileges';
  if (untrustedApi.test(text)) return 'untrusted-api';
  if (unreachable.test(text)) return 'unreachable';
  if (busy.test(text)) return 'busy';
  if (notFound.test(text)) return 'not-found';
  return 'other';
}

/** A failed `pks` command that retrying cannot fix; `kind` says which failure it is. */
export class PksError extends PermanentError {
  constructor(
    message: string,
    remedy: string,
    readonly kind: PksFailureKind,
  ) {
    super(message, remedy);
    this.name = 'PksError';
  }
}

/** An error the PKS API answered, as the CLI prints it (FACTS). */
export interface PksApiError {
  status: number;
  description: string;
  /** `ErrorMessage`, when it is not Go's `<nil>` or empty. */
  errorMessage?: string;
}

const nil = (value: string | undefined) =>
  value === undefined || value.trim() === '' || value.trim() === '<nil>';

/**
 * `Error: Status: 500; ErrorMessage: <nil>; Description: …; ResponseError: <nil>`: the
 * parts worth showing. Undefined for any other line.
 */
export function parsePksApiError(line: string): PksApiError | undefined {
  const status = /\bStatus: (\d{3})\b/.exec(line);
  if (!status) return undefined;
  const field = (name: string) =>
    new RegExp(`\\b${name}: (.*?)(?:; (?:ErrorMessage|Description|ResponseError):|$)`).exec(
      line,
    )?.[1];
  const description = field('Description');
  const errorMessage = field('ErrorMessage');
  return {
    status: Number(status[1]),
    description: nil(description) ? '' : description!.trim(),
    ...(nil(errorMessage) ? {} : { errorMessage: errorMessage!.trim() }),
  };
}

/** The CLI's error line, with an API error reduced to its status and description. */
function readableLine(binary: string, argv: string[], line: string): string {
  const api = parsePksApiError(line);
  if (!api) return line;
  const what = [api.description, api.errorMessage].filter(Boolean).join(' — ') || 'no description';
  return `${binary} ${argv[0] ?? ''}: the PKS API answered ${api.status}: ${what}`;
}

export function loginRemedy(binary: string): string {
  return `log in again: ${binary} login -a PKS-API -u USER -k (or --ca-cert CA.pem instead of -k); the session lasts about 6 hours, then \`${binary}\` needs a new login`;
}

function remedyFor(kind: PksFailureKind, binary: string, argv: string[]): string {
  switch (kind) {
    case 'not-logged-in':
      return loginRemedy(binary);
    case 'no-privileges':
      return 'this needs a PKS user with the `pks.clusters.admin` scope: log in as such a user, or ask a PKS administrator to run this step';
    case 'untrusted-api':
      return `log in again with \`${binary} login ... --ca-cert CA.pem\` using the PKS API's CA certificate`;
    case 'not-found':
      return `check the name; \`${binary} ${argv[0] === 'network-profile' ? 'network-profiles' : 'clusters'}\` lists what exists`;
    default:
      return `see the output of \`${binary} ${argv.join(' ')}\` in the transcript`;
  }
}

/** A failed `pks` run as an error: the CLI's own `Error:` line, with a remedy fitting the case. */
export function pksFailure(
  binary: string,
  argv: string[],
  output: { stdout: string; stderr: string },
): PksError | TransientError {
  const line = readableLine(binary, argv, cliErrorLine(output.stderr, output.stdout));
  const kind = classifyPksFailure(`${output.stderr}\n${output.stdout}`);
  if (kind === 'unreachable' || kind === 'busy') return new TransientError(line);
  const message = kind === 'not-logged-in' ? `${binary} is not logged in: ${line}` : line;
  return new PksError(message, remedyFor(kind, binary, argv), kind);
}
