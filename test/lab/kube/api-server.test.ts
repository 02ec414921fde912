import { execFile, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  ApiException,
  CoreV1Api,
  KubeConfig,
  makeInformer,
  Watch,
  type V1Namespace,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiFixture, waitFor, type ApiFixture } from '../helpers/api-fixture.js';

const run = promisify(execFile);

let fx: ApiFixture;
let kc: KubeConfig;
let core: CoreV1Api;

async function kubectl(
  ...args: string[]
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run('kubectl', args, {
      env: { ...process.env, KUBECONFIG: fx.kubeconfig },
    });
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; code: number };
    return { stdout: err.stdout, stderr: err.stderr, code: err.code };
  }
}

function namespace(name: string): V1Namespace {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

beforeAll(async () => {
  fx = await startApiFixture();
  kc = new KubeConfig();
  kc.loadFromFile(fx.kubeconfig);
  core = kc.makeApiClient(CoreV1Api);
});

afterAll(async () => {
  await fx.stop();
});

describe('lab API server with client-node', () => {
  it('lists and creates, and reports 409 AlreadyExists as a Status', async () => {
    await core.createNamespace({ body: namespace('cn-one') });
    const list = await core.listNamespace();
    expect(list.items.map((n) => n.metadata?.name)).toContain('cn-one');
    const error = await core
      .createNamespace({ body: namespace('cn-one') })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiException);
    expect((error as ApiException<string>).code).toBe(409);
    expect(JSON.parse((error as ApiException<string>).body).reason).toBe('AlreadyExists');
  });

  it('feeds an informer with adds and deletes', async () => {
    const informer = makeInformer(kc, '/api/v1/namespaces', () => core.listNamespace());
    const added: string[] = [];
    const deleted: string[] = [];
    informer.on('add', (o) => added.push(o.metadata!.name!));
    informer.on('delete', (o) => deleted.push(o.metadata!.name!));
    await informer.start();
    await core.createNamespace({ body: namespace('cn-informed') });
    await waitFor(() => added.includes('cn-informed'), 'informer add');
    await core.deleteNamespace({ name: 'cn-informed' });
    await waitFor(() => deleted.includes('cn-informed'), 'informer delete');
    await informer.stop();
  });

  it('answers a watch from a too-old resourceVersion with a 410 ERROR event', async () => {
    const events: { phase: string; obj: { code?: number } }[] = [];
    const watch = new Watch(kc);
    const done = new Promise<void>((resolve) => {
      void watch.watch(
        '/api/v1/namespaces',
        { resourceVersion: '-5' },
        (phase, obj) => events.push({ phase, obj }),
        () => resolve(),
      );
    });
    await done;
    expect(events[0]?.phase).toBe('ERROR');
  });

  it('turns api5xx faults into 503/500 and recovers', async () => {
    fx.faults.set({ api5xx: 2 });
    const first = await core.listNamespace().catch((e: unknown) => e);
    const second = await core.listNamespace().catch((e: unknown) => e);
    expect((first as ApiException<string>).code).toBe(503);
    expect((second as ApiException<string>).code).toBe(500);
    expect((await core.listNamespace()).items.length).toBeGreaterThan(0);
    fx.faults.set({});
  });

  it('goes down for an outage and comes back on the same port', async () => {
    fx.faults.set({ apiDownSeconds: 1 });
    await waitFor(
      async () =>
        await core
          .listNamespace()
          .then(() => false)
          .catch(() => true),
      'the outage',
    );
    fx.faults.set({});
    await waitFor(
      async () =>
        await core
          .listNamespace()
          .then(() => true)
          .catch(() => false),
      'the API back',
      10_000,
    );
  });

  it('rejects requests without the token', async () => {
    const res = await fetch(`${fx.url}/api/v1/namespaces`).catch((e: unknown) => e);
    // Node's fetch refuses the lab's private CA; the point is no data leaks without a token.
    expect(res).toBeInstanceOf(Error);
  });
});

