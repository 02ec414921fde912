import type { Config } from '../../config/config.js';
import { caSecret, sameData } from '../../engine/desired/secrets.js';
import { schedulableNodes, spreadFinding } from '../../engine/desired/ha-spread.js';
import { caSecretKey, caSecretName, namespace } from '../../engine/desired/names.js';
import {
  fatalLogLine,
  livePods,
  mountFailure,
  rancherPodSelector,
  type PodView,
} from '../../engine/desired/rancher-pods.js';
import { localClusterState, serverUrlOf } from '../../engine/desired/rancher-server.js';
import type { KubeObject } from '../../systems/kube.js';
import { fail, pass, skip, warn, type CheckResult } from '../check.js';
import type { ClusterState } from './cluster-state.js';

/** Rancher itself: its pods, their spread, its settings, its `local` cluster, its CA. */

const describePods = `kubectl -n ${namespace} describe po -l ${rancherPodSelector}`;
/** A restart this recent is news; an older one is history (RESTARTS never goes down). */
const recentRestartMs = 60 * 60 * 1000;

function unreadable(id: string, what: string, error: Error): CheckResult {
  return fail(
    id,
    `could not read ${what}: ${error.message}`,
    'check kubectl access to the cluster',
  );
}

function exitText(pod: PodView): string {
  const exit = pod.lastExit;
  if (!exit) return '';
  const code = exit.exitCode !== undefined ? ` (exit ${exit.exitCode})` : '';
  return `, last ${exit.reason}${code}${exit.finishedAt ? ` at ${exit.finishedAt}` : ''}`;
}

function podLine(pod: PodView): string {
  const restarts = pod.restarts ? `, ${pod.restarts} restart${pod.restarts === 1 ? '' : 's'}` : '';
  const state = pod.ready ? 'ready' : (pod.reason ?? 'not ready');
  return `${pod.name} on ${pod.node ?? 'no node'}: ${state}${restarts}${exitText(pod)}`;
}

/** What to do about a pod that is not ready, by what it says. */
function podRemedy(pod: PodView): string {
  const read = `read \`kubectl -n ${namespace} describe po ${pod.name}\` and \`kubectl -n ${namespace} logs ${pod.name} --previous\``;
  if (pod.lastExit?.reason === 'OOMKilled')
    return `${pod.name} runs out of memory (OOMKilled): give it more (the chart's \`resources.limits.memory\`, or a worker with more memory), then delete the pod; ${read}`;
  return read;
}

/**
 * `rancher.pods`: the deployment's replicas ready; a pod that is not says why (the mount
 * event or the `[FATAL]` line the install's rollout reads too); restarts within the hour warn.
 */
export function checkRancherPods(
  state: ClusterState,
  config: Config,
  crashLog?: { pod: string; log: string },
  now: Date = new Date(),
): CheckResult {
  const id = 'rancher.pods';
  const { deployment, pods, events } = state.rancher;
  if (deployment instanceof Error) return unreadable(id, 'the rancher deployment', deployment);
  if (pods instanceof Error) return unreadable(id, "Rancher's pods", pods);
  if (!deployment)
    return fail(
      id,
      `there is no rancher deployment in ${namespace}`,
      'see rancher.release; the install (or `helm upgrade --install rancher`) creates it',
    );
  const views = livePods(pods);
  const wanted = Number(deployment.spec?.replicas ?? config.rancher.replicas);
  const ready = views.filter((p) => p.ready);
  const head = `${ready.length}/${wanted} Rancher pods ready`;
  const down = views.filter((p) => !p.ready);
  if (ready.length < wanted) {
    const cause =
      (events instanceof Error ? undefined : mountFailure(events, down)) ??
      (crashLog ? fatalLogLine(crashLog.pod, crashLog.log) : undefined);
    const lines = down.map(podLine);
    const missing = wanted - views.length;
    if (missing > 0)
      lines.push(`${missing} not created (see \`kubectl -n ${namespace} describe rs\`)`);
    return fail(
      id,
      `${head}: ${lines.join('; ')}${cause ? `; ${cause.message}` : ''}`,
      cause?.remedy ?? (down[0] ? podRemedy(down[0]) : `read \`${describePods}\``),
    );
  }
  const recent = views.filter(
    (p) =>
      p.restarts > 0 &&
      p.lastExit?.finishedAt !== undefined &&
      now.getTime() - Date.parse(p.lastExit.finishedAt) < recentRestartMs,
  );
  if (recent.length > 0)
    return warn(
      id,
      `${head}, but restarted within the hour: ${recent.map(podLine).join('; ')}`,
      podRemedy(recent[0]!),
    );
  const restarts = views.reduce((n, p) => n + p.restarts, 0);
  return pass(
    id,
    `${head}${restarts ? ` (${restarts} restarts, none within the hour)` : ', no restarts'}`,
  );
}

