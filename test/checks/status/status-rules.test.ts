import { beforeAll, describe, expect, it } from 'vitest';
import { checkRecordEverywhere } from '../../../source/checks/dns.js';
import { checkClusterStatus, checkNodes } from '../../../source/checks/status/cluster-status.js';
import {
  checkPool,
  checkVip,
  checkControllerPods,
} from '../../../source/checks/status/ingress-status.js';
import {
  checkLocalCluster,
  checkRancherCacerts,
  checkRancherPods,
  checkServerUrl,
  checkSpread,
} from '../../../source/checks/status/rancher-status.js';
import { checkRelease } from '../../../source/checks/status/release-status.js';
import {
  checkExpiry,
  checkRancherAnswer,
  checkServed,
} from '../../../source/checks/status/wire-status.js';
import { checkVirtualServers } from '../../../source/checks/status/capacity-status.js';
import {
  checkControllerCurrency,
  checkRancherCurrency,
} from '../../../source/checks/status/currency-status.js';
import { createCa, issueCert } from '../../../source/lab/pki.js';
import type { KubeObject } from '../../../source/systems/kube.js';
import type { PksCluster } from '../../../source/systems/pks.js';
import {
  config,
  healthyState,
  node,
  pki,
  rancherHost,
  rancherPod,
  type Pki,
} from './status-fixtures.js';

let p: Pki;
beforeAll(async () => {
  p = await pki();
});

const day = 24 * 60 * 60 * 1000;
const reinstall = 'run the install again';

describe('a healthy install', () => {
  it('passes every rule that reads the cluster', () => {
    const c = config(p.files);
    const state = healthyState(p.ca.certPem);
    for (const result of [
      checkNodes(state.nodes),
      checkRancherPods(state, c),
      checkSpread(state, c),
      checkServerUrl(state, c),
      checkLocalCluster(state, c),
      checkRancherCacerts(state, c),
      checkControllerPods(state, c),
      checkPool(state, c),
      checkVirtualServers(
        state,
        { name: 'lb-medium', description: '', lbSize: 'medium', parameters: {} },
        c,
      ),
    ])
      expect(result, result.id).toMatchObject({ status: 'pass' });
  });
});

describe('pks.cluster and k8s.nodes', () => {
  const cluster: PksCluster = {
    name: 'c1',
    planName: 'rancher',
    uuid: 'u1',
    lastAction: 'UPDATE',
    state: 'succeeded',
    description: 'Instance update completed',
    masterIps: ['10.0.0.1', '10.0.0.2', '10.0.0.3'],
    workerInstances: 2,
  };
  const plans = [
    { id: 'p', name: 'rancher', description: '', masterInstances: 3, workerInstances: 3 },
  ];

  it('fails a cluster with fewer workers than its plan, naming the command that brings them back', () => {
    const r = checkClusterStatus(cluster, plans, config(p.files).pks);
    expect(r.status).toBe('fail');
    expect(r.message).toContain('2 workers; plan rancher ask for 3 workers');
    expect(r.remedy).toContain('pks update-cluster c1 --num-nodes 3');
  });

  it('fails a failed last action with its description, warns while one runs', () => {
    const failed = checkClusterStatus(
      { ...cluster, state: 'failed', description: 'boom' },
      plans,
      config(p.files).pks,
    );
    expect(failed).toMatchObject({ status: 'fail', message: 'c1: UPDATE failed: boom' });
    const running = checkClusterStatus(
      { ...cluster, state: 'in progress', workerInstances: 3 },
      plans,
      config(p.files).pks,
    );
    expect(running.status).toBe('warn');
  });

  it('fails a cluster PKS does not know', () => {
    expect(checkClusterStatus(undefined, plans, config(p.files).pks)).toMatchObject({
      status: 'fail',
      message: 'PKS has no cluster c1',
    });
  });

  it('names a node that is not Ready, and warns of a cordoned worker', () => {
    const down = checkNodes([node('w1'), node('w2', true, false)]);
    expect(down).toMatchObject({ status: 'fail' });
    expect(down.message).toContain('w2 (NodeStatusUnknown)');
    const cordoned = node('w3');
    cordoned.spec = { unschedulable: true };
    expect(checkNodes([node('w1'), cordoned])).toMatchObject({
      status: 'warn',
      remedy: expect.stringContaining('kubectl uncordon w3'),
    });
  });
});

