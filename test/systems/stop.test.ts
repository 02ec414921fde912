import dgram from 'node:dgram';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bosh } from '../../source/systems/bosh.js';
import { Helm } from '../../source/systems/helm.js';
import { Pks } from '../../source/systems/pks.js';
import { createSystems, type Systems } from '../../source/systems/systems.js';
import { waitFor } from '../helpers/wait-for.js';
import { startApiFixture, type ApiFixture } from '../lab/helpers/api-fixture.js';
import { FakeBin } from './fake-bin.js';

// The run's signal, given once to the systems, stops every child process and request.

const bin = new FakeBin();
afterAll(() => bin.cleanup());

const stopped = () => new Error('interrupted');

/** A fake CLI call that records its pid and then runs for ten minutes. */
function longRunning(name: string, options: { ignoresSigterm?: boolean } = {}): string {
  const pidFile = join(bin.dir, `${name}.pid`);
  const trap = options.ignoresSigterm ? `trap '' TERM; ` : '';
  // `exec` keeps the pid: the sleep is the process that must be gone.
  return `${trap}echo $$ > '${pidFile}'; exec sleep 600`;
}

/** The pid the fake CLI wrote, once it runs. */
async function runningPid(name: string): Promise<number> {
  const file = join(bin.dir, `${name}.pid`);
  const pid = await waitFor(
    () => existsSync(file) && Number(readFileSync(file, 'utf8').trim()),
    `${name} to start`,
  );
  return pid;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const helmVersion = { when: 'version --short', stdout: 'v3.18.4+gd80839c\n' };

describe('pks, helm and bosh children when the run stops', () => {
  it('pks create-cluster is stopped and gone', async () => {
    const binary = bin.write('pks-create', [
      { when: 'create-cluster *', script: longRunning('pks-create') },
    ]);
    const controller = new AbortController();
    const pks = new Pks({ binary, signal: controller.signal });
    const call = pks.createCluster({ name: 'c1', externalHostname: 'c1.lab.test', plan: 'small' });
    const pid = await runningPid('pks-create');
    controller.abort(stopped());
    await expect(call).rejects.toThrow('interrupted');
    expect(alive(pid)).toBe(false);
  });

  it('a helm upgrade that ignores SIGTERM is killed after the grace period, and gone', async () => {
    const binary = bin.write('helm-upgrade', [
      helmVersion,
      {
        when: 'upgrade --install *',
        script: longRunning('helm-upgrade', { ignoresSigterm: true }),
      },
    ]);
    const controller = new AbortController();
    const helm = new Helm({ binary, signal: controller.signal });
    const call = helm.upgradeInstall({
      release: 'rancher',
      chart: 'rancher-stable/rancher',
      namespace: 'cattle-system',
      set: {},
    });
    const pid = await runningPid('helm-upgrade');
    controller.abort(stopped());
    await expect(call).rejects.toThrow('interrupted');
    expect(alive(pid)).toBe(false);
  });

  it('a second stop (killSignal) kills a child that ignores SIGTERM at once', async () => {
    const binary = bin.write('helm-kill', [
      helmVersion,
      { when: 'upgrade --install *', script: longRunning('helm-kill', { ignoresSigterm: true }) },
    ]);
    const killNow = new AbortController();
    // No stop asked first: only the kill can end the ten-minute child within the test.
    const helm = new Helm({
      binary,
      signal: new AbortController().signal,
      killSignal: killNow.signal,
    });
    const call = helm.upgradeInstall({
      release: 'rancher',
      chart: 'rancher-stable/rancher',
      namespace: 'cattle-system',
      set: {},
    });
    const pid = await runningPid('helm-kill');
    killNow.abort(stopped());
    await expect(call).rejects.toThrow('interrupted');
    expect(alive(pid)).toBe(false);
  });

  it('bosh vms is stopped and gone', async () => {
    const binary = bin.write('bosh-vms', [{ when: '*', script: longRunning('bosh-vms') }]);
    const controller = new AbortController();
    const call = new Bosh({ binary, signal: controller.signal }).vms('service-instance_x');
    const pid = await runningPid('bosh-vms');
    controller.abort(stopped());
    await expect(call).rejects.toThrow('interrupted');
    expect(alive(pid)).toBe(false);
  });

  it('a stopped run starts no command at all', async () => {
    const binary = bin.write('pks-never', [{ when: '*', stdout: '[]' }]);
    const controller = new AbortController();
    controller.abort(stopped());
    await expect(new Pks({ binary, signal: controller.signal }).plans()).rejects.toThrow(
      'interrupted',
    );
    expect(bin.calls('pks-never')).toEqual([]);
  });
});

describe('createSystems: the signal given once reaches every call', () => {
  let api: ApiFixture;
  let silentDns: dgram.Socket;
  let silentHttps: Server;
  const openSockets = new Set<Socket>();
  let controller: AbortController;
  let systems: Systems;

  beforeAll(async () => {
    api = await startApiFixture();
    // Every API answer takes ten minutes: only the stop ends a call within the test.
    api.faults.set({ apiSlowMs: 600_000 });
    silentDns = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => silentDns.bind(0, '127.0.0.1', resolve));
    // Accepts connections and never says a word (no TLS handshake).
    silentHttps = createServer((socket) => {
      openSockets.add(socket);
      socket.on('close', () => openSockets.delete(socket));
    });
    await new Promise<void>((resolve) => silentHttps.listen(0, '127.0.0.1', resolve));
    bin.write('pks', [{ when: 'create-cluster *', script: longRunning('systems-pks') }]);
    bin.write('helm', [
      helmVersion,
      { when: 'upgrade --install *', script: longRunning('systems-helm') },
    ]);
    bin.write('bosh', [{ when: '*', script: longRunning('systems-bosh') }]);
  });

  afterAll(async () => {
    api.faults.set({});
    silentDns.close();
    for (const socket of openSockets) socket.destroy();
    await new Promise((resolve) => silentHttps.close(resolve));
    await api.stop();
  });

  function freshSystems(): void {
    controller = new AbortController();
    systems = createSystems({
      signal: controller.signal,
      pksBinary: join(bin.dir, 'pks'),
      cluster: 'test',
      dnsServers: [`127.0.0.1:${silentDns.address().port}`],
      env: {
        ...process.env,
        PATH: `${bin.dir}:${process.env.PATH ?? ''}`,
        KUBECONFIG: api.kubeconfig,
        RANCHER_PKS_TUI_DNS_SERVERS: undefined,
        RANCHER_PKS_TUI_INGRESS_HTTPS_PORT: String((silentHttps.address() as AddressInfo).port),
      },
    });
  }

  it('pks', async () => {
    freshSystems();
    const call = systems.pks.createCluster({ name: 'c1', externalHostname: 'h', plan: 'small' });
    const pid = await runningPid('systems-pks');
    controller.abort(stopped());
    await expect(call).rejects.toThrow('interrupted');
    expect(alive(pid)).toBe(false);
  });

  it('helm', async () => {
    freshSystems();
    const call = systems.helm.upgradeInstall({
      release: 'ingress-nginx',
      chart: 'ingress-nginx/ingress-nginx',
      namespace: 'ingress-nginx',
      set: {},
    });
    const pid = await runningPid('systems-helm');
    controller.abort(stopped());
    await expect(call).rejects.toThrow('interrupted');
    expect(alive(pid)).toBe(false);
  });

  it('bosh', async () => {
    freshSystems();
    const call = systems.bosh.vms('service-instance_x');
    const pid = await runningPid('systems-bosh');
    controller.abort(stopped());
    await expect(call).rejects.toThrow('interrupted');
    expect(alive(pid)).toBe(false);
  });

  it('a Kubernetes API call', async () => {
    freshSystems();
    const call = systems.kube().get({ apiVersion: 'v1', kind: 'Namespace', name: 'default' });
    const settled = call.catch((e: unknown) => e);
    controller.abort(stopped());
    expect(await settled).toMatchObject({ message: 'interrupted' });
  });

  it('a DNS lookup', async () => {
    freshSystems();
    const call = systems.resolveA('rancher.lab.test');
    controller.abort(stopped());
    await expect(call).rejects.toThrow('interrupted');
  });

  it('an HTTPS probe', async () => {
    freshSystems();
    const call = systems.probe({ ip: '127.0.0.1', hostname: 'rancher.lab.test', caPem: '' });
    await waitFor(() => openSockets.size > 0, 'the probe to connect');
    controller.abort(stopped());
    await expect(call).rejects.toThrow('interrupted');
  });
});
