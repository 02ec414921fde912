import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeObject } from '../kube/object.js';
import type { Store } from '../kube/store.js';
import { HelmError } from './errors.js';
import { parseSeconds } from './duration.js';
import { fetchIndexError, notAChartRepository } from './repositories.js';
import type { HelmSession } from './session.js';

/** The Helm 2 the lab simulates: the last 2.16, whose default stable repo is the retired Google bucket. */
export const helm2Version = {
  semver: 'v2.16.10',
  gitCommit: 'bceca24a91639f045f22ab0f41e47589a932cf5e',
};
export const tillerImage = `gcr.io/kubernetes-helm/tiller:${helm2Version.semver}`;
export const defaultStableRepoUrl = 'https://kubernetes-charts.storage.googleapis.com';
const localRepoUrl = 'http://127.0.0.1:8879/charts';
const tillerLabels = { app: 'helm', name: 'tiller' };

export type TillerState = 'ready' | 'absent' | 'not-ready';

function podReady(pod: KubeObject): boolean {
  if (pod.status?.phase !== 'Running') return false;
  const conditions: { type: string; status: string }[] = pod.status?.conditions ?? [];
  const ready = conditions.find((c) => c.type === 'Ready');
  return ready ? ready.status === 'True' : true;
}

/**
 * What the Helm 2 client finds when it looks for Tiller: pods labelled app=helm,name=tiller.
 * Without pods, a ready `tiller-deploy` also counts (a lab without a pod controller).
 */
export function tillerState(store: Store, namespace: string): TillerState {
  const pods = store.list('pods', { namespace, labelSelector: 'app=helm,name=tiller' });
  if (pods.some(podReady)) return 'ready';
  if (pods.length > 0) return 'not-ready';
  const deploy = store.get('apps/deployments', namespace, 'tiller-deploy');
  return (deploy?.status?.readyReplicas ?? 0) >= 1 ? 'ready' : 'absent';
}

/** Every Helm 2 release command first opens a tunnel to a ready Tiller pod. */
export function requireTiller(s: HelmSession): void {
  const state = tillerState(s.kube().cluster.store, s.tillerNamespace());
  if (state === 'absent') throw new HelmError('could not find tiller');
  if (state === 'not-ready') throw new HelmError('could not find a ready tiller pod');
}

function tillerDeployment(
  namespace: string,
  serviceAccount: string | undefined,
  historyMax: string,
): KubeObject {
  const probe = (path: string) => ({
    httpGet: { path, port: 44135 },
    initialDelaySeconds: 1,
    timeoutSeconds: 1,
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'tiller-deploy', namespace, labels: { ...tillerLabels } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { ...tillerLabels } },
      strategy: {},
      template: {
        metadata: { labels: { ...tillerLabels } },
        spec: {
          automountServiceAccountToken: true,
          ...(serviceAccount ? { serviceAccountName: serviceAccount } : {}),
          containers: [
            {
              name: 'tiller',
              image: tillerImage,
              imagePullPolicy: 'IfNotPresent',
              env: [
                { name: 'TILLER_NAMESPACE', value: namespace },
                { name: 'TILLER_HISTORY_MAX', value: historyMax },
              ],
              ports: [
                { containerPort: 44134, name: 'tiller' },
                { containerPort: 44135, name: 'http' },
              ],
              livenessProbe: probe('/liveness'),
              readinessProbe: probe('/readiness'),
              resources: {},
            },
          ],
        },
      },
    },
  };
}

function tillerService(namespace: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'tiller-deploy', namespace, labels: { ...tillerLabels } },
    spec: {
      type: 'ClusterIP',
      ports: [{ name: 'tiller', port: 44134, targetPort: 'tiller' }],
      selector: { ...tillerLabels },
    },
  };
}