describe('lab API server with real kubectl', () => {
  it('creates namespaces and secrets and round-trips their data', async () => {
    expect((await kubectl('create', 'ns', 'cattle-system')).stdout).toContain(
      'namespace/cattle-system created',
    );
    const again = await kubectl('create', 'ns', 'cattle-system');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(
      'Error from server (AlreadyExists): namespaces "cattle-system" already exists',
    );
    const file = join(fx.dir, 'cacerts.pem');
    writeFileSync(file, 'not really a CA\n');
    await kubectl(
      '-n',
      'cattle-system',
      'create',
      'secret',
      'generic',
      'tls-ca',
      `--from-file=cacerts.pem=${file}`,
    );
    const data = await kubectl(
      '-n',
      'cattle-system',
      'get',
      'secret',
      'tls-ca',
      '-o',
      'jsonpath={.data.cacerts\\.pem}',
    );
    expect(Buffer.from(data.stdout, 'base64').toString()).toBe('not really a CA\n');
    const table = await kubectl('-n', 'cattle-system', 'get', 'secret');
    expect(table.stdout).toMatch(/NAME\s+TYPE\s+DATA\s+AGE\ntls-ca\s+Opaque\s+1\s+/);
  });

  it('reports a namespace created while `get ns -w` runs', async () => {
    const watcher = spawn('kubectl', ['get', 'ns', '-w', '--request-timeout=20s'], {
      env: { ...process.env, KUBECONFIG: fx.kubeconfig },
    });
    let stdout = '';
    watcher.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    // The list comes first; the watch then starts from its resourceVersion, so whatever is
    // created after the list is seen, however late the watch connects.
    await waitFor(() => /^NAME\s+STATUS\s+AGE$/m.test(stdout), 'the initial list');
    await kubectl('create', 'ns', 'watched-meanwhile');
    await waitFor(() => /watched-meanwhile\s+Active/.test(stdout), 'the watch event');
    watcher.kill();
  });

  it('waits for a pod condition and patches', async () => {
    fx.store.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p1', namespace: 'default', labels: { app: 'demo' } },
      spec: { containers: [{ name: 'c', image: 'x' }] },
    });
    setTimeout(() => {
      const pod = fx.store.mustGet('pods', 'default', 'p1');
      pod.status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
      fx.store.update('pods', pod, { subresource: 'status' });
    }, 500);
    const waited = await kubectl(
      'wait',
      '--for=condition=Ready',
      'pod',
      '-l',
      'app=demo',
      '--timeout=20s',
    );
    expect(waited.stdout).toContain('pod/p1 condition met');
    const labelled = await kubectl('label', 'pod', 'p1', 'tier=web');
    expect(labelled.stdout).toContain('pod/p1 labeled');
    expect(fx.store.mustGet('pods', 'default', 'p1').metadata.labels).toEqual({
      app: 'demo',
      tier: 'web',
    });
  });

  it('applies a manifest, then reports it unchanged, then configured', async () => {
    const manifest = (port: number) =>
      [
        'apiVersion: networking.k8s.io/v1',
        'kind: Ingress',
        'metadata: {name: rancher-ingress, namespace: default, annotations: {kubernetes.io/ingress.class: nginx}}',
        'spec:',
        '  ingressClassName: nginx',
        '  rules:',
        '  - host: rancher.lab.test',
        '    http:',
        '      paths:',
        `      - {path: /, pathType: Prefix, backend: {service: {name: rancher, port: {number: ${port}}}}}`,
        '',
      ].join('\n');
    const file = join(fx.dir, 'ingress.yaml');
    writeFileSync(file, manifest(80));
    expect((await kubectl('apply', '-f', file)).stdout).toContain('rancher-ingress created');
    expect((await kubectl('apply', '-f', file)).stdout).toContain('rancher-ingress unchanged');
    writeFileSync(file, manifest(8080));
    expect((await kubectl('apply', '-f', file)).stdout).toContain('rancher-ingress configured');
    const stored = fx.store.mustGet('networking.k8s.io/ingresses', 'default', 'rancher-ingress');
    expect(stored.spec.rules[0].http.paths[0].backend.service.port.number).toBe(8080);
  });

  it('refuses a new Ingress whose class annotation differs from ingressClassName, not an update', async () => {
    const manifest = (annotation: string, className: string) =>
      [
        'apiVersion: networking.k8s.io/v1',
        'kind: Ingress',
        `metadata: {name: class-check, namespace: default, annotations: {kubernetes.io/ingress.class: ${annotation}}}`,
        `spec: {ingressClassName: ${className}, rules: [{host: a.lab.test, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}]}}]}`,
        '',
      ].join('\n');
    const file = join(fx.dir, 'class-check.yaml');
    writeFileSync(file, manifest('nginx', 'traefik'));
    const refused = await kubectl('apply', '-f', file);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      'The Ingress "class-check" is invalid: annotations.kubernetes.io/ingress.class: Invalid value: "nginx": must match `ingressClassName` when both are specified',
    );
    writeFileSync(file, manifest('nginx', 'nginx'));
    expect((await kubectl('apply', '-f', file)).code).toBe(0);
    // ValidateIngressUpdate has no such rule.
    writeFileSync(file, manifest('nginx', 'traefik'));
    expect((await kubectl('apply', '-f', file)).stdout).toContain('class-check configured');
  });

  it('tracks field managers and applies server-side with conflicts, as kubectl sees them', async () => {
    const manifest = (replicas: number) =>
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: web, namespace: default}',
        'spec:',
        `  replicas: ${replicas}`,
        '  selector: {matchLabels: {app: web}}',
        '  template:',
        '    metadata: {labels: {app: web}}',
        '    spec: {containers: [{name: web, image: nginx}]}',
        '',
      ].join('\n');
    const file = join(fx.dir, 'web.yaml');
    writeFileSync(file, manifest(3));
    const applied = await kubectl('apply', '--server-side', '--field-manager=helm', '-f', file);
    expect(applied.stdout).toContain('deployment.apps/web serverside-applied');
    // kubectl patch names itself with ?fieldManager=kubectl-patch.
    await kubectl('patch', 'deploy', 'web', '-p', '{"spec":{"replicas":5}}');
    const owners = JSON.parse(
      (await kubectl('get', 'deploy', 'web', '-o', 'json', '--show-managed-fields')).stdout,
    ) as { metadata: { managedFields: { manager: string; operation: string }[] } };
    expect(owners.metadata.managedFields.map((e) => [e.manager, e.operation])).toEqual([
      ['helm', 'Apply'],
      ['kubectl-patch', 'Update'],
    ]);
    const refused = await kubectl('apply', '--server-side', '--field-manager=helm', '-f', file);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      'Apply failed with 1 conflict: conflict with "kubectl-patch" using apps/v1: .spec.replicas',
    );
    expect(fx.store.mustGet('apps/deployments', 'default', 'web').spec.replicas).toBe(5);
    const forced = await kubectl(
      'apply',
      '--server-side',
      '--field-manager=helm',
      '--force-conflicts',
      '-f',
      file,
    );
    expect(forced.code, forced.stderr).toBe(0);
    expect(fx.store.mustGet('apps/deployments', 'default', 'web').spec.replicas).toBe(3);
  });

  it('deletes a namespace and waits for it to go', async () => {
    await kubectl('create', 'ns', 'short-lived');
    const deleted = await kubectl('delete', 'ns', 'short-lived');
    expect(deleted.stdout).toContain('namespace "short-lived" deleted');
    expect((await kubectl('get', 'ns', 'short-lived')).stderr).toContain('NotFound');
  });
});