/** The crash-looping pod whose log says why, if any (its log is read for `checkRancherPods`). */
export function crashLooping(state: ClusterState): string | undefined {
  const { pods } = state.rancher;
  if (pods instanceof Error) return undefined;
  return livePods(pods).find((p) => !p.ready && p.reason === 'CrashLoopBackOff')?.name;
}

/** `rancher.spread`: one pod per node, as far as the workers allow (the finish stage's finding). */
export function checkSpread(state: ClusterState, config: Config): CheckResult {
  const id = 'rancher.spread';
  const { pods } = state.rancher;
  if (pods instanceof Error) return unreadable(id, "Rancher's pods", pods);
  if (state.nodes instanceof Error) return unreadable(id, 'the nodes', state.nodes);
  const placements = livePods(pods)
    .filter((p) => p.node)
    .map((p) => ({ pod: p.name, node: p.node! }));
  if (placements.length === 0) return skip(id, 'no Rancher pod is scheduled (see rancher.pods)');
  const workers = schedulableNodes(state.nodes).length;
  const finding = spreadFinding(placements, config.rancher.replicas, workers);
  if (finding.ok) return pass(id, finding.message);
  const shared = placements.find((p, i) => placements.some((q, j) => j < i && q.node === p.node));
  return warn(
    id,
    finding.message,
    `delete ${shared ? `\`kubectl -n ${namespace} delete po ${shared.pod}\`` : 'one of the pods that share a node'} so the scheduler places it on a free worker; with as many workers as replicas the install sets antiAffinity=required, which keeps them apart`,
  );
}

/** `rancher.server-url`: the setting Rancher's agents and the local cluster connect to. */
export function checkServerUrl(state: ClusterState, config: Config): CheckResult {
  const id = 'rancher.server-url';
  const want = serverUrlOf(config);
  const setting = state.serverUrl;
  if (setting instanceof Error) return unreadable(id, 'the server-url setting', setting);
  const set = `\`kubectl patch settings.management.cattle.io server-url --type merge -p '{"value":"${want}"}'\` (or Global Settings → server-url in Rancher)`;
  if (!setting)
    return fail(
      id,
      'Rancher has no server-url setting: it has not started yet',
      'see rancher.pods',
    );
  const value = typeof setting.value === 'string' ? setting.value : '';
  if (value === want) return pass(id, `server-url is ${want}`);
  const firstLogin = state.firstLogin instanceof Error ? undefined : state.firstLogin?.value;
  if (!value && firstLogin === 'true')
    return pass(
      id,
      `server-url is not set yet: nobody has logged in to Rancher, which asks for it at the first login (use ${want})`,
    );
  if (!value)
    return fail(
      id,
      'server-url is empty: no downstream cluster can register, and an older Rancher keeps its local cluster Provisioning',
      `set it: ${set}`,
    );
  return fail(
    id,
    `server-url is ${value}, not ${want}: Rancher's agents connect there`,
    `if ${want} is Rancher's address, set it: ${set}`,
  );
}

/** `rancher.local-cluster`: the cluster Rancher runs in is Ready in Rancher. */
export function checkLocalCluster(state: ClusterState, config: Config): CheckResult {
  const id = 'rancher.local-cluster';
  const cluster = state.localCluster;
  if (cluster instanceof Error) return unreadable(id, 'the local cluster', cluster);
  if (!cluster)
    return fail(
      id,
      'Rancher has not created its local cluster (clusters.management.cattle.io/local)',
      'see rancher.pods: Rancher creates it when it starts',
    );
  const { ready, waiting } = localClusterState(cluster);
  if (ready) return pass(id, 'the local cluster is Ready');
  return fail(
    id,
    `the local cluster is not Ready${waiting?.message ? `: ${waiting.message}` : ''}`,
    waiting
      ? `see rancher.server-url; then open ${serverUrlOf(config)}, edit the local cluster and save it unchanged (the walkthrough's "edit and save")`
      : `read \`kubectl get clusters.management.cattle.io local -o yaml\` (its conditions)`,
  );
}