describe('rancher.release / ingress.release', () => {
  const history = [
    {
      revision: 1,
      updated: '2026-11-01',
      status: 'superseded',
      chart: 'rancher-2.12.4',
      description: 'Install complete',
    },
    {
      revision: 2,
      updated: '2026-11-20',
      status: 'deployed',
      chart: 'rancher-2.12.5',
      description: 'Upgrade complete',
    },
    {
      revision: 3,
      updated: '2026-12-01',
      status: 'failed',
      chart: 'rancher-2.12.5',
      description: 'Upgrade "rancher" failed: context deadline exceeded',
    },
  ];
  const release = (status: string, revision = 3) => ({
    name: 'rancher',
    namespace: 'cattle-system',
    revision,
    status,
    chart: 'rancher-2.12.5',
    app_version: 'v2.12.5',
  });

  it('passes a deployed release', () => {
    expect(
      checkRelease(
        'rancher.release',
        'rancher',
        { release: release('deployed', 2), history: [] },
        reinstall,
      ),
    ).toMatchObject({
      status: 'pass',
      message: 'rancher: rancher-2.12.5 revision 2 deployed',
    });
  });

  it("fails a failed upgrade with helm's words, and the revision to roll back to", () => {
    const r = checkRelease(
      'rancher.release',
      'rancher',
      { release: release('failed'), history },
      reinstall,
    );
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'rancher: rancher-2.12.5 revision 3 is failed: Upgrade "rancher" failed: context deadline exceeded',
    );
    expect(r.remedy).toContain('helm -n cattle-system rollback rancher 2');
  });

  it('explains pending-upgrade, and a release that is not there', () => {
    const pending = checkRelease(
      'rancher.release',
      'rancher',
      { release: release('pending-upgrade'), history },
      reinstall,
    );
    expect(pending.message).toContain('a helm run was killed mid-way');
    expect(checkRelease('ingress.release', 'traefik', { history: [] }, reinstall)).toMatchObject({
      status: 'fail',
      message: 'there is no traefik release in cattle-system',
      remedy: reinstall,
    });
  });
});

describe('rancher.pods, rancher.spread, rancher.server-url, rancher.local-cluster', () => {
  it('fails a crash-looping pod with its last exit, OOMKilled named', () => {
    const c = config(p.files);
    const state = healthyState(p.ca.certPem);
    state.rancher.pods = [
      rancherPod('rancher-0', 'w1'),
      rancherPod('rancher-1', 'w2'),
      rancherPod('rancher-2', 'w3', {
        ready: false,
        restarts: 7,
        waiting: 'CrashLoopBackOff',
        lastReason: 'OOMKilled',
      }),
    ];
    const r = checkRancherPods(state, c);
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      '2/3 Rancher pods ready: rancher-2 on w3: CrashLoopBackOff, 7 restarts, last OOMKilled (exit 137) at 2026-12-01T09:59:00Z',
    );
    expect(r.remedy).toContain('runs out of memory');
  });

  it("says the kubelet's mount error when tls-ca is gone", () => {
    const state = healthyState(p.ca.certPem);
    state.rancher.pods = [
      rancherPod('rancher-0', 'w1', { ready: false, waiting: 'ContainerCreating' }),
    ];
    state.rancher.events = [
      {
        metadata: { name: 'e' },
        reason: 'FailedMount',
        involvedObject: { name: 'rancher-0' },
        message: 'MountVolume.SetUp failed for volume "tls-ca-volume" : secret "tls-ca" not found',
      },
    ];
    const r = checkRancherPods(state, config(p.files));
    expect(r.message).toContain('secret "tls-ca" not found');
    expect(r.remedy).toContain('create the secret tls-ca with key cacerts.pem');
  });

  it('warns of a restart within the hour, and lets an older one be', () => {
    const state = healthyState(p.ca.certPem);
    const now = new Date('2026-12-01T10:00:00Z');
    const pods = state.rancher.pods as KubeObject[];
    pods[0] = rancherPod('rancher-0', 'w1', {
      restarts: 2,
      lastReason: 'Error',
      finishedAt: '2026-12-01T09:40:00Z',
    });
    expect(checkRancherPods(state, config(p.files), undefined, now).status).toBe('warn');
    pods[0] = rancherPod('rancher-0', 'w1', {
      restarts: 2,
      lastReason: 'Error',
      finishedAt: '2026-11-30T09:40:00Z',
    });
    expect(checkRancherPods(state, config(p.files), undefined, now)).toMatchObject({
      status: 'pass',
      message: '3/3 Rancher pods ready (2 restarts, none within the hour)',
    });
  });

  it('warns when two pods share a node', () => {
    const state = healthyState(p.ca.certPem);
    (state.rancher.pods as KubeObject[])[2] = rancherPod('rancher-2', 'w1');
    const r = checkSpread(state, config(p.files));
    expect(r.status).toBe('warn');
    expect(r.remedy).toContain('kubectl -n cattle-system delete po rancher-2');
  });

  it('passes an unset server-url before the first login, fails a wrong one', () => {
    const c = config(p.files);
    const state = healthyState(p.ca.certPem);
    state.serverUrl = { metadata: { name: 'server-url' }, value: '' };
    state.firstLogin = { metadata: { name: 'first-login' }, value: 'true' };
    expect(checkServerUrl(state, c).status).toBe('pass');
    state.firstLogin = { metadata: { name: 'first-login' }, value: 'false' };
    expect(checkServerUrl(state, c).status).toBe('fail');
    state.serverUrl = { metadata: { name: 'server-url' }, value: 'https://old.example.com' };
    expect(checkServerUrl(state, c)).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('https://old.example.com, not https://rancher.example.com'),
    });
  });

  it("fails a local cluster stuck on the server-url with the walkthrough's edit-and-save", () => {
    const state = healthyState(p.ca.certPem);
    state.localCluster = {
      metadata: { name: 'local' },
      status: {
        conditions: [
          {
            type: 'Provisioned',
            status: 'Unknown',
            message: 'waiting for server-url setting to be set',
          },
        ],
      },
    };
    const r = checkLocalCluster(state, config(p.files));
    expect(r.message).toBe(
      'the local cluster is not Ready: waiting for server-url setting to be set',
    );
    expect(r.remedy).toContain('edit the local cluster and save it unchanged');
  });
});

