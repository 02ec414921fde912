import { cliErrorLine } from './cli-error-line.js';
import { PermanentError, type TransientError } from './errors.js';
import { classifyPksFailure, pksFailure } from './pks-errors.js';
import type { Env } from '../shared/env.js';

/**
 * With "UAA as the OIDC provider", `pks|tkgi get-credentials` needs the user's password:
 * "at the prompt or as the TKGI_USER_PASSWORD environment variable" (docs-pks@1.19
 * cluster-credentials.html.md.erb); the CLI reference says `PKS_USER_PASSWORD` (docs-pks@1.19
 * cli/index.html.md.erb). Which binary reads which is (unverified), so the child gets both —
 * for that one call, through its environment only (never argv, never a file).
 */
export const passwordVariables = ['TKGI_USER_PASSWORD', 'PKS_USER_PASSWORD'] as const;

export function passwordFromEnv(env: Env): string | undefined {
  return env.TKGI_USER_PASSWORD || env.PKS_USER_PASSWORD || undefined;
}

export function passwordEnv(password: string): Record<string, string> {
  return { TKGI_USER_PASSWORD: password, PKS_USER_PASSWORD: password };
}

/** No password was given and the CLI wanted one: the one line that says what to do. */
export class PasswordNeededError extends PermanentError {
  constructor(tool: string) {
    super(
      `${tool} get-credentials needs your PKS password (this TKGI uses OIDC): set TKGI_USER_PASSWORD (or PKS_USER_PASSWORD), or run in a terminal (without --yes) to be asked`,
      '',
    );
    this.name = 'PasswordNeededError';
  }
}

export class PasswordRejectedError extends PermanentError {
  constructor(tool: string, line: string) {
    super(
      `${tool} get-credentials did not accept the PKS password: ${line}`,
      'check the password of the user `pks login` used (TKGI_USER_PASSWORD / PKS_USER_PASSWORD, or type it again), then resume',
    );
    this.name = 'PasswordRejectedError';
  }
}

/**
 * What the real CLI says when it cannot read a password with stdin closed is (unverified):
 * the lab prints the `Password: ` prompt and `Error: EOF` (Go password readers on an empty
 * stdin); a terminal-only reader would say `inappropriate ioctl for device`. Match broadly.
 */
const needsPassword =
  /password|\bEOF\b|inappropriate ioctl|not a (tty|terminal)|no (tty|terminal)|USER_PASSWORD/i;
/** UAA refuses a wrong password with `Bad credentials` (401); the CLI's wording is (unverified). */
const wrongPassword =
  /bad credentials|invalid (username or password|credentials|password)|incorrect password|authentication failed|unauthori[sz]ed|Status: 401\b|\b401\b/i;
/** A PKS session that ran out, not the password: "log in again" applies. */
const sessionExpired =
  /not currently logged in|not currently authenticated|not logged in|please log ?in|token (has )?expired|expired token|invalid_token/i;

/** A failed get-credentials as the error that says what is missing. */
export function credentialsFailure(
  tool: string,
  cluster: string,
  output: { stdout: string; stderr: string },
  passwordGiven: boolean,
): PermanentError | TransientError {
  const text = `${output.stderr}\n${output.stdout}`;
  const kind = classifyPksFailure(text);
  const plain = () => pksFailure(tool, ['get-credentials', cluster], output);
  if (kind === 'unreachable' || kind === 'busy' || sessionExpired.test(text)) return plain();
  if (!passwordGiven && needsPassword.test(text)) return new PasswordNeededError(tool);
  if (passwordGiven && wrongPassword.test(text)) {
    return new PasswordRejectedError(tool, cliErrorLine(output.stderr, output.stdout));
  }
  return plain();
}
