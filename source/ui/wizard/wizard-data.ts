import type { CheckResult } from '../../checks/check.js';
import type { Config } from '../../config/config.js';
import type { LoginState, NetworkProfile, Pks, PksCluster, Plan } from '../../systems/pks.js';
import { checkTlsFiles, type TlsFinding, type TlsPaths } from '../../systems/tls.js';

export type { LoginState, NetworkProfile, PksCluster, Plan, TlsFinding, TlsPaths };

/**
 * Everything the wizard asks the outside world. Components get it as a prop, so
 * tests hand in fakes and the wizard never runs a command itself.
 */
export interface WizardData {
  loginState(): Promise<LoginState>;
  plans(): Promise<Plan[]>;
  networkProfiles(): Promise<NetworkProfile[]>;
  /** The cluster of that name, or undefined when there is none. */
  cluster(name: string): Promise<PksCluster | undefined>;
  /** Every TLS check over the three files (absolute paths), for `hostname`. */
  checkTls(paths: TlsPaths, hostname: string): Promise<TlsFinding[]>;
  /** The review's re-checks of whole answers (checks/review-checks.ts); read-only. */
  recheck(config: Config, signal: AbortSignal): Promise<CheckResult[]>;
}

/** The real thing: the PKS/TKGI CLI, the certificate checks, and the review's re-checks. */
export function wizardDataFromSystems(
  pks: Pks,
  recheck: WizardData['recheck'],
  now: () => Date = () => new Date(),
): WizardData {
  return {
    recheck,
    loginState: () => pks.loggedIn(),
    plans: () => pks.plans(),
    networkProfiles: () => pks.networkProfiles(),
    cluster: (name) => pks.cluster(name),
    checkTls: (paths, hostname) => checkTlsFiles(paths, hostname, now()),
  };
}