describe('rancher.cacerts', () => {
  it('fails when tls-ca changed since the pods read it, naming the restart', async () => {
    const other = await createCa({ commonName: 'Next Root' });
    const state = healthyState(p.ca.certPem);
    state.caSecret = {
      metadata: { name: 'tls-ca' },
      type: 'Opaque',
      data: { 'cacerts.pem': Buffer.from(p.ca.certPem + other.certPem).toString('base64') },
    };
    const r = checkRancherCacerts(state, config(p.files));
    expect(r.status).toBe('fail');
    expect(r.message).toContain("tls-ca changed since Rancher's pods started");
    expect(r.message).toContain('does not hold tls.caCerts');
    expect(r.remedy).toContain('kubectl -n cattle-system rollout restart deploy/rancher');
  });

  it('warns only when the pods use the secret but the answers name another file', async () => {
    const other = await createCa({ commonName: 'Next Root' });
    const state = healthyState(other.certPem);
    expect(checkRancherCacerts(state, config(p.files))).toMatchObject({ status: 'warn' });
  });

  it('fails a missing secret or key, with the command that makes it', () => {
    const state = healthyState(p.ca.certPem);
    state.caSecret = undefined;
    expect(checkRancherCacerts(state, config(p.files)).remedy).toContain(
      'create secret generic tls-ca --from-file=cacerts.pem=',
    );
    state.caSecret = { metadata: { name: 'tls-ca' }, data: { 'ca.crt': 'eA==' } };
    expect(checkRancherCacerts(state, config(p.files)).message).toContain('is a directory');
  });
});

