import type { Bosh } from '../systems/bosh.js';
import { helm2Refused, type Helm } from '../systems/helm.js';
import type { Pks } from '../systems/pks.js';
import { errored, fail, pass, skip, type CheckResult } from './check.js';

/** The command-line tools the install runs: present, and which version. */

export interface ToolReaders {
  pks: Pick<Pks, 'version' | 'binary'>;
  helm: Pick<Helm, 'version'>;
  bosh: Pick<Bosh, 'available'>;
}

export async function checkPksTool(pks: ToolReaders['pks']): Promise<CheckResult> {
  try {
    return pass('tools.pks', `${pks.binary} ${await pks.version()}`);
  } catch (error) {
    return errored('tools.pks', error, 'install the PKS CLI (`pks` or `tkgi`) and put it on PATH');
  }
}

export async function checkHelmTool(helm: ToolReaders['helm']): Promise<CheckResult> {
  try {
    const { major, version } = await helm.version();
    if (major === 2) {
      const refused = helm2Refused(version);
      return fail('tools.helm', refused.message, refused.remedy);
    }
    return pass('tools.helm', `helm ${version || `v${major}`} (Helm ${major})`);
  } catch (error) {
    return errored('tools.helm', error, 'install Helm 3 or 4 and put `helm` on PATH');
  }
}

/** Optional: only the DRS anti-affinity VM list at the end needs it. */
export async function checkBoshTool(bosh: ToolReaders['bosh']): Promise<CheckResult> {
  if (await bosh.available())
    return pass('tools.bosh', 'bosh is on PATH (the finish stage lists the VMs for DRS rules)');
  return skip(
    'tools.bosh',
    'bosh is not on PATH (optional: only the VM list for DRS anti-affinity rules needs it)',
    'install the BOSH CLI and target the PKS BOSH director to get the VM list',
  );
}

export async function toolChecks(readers: ToolReaders): Promise<CheckResult[]> {
  return [
    await checkPksTool(readers.pks),
    await checkHelmTool(readers.helm),
    await checkBoshTool(readers.bosh),
  ];
}
