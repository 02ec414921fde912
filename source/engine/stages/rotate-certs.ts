import type { Config } from '../../config/config.js';
import { PermanentError } from '../../systems/errors.js';
import { certificatesIn, readTlsFile } from '../../systems/tls.js';
import type { RunbookItem, Step, StepContext } from '../contract.js';
import { caChecksum, sameCaBundle } from '../desired/ca-bundle.js';
import { agentNamespace, agentWorkloads, checksumVariable } from '../desired/cluster-agent.js';
import { clusterNames, downstreamPlan } from '../desired/downstream-clusters.js';
import { caSecretKey, caSecretName, namespace, tlsSecretName } from '../desired/names.js';
import { settingRef } from '../desired/rancher-server.js';
import { restartedAt, restartPatch, restartStamp } from '../desired/rollout-restart.js';
import { rolloutStatus } from '../desired/rollout-status.js';
import { caSecret, tlsSecret } from '../desired/secrets.js';
import { waitFor } from '../wait.js';
import { secretHolds, tlsSecretCommand, writeSecret } from './certificates.js';
import { probeRancher } from './ingress.js';
import { newCaBundle } from './rotate-check.js';
import { agentsPin, downstreamPorts, pinNewCa, type DownstreamPorts } from './rotate-downstream.js';

/** `kubectl create … --dry-run=client -o yaml | kubectl apply -f -`: Rancher's docs' in-place update. */
function applied(argv: string[], note?: string): RunbookItem {
  return {
    kind: 'command',
    argv: [...argv, '--dry-run=client', '-o', 'yaml'],
    pipeTo: [['kubectl', 'apply', '-f', '-']],
    ...(note ? { note } : {}),
  };
}

const caStays = (ctx: StepContext) => ctx.facts.rotate?.caChanges === false;

/** The TLS secret holds the new certificate and key: the ingress controller serves them at once. */
export const rotateTlsSecret: Step = {
  id: 'rotate.tls-secret',
  title: `Secret ${tlsSecretName} (the new certificate)`,
  isDone: (ctx) => secretHolds(ctx, tlsSecret(ctx.config)),
  async run(ctx) {
    const what = await writeSecret(ctx, tlsSecret(ctx.config));
    ctx.progress(`secret ${tlsSecretName} ${what}: ${ctx.config.tls.cert}`);
  },
  runbook: (c) => [applied(tlsSecretCommand(c))],
};

/** The private-CA secret, only when the CA changes (Rancher's pods read it at start). */
export const rotateCaSecret: Step = {
  id: 'rotate.ca-secret',
  title: `Secret ${caSecretName} (the new CA)`,
  async isDone(ctx) {
    if (caStays(ctx)) return `the CA stays: ${caSecretName} is left as it is`;
    return secretHolds(ctx, caSecret(ctx.config));
  },
  async run(ctx) {
    const what = await writeSecret(ctx, caSecret(ctx.config));
    ctx.progress(`secret ${caSecretName} ${what}: ${ctx.config.tls.caCerts}`);
  },
  runbook: (c) => [
    applied(
      [
        'kubectl',
        '-n',
        namespace,
        'create',
        'secret',
        'generic',
        caSecretName,
        `--from-file=${caSecretKey}=${c.tls.caCerts}`,
      ],
      'only when the CA changes',
    ),
  ],
};

/** The leaf of the new certificate file, for comparing with what is served. */
function newLeafFingerprint(config: Config): string {
  const leaf = certificatesIn(readTlsFile(config.tls.cert))[0];
  if (!leaf)
    throw new PermanentError(`tls.cert: no certificate in ${config.tls.cert}`, 'check the file');
  return leaf.fingerprint256;
}