describe('ingress.vip, ingress.pool, ingress.pods', () => {
  const served = { port: 443, chainPem: '' };

  it('fails when nothing answers at the VIP the Service still lists', () => {
    const r = checkVip(
      healthyState(p.ca.certPem),
      config(p.files),
      { port: 443, error: 'connect ECONNREFUSED 10.50.0.79:443' },
      '10.50.0.79',
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain('nothing answers at 10.50.0.79:443');
    expect(r.remedy).toContain('NSX-T Manager');
  });

  it("fails with NCP's error and the NSXError message", () => {
    const state = healthyState(p.ca.certPem);
    state.controller.service = {
      metadata: {
        name: 'traefik',
        annotations: { 'ncp/error.loadbalancer': 'SERVICE_LOADBALANCER_UNREALIZED' },
      },
      status: { loadBalancer: {} },
    };
    const r = checkVip(
      state,
      config(p.files),
      undefined,
      '10.50.0.79',
      '10087: Number of loadbalancer requested exceed Edge node limit',
    );
    expect(r.message).toContain(
      'NCP reports ncp/error.loadbalancer=SERVICE_LOADBALANCER_UNREALIZED',
    );
    expect(r.message).toContain('10087');
    expect(r.remedy).not.toMatch(/resume/);
  });

  it('says when the VIP moved since the install, and passes', () => {
    const r = checkVip(
      healthyState(p.ca.certPem, '10.50.0.80'),
      config(p.files),
      served,
      '10.50.0.79',
    );
    expect(r).toMatchObject({
      status: 'pass',
      message: expect.stringContaining('it was 10.50.0.79 at the install'),
    });
  });

  it('warns of a worker out of the pool, fails an empty pool, fails a worker without a controller', () => {
    const state = healthyState(p.ca.certPem);
    state.controller.endpoints = {
      metadata: { name: 'traefik' },
      subsets: [{ addresses: [{ ip: '10.200.0.1' }], notReadyAddresses: [{ ip: '10.200.0.2' }] }],
    };
    expect(checkPool(state, config(p.files))).toMatchObject({
      status: 'warn',
      message: expect.stringContaining('not ready: 10.200.0.2'),
    });
    state.controller.endpoints = { metadata: { name: 'traefik' }, subsets: [] };
    expect(checkPool(state, config(p.files)).status).toBe('fail');
    state.controller.pods = [];
    expect(checkControllerPods(state, config(p.files))).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('none ready on w1, w2, w3'),
    });
  });
});

