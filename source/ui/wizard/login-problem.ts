import { PermanentError, TransientError } from '../../systems/errors.js';
import { PksError } from '../../systems/pks-errors.js';
import type { LoginState } from '../../systems/pks.js';

/** Why the login gate is shut, said as what really failed (not always the login). */
export interface LoginProblem {
  headline: string;
  message: string;
  remedy: string;
  /** Only when logging in (again) is the cure: show how. */
  showLogin: boolean;
}

const loginFailed = (message: string, remedy: string): LoginProblem => ({
  headline: 'The PKS CLI is not logged in',
  message,
  remedy,
  showLogin: true,
});

/**
 * The gate's answer, from `pks.loggedIn()`'s result or what it threw. The engine's own
 * classification (pks-errors: the kind of a PksError, transient or permanent) decides.
 */
export function loginProblem(outcome: LoginState | Error): LoginProblem | undefined {
  if (!(outcome instanceof Error)) {
    return outcome.ok ? undefined : loginFailed(outcome.message, outcome.remedy);
  }
  const remedy = outcome instanceof PermanentError ? outcome.remedy : '';
  if (outcome instanceof PksError) {
    switch (outcome.kind) {
      case 'not-logged-in':
        return loginFailed(outcome.message, remedy);
      case 'untrusted-api':
        return {
          headline: "The PKS API's certificate is not trusted",
          message: outcome.message,
          remedy,
          showLogin: true,
        };
      case 'no-privileges':
        return {
          headline: 'This PKS user may not list plans',
          message: outcome.message,
          remedy,
          showLogin: false,
        };
      default:
        break;
    }
  }
  if (outcome instanceof TransientError)
    return {
      headline: 'The PKS API cannot be reached',
      message: outcome.message,
      remedy:
        'check the network and the PKS API address this CLI logged in to (`pks login -a API`), then retry',
      showLogin: false,
    };
  if (outcome instanceof PermanentError && !(outcome instanceof PksError))
    return {
      headline: 'The PKS CLI cannot be run',
      message: outcome.message,
      remedy,
      showLogin: false,
    };
  return {
    headline: 'The PKS CLI failed',
    message: outcome.message,
    remedy: remedy || 'run `pks plans` in another terminal to see why, then retry',
    showLogin: false,
  };
}