/** Proved from the wire: the hostname serves the new certificate, and it verifies with the new CA. */
export const rotateServed: Step = {
  id: 'rotate.served',
  title: 'HTTPS serves the new certificate (verified with the new CA)',
  async run(ctx) {
    const wanted = newLeafFingerprint(ctx.config);
    await waitFor(ctx, {
      what: `https://${ctx.config.rancher.hostname} to serve the new certificate`,
      timeoutMs: ctx.timing.probeMs,
      remedy: `check \`kubectl -n ${namespace} get secret ${tlsSecretName}\` and the ingress controller's logs, then resume`,
      check: async () => {
        const r = await probeRancher(ctx, '/ping');
        if (r.certFingerprint256 !== wanted)
          return {
            done: false,
            message: `still served: ${r.certSubject ?? r.error ?? 'nothing'} (not the new certificate yet)`,
          };
        if (!r.tlsOk)
          return {
            done: false,
            message: `the new certificate is served but does not verify with ${ctx.config.tls.caCerts}: ${r.tlsError ?? r.error ?? ''}`,
          };
        return {
          done: true,
          message: `served ${r.certSubject}, verified with ${ctx.config.tls.caCerts}`,
        };
      },
    });
  },
  runbook: (c) => [
    {
      kind: 'command',
      argv: [
        'openssl',
        's_client',
        '-connect',
        '<VIP>:443',
        '-servername',
        c.rancher.hostname,
        '-CAfile',
        c.tls.caCerts,
        '-verify_return_error',
      ],
      note: `the certificate shown is ${c.tls.cert} and "Verify return code: 0 (ok)"`,
    },
  ],
};

const rancherDeploy = { apiVersion: 'apps/v1', kind: 'Deployment', namespace, name: 'rancher' };

/** Rancher runs with the new CA: its `cacerts` setting holds it and the rollout is complete. */
async function rancherOnNewCa(ctx: StepContext): Promise<{ done: boolean; message: string }> {
  const kube = ctx.systems.kube();
  const rollout = rolloutStatus(await kube.get(rancherDeploy));
  if (!rollout.done) return rollout;
  const setting = await kube.get(settingRef('cacerts'));
  const loaded = typeof setting?.value === 'string' ? setting.value : '';
  if (!sameCaBundle(loaded, newCaBundle(ctx)))
    return { done: false, message: "Rancher's cacerts setting still holds the old CA" };
  // From the wire too, as agents download it (a bundle over 4 KiB is cut: the setting decides).
  const r = await probeRancher(ctx, '/cacerts');
  const body = r.body ?? '';
  if (body.length < 4096 && !sameCaBundle(body, newCaBundle(ctx)))
    return {
      done: false,
      message: `GET /cacerts does not serve the new CA yet (${r.status ?? r.error})`,
    };
  return { done: true, message: `${rollout.message}; /cacerts serves the new CA` };
}

/**
 * The CA changed: Rancher's pods read cacerts.pem only at start, so they restart, the way
 * `kubectl rollout restart` does it (Rancher's docs, step 3a). The stamp is kept before the
 * patch: a resume patches the same stamp (no second roll) and waits.
 */
export const rotateRestart: Step = {
  id: 'rotate.restart',
  title: 'Rancher restarts with the new CA',
  async isDone(ctx) {
    if (caStays(ctx)) return 'the CA stays: Rancher keeps running (no restart)';
    return (await rancherOnNewCa(ctx)).done;
  },
  async run(ctx) {
    const kube = ctx.systems.kube();
    const stamp = ctx.facts.rotate?.restartedAt ?? restartStamp(new Date());
    ctx.facts.rotate = { force: false, ...ctx.facts.rotate, restartedAt: stamp };
    ctx.progress(`restarting deploy/rancher (${stamp})`);
    if (restartedAt(await kube.get(rancherDeploy)) !== stamp)
      await kube.mergePatch(restartPatch(namespace, 'rancher', stamp));
    await waitFor(ctx, {
      what: 'Rancher pods to restart and load the new CA',
      timeoutMs: ctx.timing.rolloutMs,
      remedy: `read \`kubectl -n ${namespace} describe po -l app=rancher\`, then resume`,
      check: () => rancherOnNewCa(ctx),
    });
  },
  runbook: (c) => [
    {
      kind: 'command',
      argv: ['kubectl', '-n', namespace, 'rollout', 'restart', 'deploy/rancher'],
      note: 'only when the CA changes',
    },
    { kind: 'command', argv: ['kubectl', '-n', namespace, 'rollout', 'status', 'deploy/rancher'] },
    {
      kind: 'command',
      argv: ['curl', '--cacert', c.tls.caCerts, `https://${c.rancher.hostname}/cacerts`],
      note: `serves ${c.tls.caCerts}`,
    },
  ],
};