const certificatesIn = (pem: string) => pem.match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0;

function secretValue(secret: KubeObject, key: string): string | undefined {
  const encoded = (secret.data as Record<string, string> | undefined)?.[key];
  return encoded === undefined ? undefined : Buffer.from(encoded, 'base64').toString('utf8');
}

/**
 * `rancher.cacerts`: the `tls-ca` secret is what Rancher's running pods loaded. They read it
 * once, as they start (a subPath mount): Rancher publishes it as its `cacerts` setting, and
 * "Updating the Rancher Certificate" (rancher-docs) has `/v3/settings/cacerts` compared with
 * the secret after `kubectl rollout restart deploy/rancher`. Also: the secret still holds
 * the answers' `tls.caCerts` (else a re-run of the install puts the file back).
 */
export function checkRancherCacerts(state: ClusterState, config: Config): CheckResult {
  const id = 'rancher.cacerts';
  const secret = state.caSecret;
  const setting = state.cacerts;
  if (secret instanceof Error) return unreadable(id, `secret ${caSecretName}`, secret);
  if (setting instanceof Error) return unreadable(id, 'the cacerts setting', setting);
  if (!secret)
    return fail(
      id,
      `secret ${namespace}/${caSecretName} is missing: a Rancher pod that restarts cannot start (secret "${caSecretName}" not found)`,
      `create it from your CA bundle: \`kubectl -n ${namespace} create secret generic ${caSecretName} --from-file=${caSecretKey}=${config.tls.caCerts}\``,
    );
  const bundle = secretValue(secret, caSecretKey);
  if (bundle === undefined)
    return fail(
      id,
      `secret ${caSecretName} has no key ${caSecretKey}: a Rancher pod that restarts crashes ([FATAL] read /etc/rancher/ssl/${caSecretKey}: is a directory)`,
      `recreate it with the key ${caSecretKey}: \`kubectl -n ${namespace} create secret generic ${caSecretName} --from-file=${caSecretKey}=${config.tls.caCerts} --dry-run=client -o yaml | kubectl apply -f -\``,
    );
  const problems: { status: 'fail' | 'warn'; message: string; remedy: string }[] = [];
  const loaded = typeof setting?.value === 'string' ? setting.value : undefined;
  if (loaded !== undefined && loaded.trim() !== bundle.trim())
    problems.push({
      status: 'fail',
      message: `${caSecretName} changed since Rancher's pods started: they still use the CA bundle they read then (the cacerts setting, served at /cacerts, holds ${certificatesIn(loaded)} certificate(s); the secret ${certificatesIn(bundle)}), and agents check their CATTLE_CA_CHECKSUM against that`,
      remedy: `restart Rancher's pods so they read it: \`kubectl -n ${namespace} rollout restart deploy/rancher\`; if the CA itself changed, downstream agents need the new checksum too (Rancher docs, "Updating the Rancher Certificate", step 4)`,
    });
  let fromFile: boolean | undefined;
  try {
    fromFile = sameData(caSecret(config))(secret);
  } catch {
    fromFile = undefined; // the answers' file cannot be read here: nothing to compare
  }
  if (fromFile === false)
    problems.push({
      status: 'warn',
      message: `${caSecretName} does not hold tls.caCerts (${config.tls.caCerts}): running the install again would put the file's bundle back`,
      remedy: `point tls.caCerts at the bundle now in ${caSecretName} (\`kubectl -n ${namespace} get secret ${caSecretName} -o jsonpath='{.data.cacerts\\.pem}' | base64 -d\`)`,
    });
  if (problems.length === 0) {
    const loadedNote =
      loaded === undefined
        ? '; Rancher has not published its cacerts setting yet'
        : ', the bundle Rancher loaded at start';
    return pass(
      id,
      `${caSecretName} holds ${certificatesIn(bundle)} CA certificate(s)${loadedNote}${fromFile ? ', from tls.caCerts' : ''}`,
    );
  }
  const status = problems.some((p) => p.status === 'fail') ? 'fail' : 'warn';
  const message = problems.map((p) => p.message).join('; ');
  const remedy = problems.map((p) => p.remedy).join('; ');
  return status === 'fail' ? fail(id, message, remedy) : warn(id, message, remedy);
}
