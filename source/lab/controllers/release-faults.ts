import { SecretStorage, type Release } from '../helm/releases.js';
import type { Kit } from './kit.js';

/**
 * The `releaseFailed` fault: the release's last `helm upgrade --wait` timed out. Helm 3 and 4
 * record the new revision as failed and leave the one before it deployed (pkg/action/upgrade.go
 * failRelease: `Upgrade %q failed: %s`, status failed; the original is only superseded on
 * success), and the `--wait` timeout reads `context deadline exceeded` (lab/helm/install.ts).
 * Helm answers for it from then on (`helm list`, `helm status`, `helm history`) until a
 * rollback or a good upgrade: clearing the fault changes nothing. Set it once the release is
 * deployed; set again (cleared, then set), it fails the next revision too.
 */
export function startReleaseFaults(kit: Kit): void {
  let done: string | undefined;
  const reconcile = () => {
    const name = kit.ctx.lab.faults.current.releaseFailed;
    if (!name) done = undefined;
    if (!name || name === done || kit.ctx.lab.options.helmMajor === 2) return;
    const secrets = kit.store.list('secrets', { labelSelector: `owner=helm,name=${name}` });
    const namespace = secrets[0]?.metadata.namespace;
    if (!namespace) return; // not installed: nothing can fail
    const storage = new SecretStorage(kit.store, namespace);
    const history = storage.history(name);
    const deployed = [...history].reverse().find((r) => r.info.status === 'deployed');
    const last = history.at(-1);
    if (!deployed || !last) return;
    const now = new Date().toISOString();
    const failed: Release = {
      ...structuredClone(deployed),
      version: last.version + 1,
      info: {
        ...deployed.info,
        last_deployed: now,
        status: 'failed',
        description: `Upgrade "${name}" failed: context deadline exceeded`,
      },
    };
    done = name;
    storage.save(failed);
    kit.ctx.lab.log(
      `[${kit.ctx.spec.name}] release ${namespace}/${name} v${failed.version} failed`,
    );
  };
  kit.onFaultsChange(reconcile);
}