/**
 * The CA changed: every imported cluster's agent is told the new checksum through its own API,
 * then comes back Active in Rancher. Clusters we cannot reach were listed (and refused without
 * --force) before anything changed.
 */
export function agentsStep(portsOf: (ctx: StepContext) => DownstreamPorts = downstreamPorts): Step {
  const toldNow = async (ctx: StepContext, ports: DownstreamPorts) =>
    downstreamPlan(await ports.clusters(ctx.signal), ctx.facts.rotate?.imported ?? []).told;
  return {
    id: 'rotate.agents',
    title: 'Downstream agents trust the new CA',
    async isDone(ctx) {
      if (caStays(ctx)) return 'the CA stays: the agents keep their checksum';
      const ports = portsOf(ctx);
      const told = await toldNow(ctx, ports);
      if (told.length === 0) return 'no cluster imported by this tool to update';
      const checksum = caChecksum(newCaBundle(ctx));
      const clusters = await ports.clusters(ctx.signal);
      for (const t of told) {
        if (clusters.find((c) => c.id === t.clusterId)?.state !== 'active') return false;
        if (!(await agentsPin(await ports.agentKube(t), checksum))) return false;
      }
      return true;
    },
    async run(ctx) {
      const ports = portsOf(ctx);
      const told = await toldNow(ctx, ports);
      const checksum = caChecksum(newCaBundle(ctx));
      for (const t of told) {
        const changed = await pinNewCa(await ports.agentKube(t), checksum);
        ctx.progress(
          `${t.name}: ${changed.length ? `${changed.join(', ')} now pin${changed.length === 1 ? 's' : ''}` : 'already pins'} ${checksumVariable}=${checksum.slice(0, 12)}…`,
        );
      }
      await waitFor(ctx, {
        what: `${clusterNames(told)} to be Active again`,
        timeoutMs: ctx.timing.localClusterMs,
        remedy: `see the clusters in Rancher (\`kubectl get clusters.management.cattle.io\`) and their agents' logs (\`kubectl -n ${agentNamespace} logs deploy/${agentWorkloads[0].name}\` on each), then resume`,
        check: async () => {
          const clusters = await ports.clusters(ctx.signal);
          const waiting = told.filter(
            (t) => clusters.find((c) => c.id === t.clusterId)?.state !== 'active',
          );
          return {
            done: waiting.length === 0,
            message: waiting.length
              ? `not Active yet: ${clusterNames(waiting)}`
              : `${told.length} cluster${told.length === 1 ? '' : 's'} Active`,
          };
        },
      });
    },
    runbook: (c) => [
      {
        kind: 'command',
        argv: ['sha256sum', c.tls.caCerts],
        note: 'the new CATTLE_CA_CHECKSUM (Rancher hashes cacerts.pem with a final newline)',
      },
      {
        kind: 'command',
        argv: [
          'kubectl',
          '--kubeconfig',
          '<DOWNSTREAM_KUBECONFIG>',
          '-n',
          agentNamespace,
          'set',
          'env',
          `deploy/${agentWorkloads[0].name}`,
          `${checksumVariable}=<CHECKSUM>`,
        ],
        note: 'for each downstream cluster (Rancher docs, "Updating the Rancher Certificate", step 4, method 2); also ds/cattle-node-agent where it exists',
      },
      {
        kind: 'command',
        argv: ['kubectl', 'get', 'clusters.management.cattle.io', '-w'],
        note: 'each comes back Active',
      },
    ],
  };
}

export const rotateAgents: Step = agentsStep();
