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
}

/** The real thing: the PKS/TKGI CLI and the certificate checks. */
export function wizardDataFromSystems(pks: Pks, now: () => Date = () => new Date()): WizardData {
  return {
    loginState: () => pks.loggedIn(),
    plans: () => pks.plans(),
    networkProfiles: () => pks.networkProfiles(),
    cluster: (name) => pks.cluster(name),
    checkTls: (paths, hostname) => checkTlsFiles(paths, hostname, now()),
  };
}
