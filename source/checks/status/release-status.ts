import { namespace } from '../../engine/desired/names.js';
import type { Helm, HelmRelease, HelmRevision } from '../../systems/helm.js';
import { fail, pass, settle, type CheckResult, type Read } from '../check.js';

/** A Helm release as `helm list` shows it, with its history when it is not deployed (why). */
export interface ReleaseState {
  release?: HelmRelease;
  history: HelmRevision[];
}

/** Both releases from one `helm list`; `helm history` only for one that is not deployed. */
export async function readReleases(
  helm: Pick<Helm, 'releases' | 'history'>,
  [first, second]: readonly [string, string],
): Promise<[Read<ReleaseState>, Read<ReleaseState>]> {
  const listed = await settle(() => helm.releases(namespace));
  const one = async (name: string): Promise<Read<ReleaseState>> => {
    if (listed instanceof Error) return listed;
    const release = listed.find((r) => r.name === name);
    if (release?.status !== 'deployed') {
      const history = release ? await settle(() => helm.history(name, namespace)) : [];
      return { ...(release ? { release } : {}), history: history instanceof Error ? [] : history };
    }
    return { release, history: [] };
  };
  return Promise.all([one(first), one(second)]);
}

/** The release's current revision (what `helm list` shows), if it exists. */
export function currentRevision(state: Read<ReleaseState>): HelmRelease | undefined {
  return state instanceof Error ? undefined : state.release;
}

/**
 * `rancher.release`, `ingress.release`: the release's last revision is `deployed`. A failed
 * upgrade leaves the revision before it running but Helm refusing to go on from it as
 * usual; `pending-*` means a helm that was killed mid-way (FACTS: only SIGKILL leaves it).
 */
export function checkRelease(
  id: string,
  name: string,
  state: Read<ReleaseState>,
  reinstall: string,
): CheckResult {
  if (state instanceof Error)
    return fail(
      id,
      `could not read the ${name} release: ${state.message}`,
      'check helm and its access to the cluster',
    );
  const { release, history } = state;
  if (!release) return fail(id, `there is no ${name} release in ${namespace}`, reinstall);
  const what = `${release.chart} revision ${release.revision}`;
  if (release.status === 'deployed') return pass(id, `${name}: ${what} deployed`);
  const last = history.find((r) => r.revision === release.revision);
  const good = history
    .filter((r) => r.revision < release.revision)
    .reverse()
    .find((r) => r.status === 'deployed' || r.status === 'superseded');
  const rollback = good
    ? `\`helm -n ${namespace} rollback ${name} ${good.revision}\` (${good.chart}, ${good.status} ${good.updated})`
    : `\`helm -n ${namespace} history ${name}\``;
  const why = last?.description ? `: ${last.description}` : '';
  if (release.status.startsWith('pending-'))
    return fail(
      id,
      `${name}: ${what} is ${release.status}${why}: a helm run was killed mid-way, and Helm refuses another upgrade ("another operation (install/upgrade/rollback) is in progress")`,
      `when no helm runs against it any more: ${rollback}; then ${reinstall}`,
    );
  return fail(
    id,
    `${name}: ${what} is ${release.status}${why}`,
    `find the cause (\`helm -n ${namespace} history ${name}\`, the pods' events), then go back with ${rollback}, or ${reinstall}`,
  );
}