/** First run: lay out $HELM_HOME and add the stable and local repositories. */
function initClient(s: HelmSession): void {
  const home = s.helmHome();
  const repos = s.repositories();
  if (repos.exists()) return;
  const dirs = [
    '',
    'repository',
    'repository/cache',
    'repository/local',
    'plugins',
    'starters',
    'cache/archive',
  ];
  for (const d of dirs) {
    const path = d ? join(home, d) : home;
    s.print(`Creating ${path} \n`);
    mkdirSync(path, { recursive: true });
  }
  s.print(`Creating ${repos.path} \n`);
  const stableUrl = s.flags.string('stable-repo-url') ?? defaultStableRepoUrl;
  s.print(`Adding stable repo with URL: ${stableUrl} \n`);
  if (!s.flags.bool('skip-refresh')) {
    const failure = fetchIndexError(stableUrl, 2);
    if (failure)
      throw new HelmError(`error initializing: ${notAChartRepository(stableUrl, failure, 2)}`);
  }
  s.print(`Adding local repo with URL: ${localRepoUrl} \n`);
  repos.put('stable', stableUrl, 2);
  repos.put('local', localRepoUrl, 2);
}

function waitForTiller(s: HelmSession, timeoutMs: number): Promise<boolean> {
  const store = s.kube().cluster.store;
  const ns = s.tillerNamespace();
  return new Promise((resolve) => {
    if (tillerState(store, ns) === 'ready') return resolve(true);
    const done = (ok: boolean) => {
      unsubscribe();
      clearTimeout(timer);
      resolve(ok);
    };
    const unsubscribe = store.subscribe(() => {
      if (tillerState(store, ns) === 'ready') done(true);
    });
    const timer = setTimeout(() => done(false), timeoutMs);
    timer.unref();
  });
}

/** `helm init [--service-account SA] [--wait] [--upgrade] [--stable-repo-url URL] [--skip-refresh] [-c]`. */
export async function initCommand(s: HelmSession): Promise<void> {
  initClient(s);
  s.print(`$HELM_HOME has been configured at ${s.helmHome()}.\n`);
  if (s.flags.bool('client-only')) {
    s.print("Not installing Tiller due to 'client-only' flag having been set\n");
    return;
  }
  const store = s.kube().cluster.store;
  const ns = s.tillerNamespace();
  const deployment = tillerDeployment(
    ns,
    s.flags.string('service-account'),
    s.flags.string('history-max') ?? '0',
  );
  const existing = store.get('apps/deployments', ns, 'tiller-deploy');
  if (existing && !s.flags.bool('upgrade')) {
    s.print(
      'Warning: Tiller is already installed in the cluster.\n(Use --client-only to suppress this message, or --upgrade to upgrade Tiller to the current version.)\n',
    );
  } else if (existing) {
    store.update('apps/deployments', { ...deployment, status: existing.status }, { force: true });
    s.print(`\nTiller (the Helm server-side component) has been updated to ${tillerImage} .\n`);
  } else {
    store.create('apps/deployments', deployment);
    if (!store.get('services', ns, 'tiller-deploy')) store.create('services', tillerService(ns));
    s.print(
      "\nTiller (the Helm server-side component) has been installed into your Kubernetes Cluster.\n\nPlease note: by default, Tiller is deployed with an insecure 'allow unauthenticated users' policy.\nTo prevent this, run `helm init` with the --tiller-tls-verify flag.\nFor more information on securing your installation see: https://docs.helm.sh/using_helm/#securing-your-helm-installation\n",
    );
  }
  if (s.flags.bool('wait')) {
    const timeout = parseSeconds(
      'tiller-connection-timeout',
      s.flags.string('tiller-connection-timeout') ?? '300',
    );
    if (!(await waitForTiller(s, timeout)))
      throw new HelmError('tiller was not found. polling deadline exceeded');
  }
}

/** `helm reset [--force]`: removes Tiller, leaves the releases' ConfigMaps. */
export function resetCommand(s: HelmSession): void {
  const store = s.kube().cluster.store;
  const ns = s.tillerNamespace();
  if (!s.flags.bool('force')) {
    requireTiller(s);
    const deployed = s
      .storage(ns)
      .list(undefined)
      .filter((r) => r.info.status === 'deployed').length;
    if (deployed > 0) {
      throw new HelmError(
        `there are still ${deployed} deployed releases (Tip: use --force to remove Tiller. Releases will not be deleted.)`,
      );
    }
  }
  for (const key of ['apps/deployments', 'services']) {
    if (store.get(key, ns, 'tiller-deploy')) store.delete(key, ns, 'tiller-deploy');
  }
  s.print(
    'Tiller (the Helm server-side component) has been uninstalled from your Kubernetes Cluster.\n',
  );
}
