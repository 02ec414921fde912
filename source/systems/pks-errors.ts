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
 * What the real and the lab CLI say without a valid session. The lab prints
 * `You are not currently logged in. Please log in with 'pks login' and try again.`;
 * expired UAA tokens surface as `token expired`, `invalid_token` or a 401.
 */
const notLoggedIn =
  /not currently logged in|not currently authenticated|not logged in|please log ?in|token (has )?expired|expired token|invalid_token|refresh token|Status: 401\b|unauthori[sz]ed/i;
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

export function loginRemedy(binary: string): string {
  return `run \`${binary} login -a API -u USER -k\` (or --ca-cert CA.pem instead of -k) first, then try again`;
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
): PermanentError | TransientError {
  const line = cliErrorLine(output.stderr, output.stdout);
  const kind = classifyPksFailure(`${output.stderr}\n${output.stdout}`);
  if (kind === 'unreachable' || kind === 'busy') {
    return new TransientError(`${binary} ${argv[0] ?? ''}: ${line}`);
  }
  return new PermanentError(line, remedyFor(kind, binary, argv));
}