describe('dns.* on every resolver', () => {
  const ok = (server: string) => ({ answers: ['10.50.0.79'], server });
  it('fails naming the resolver that answers otherwise, with the record to change', () => {
    const r = checkRecordEverywhere(
      'dns.rancher',
      rancherHost,
      [ok('10.0.0.53'), { answers: ['10.9.9.9'], server: '10.0.0.54' }],
      { ip: '10.50.0.79', what: 'the virtual server' },
      '',
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain('10.0.0.54 answers 10.9.9.9');
    expect(r.remedy).toContain(
      'the record rancher.example.com points at 10.9.9.9; change it to 10.50.0.79 (on every resolver: 10.0.0.53, 10.0.0.54)',
    );
  });

  it('fails a missing record, warns of extra addresses or a silent resolver, skips without an expected IP', () => {
    const want = { ip: '10.50.0.79', what: 'the virtual server' };
    expect(
      checkRecordEverywhere(
        'dns.rancher',
        rancherHost,
        [{ answers: [], server: 's', error: 'NXDOMAIN (no such name)' }],
        want,
        '',
      ).status,
    ).toBe('fail');
    expect(
      checkRecordEverywhere(
        'dns.rancher',
        rancherHost,
        [{ answers: ['10.50.0.79', '10.50.0.80'], server: 's' }],
        want,
        '',
      ).status,
    ).toBe('warn');
    expect(
      checkRecordEverywhere(
        'dns.rancher',
        rancherHost,
        [{ answers: [], server: 's', error: 'timed out' }],
        want,
        '',
      ).status,
    ).toBe('warn');
    expect(
      checkRecordEverywhere('dns.rancher', rancherHost, [ok('s')], undefined, 'no VIP').status,
    ).toBe('skip');
  });
});

describe('tls.served, tls.expiry, https.*', () => {
  const wire = (chainPem: string) => ({ vip: '10.50.0.79', served: { port: 443, chainPem } });
  const trust = () => ({ pem: p.ca.certPem, from: 'tls.caCerts' });

  it('passes the answers’ certificate, verified against the CA', () => {
    const r = checkServed(
      wire(p.server.certPem),
      config(p.files),
      trust(),
      Buffer.from(p.server.certPem),
    );
    expect(r).toMatchObject({ status: 'pass' });
    expect(r.message).toContain(
      'issued by "CN=Root" (DNS:rancher.example.com), verified against tls.caCerts',
    );
  });

  it("fails another CA's certificate with Go's words and how to put the answers' one back", async () => {
    const other = await issueCert(await createCa({ commonName: 'Another CA' }), {
      commonName: rancherHost,
      dnsNames: [rancherHost],
    });
    const r = checkServed(
      wire(other.certPem),
      config(p.files),
      trust(),
      Buffer.from(p.server.certPem),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain('x509: certificate signed by unknown authority');
    expect(r.remedy).toContain('create secret tls tls-rancher-ingress');
  });

  it("warns of a renewal the answers do not know, fails the controller's default certificate", async () => {
    const renewed = await issueCert(p.ca, { commonName: rancherHost, dnsNames: [rancherHost] });
    expect(
      checkServed(wire(renewed.certPem), config(p.files), trust(), Buffer.from(p.server.certPem))
        .status,
    ).toBe('warn');
    const fake = await issueCert(await createCa({ commonName: 'x' }), {
      commonName: 'TRAEFIK DEFAULT CERT',
    });
    expect(checkServed(wire(fake.certPem), config(p.files), trust(), undefined).message).toContain(
      "Traefik's default certificate",
    );
  });

  it('warns at 30 days left, fails at 7', async () => {
    const soon = (days: number) =>
      issueCert(p.ca, {
        commonName: rancherHost,
        dnsNames: [rancherHost],
        notAfter: new Date(Date.now() + days * day),
      });
    const warned = checkExpiry(wire((await soon(20)).certPem), config(p.files));
    expect(warned.status).toBe('warn');
    expect(warned.message).toMatch(/expires in (19|20) days/);
    // The remedy names the day-2 command that puts the renewed files in place.
    expect(warned.remedy).toMatch(
      /renew it soon; .* then put it in place with `.* rotate-certs --cert NEW\.cer --key NEW\.key --ca-certs cacerts\.pem`$/,
    );
    expect(checkExpiry(wire((await soon(40)).certPem), config(p.files)).status).toBe('pass');
    const r = checkExpiry(wire((await soon(5)).certPem), config(p.files));
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/expires in [45] days/);
  });

  it('skips what needs the virtual server when nothing answers there', () => {
    const down = { vip: '10.50.0.79', served: { port: 443, error: 'connect ECONNREFUSED' } };
    for (const r of [
      checkServed(down, config(p.files), trust(), undefined),
      checkExpiry(down, config(p.files)),
      checkRancherAnswer('https.ping', down, undefined, config(p.files)),
    ])
      expect(r).toMatchObject({
        status: 'skip',
        message: expect.stringContaining('see ingress.vip'),
      });
  });

  it("reads Rancher's answers: pong, a 503 without pods, Traefik's 404", () => {
    const w = wire(p.server.certPem);
    const probe = (status: number, body: string) => ({
      tlsOk: true,
      defaultCertificate: false,
      status,
      body,
    });
    expect(checkRancherAnswer('https.ping', w, probe(200, 'pong'), config(p.files)).status).toBe(
      'pass',
    );
    expect(checkRancherAnswer('https.healthz', w, probe(200, 'ok'), config(p.files)).status).toBe(
      'pass',
    );
    expect(
      checkRancherAnswer('https.ping', w, probe(503, 'no available server'), config(p.files))
        .remedy,
    ).toContain('rancher.pods');
    expect(
      checkRancherAnswer('https.ping', w, probe(404, '404 page not found\n'), config(p.files))
        .message,
    ).toContain('Traefik has no route');
  });
});

describe('currency.*', () => {
  const deployed = (chart: string) => ({
    release: {
      name: 'x',
      namespace: 'cattle-system',
      revision: 1,
      status: 'deployed',
      chart,
      app_version: '',
    },
    history: [],
  });

  it('warns of a newer patch of the installed line, passes the newest', () => {
    const c = config(p.files);
    expect(
      checkRancherCurrency(
        deployed('rancher-2.12.5'),
        { version: '2.12.7', preferred: true },
        c,
        'v1.31.4',
      ),
    ).toMatchObject({
      status: 'warn',
      remedy: expect.stringContaining('--version 2.12.7 --reuse-values'),
    });
    expect(
      checkRancherCurrency(
        deployed('rancher-2.12.7'),
        { version: '2.12.7', preferred: true },
        c,
        'v1.31.4',
      ).status,
    ).toBe('pass');
  });

  it("warns when SUSE's support window leaves the installed line", () => {
    const r = checkRancherCurrency(
      deployed('rancher-2.9.3'),
      { version: '2.12.7', preferred: true },
      config(p.files),
      'v1.31.4',
    );
    expect(r.status).toBe('warn');
    expect(r.message).toContain('SUSE validates 2.9 on 1.27–1.30 only');
  });

  it('warns of the retired ingress-nginx with the migration command', () => {
    const c = {
      ...config(p.files),
      ingress: { controller: 'ingress-nginx' as const, chartVersion: '' },
    };
    const r = checkControllerCurrency(
      deployed('ingress-nginx-4.15.1'),
      undefined,
      c,
      'v1.31.4',
      's1',
    );
    expect(r.status).toBe('warn');
    expect(r.remedy).toMatch(/migrate-ingress s1 --to traefik/);
  });
});
