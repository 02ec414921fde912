import { describe, expect, it } from 'vitest';
import { startDnsOperator } from '../../../source/lab/dns/operator.js';
import type { LabContext } from '../../../source/lab/context.js';
import {
  addControllerService,
  addNamespace,
  createFixtureLab,
  rancherHost,
  setLoadBalancerIp,
  waitFor,
} from '../helpers/front-fixtures.js';

/**
 * Resolves once every clock delay scheduled before it of the operator's length has run:
 * at timescale 0 all are zero-length timers, which fire in order.
 */
function afterOperatorDelay(lab: LabContext): Promise<void> {
  return new Promise((resolve) => lab.clock.after(8000, resolve));
}

describe('simulated DNS operator', () => {
  it('adds the Rancher A record after the ingress controller gets its IP', async () => {
    const { lab, cluster, store, logs } = createFixtureLab();
    const stop = startDnsOperator(lab, cluster);
    addControllerService(store);
    await afterOperatorDelay(lab);
    expect(lab.dns.lookup(rancherHost)).toBeUndefined();

    setLoadBalancerIp(store, '127.160.0.5');
    expect(await waitFor(() => lab.dns.lookup(rancherHost), 'the A record')).toEqual([
      '127.160.0.5',
    ]);
    expect(logs.some((l) => l.includes(rancherHost) && l.includes('127.160.0.5'))).toBe(true);
    stop();
  });

  it('finds a controller that already has its IP when it starts, and follows IP changes', async () => {
    const { lab, cluster, store } = createFixtureLab();
    addControllerService(store, '127.160.0.6');
    const stop = startDnsOperator(lab, cluster);
    await waitFor(() => lab.dns.lookup(rancherHost)?.[0] === '127.160.0.6', 'the first record');

    setLoadBalancerIp(store, '127.160.0.7');
    await waitFor(() => lab.dns.lookup(rancherHost)?.[0] === '127.160.0.7', 'the updated record');
    stop();
  });

  it('does nothing with manualDns', async () => {
    const { lab, cluster, store } = createFixtureLab({ options: { manualDns: true } });
    const stop = startDnsOperator(lab, cluster);
    addControllerService(store, '127.160.0.8');
    await afterOperatorDelay(lab);
    expect(lab.dns.lookup(rancherHost)).toBeUndefined();
    stop();
  });

  it('does nothing once stopped', async () => {
    const { lab, cluster, store } = createFixtureLab();
    const stop = startDnsOperator(lab, cluster);
    addControllerService(store, '127.160.0.9');
    stop();
    await afterOperatorDelay(lab);
    expect(lab.dns.lookup(rancherHost)).toBeUndefined();
  });

  it('ignores LoadBalancer Services that are not the ingress controller', async () => {
    const { lab, cluster, store } = createFixtureLab();
    const stop = startDnsOperator(lab, cluster);
    addNamespace(store, 'ingress-nginx');
    store.create('services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'other', namespace: 'ingress-nginx', labels: { app: 'other' } },
      spec: { type: 'LoadBalancer', ports: [{ port: 443 }] },
      status: { loadBalancer: { ingress: [{ ip: '127.160.0.10' }] } },
    });
    await afterOperatorDelay(lab);
    expect(lab.dns.lookup(rancherHost)).toBeUndefined();
    stop();
  });

  it('follows the newest ingress controller once it has its IP (a migration)', async () => {
    let now = Date.parse('2026-12-01T10:00:00Z');
    const { lab, cluster, store } = createFixtureLab({ now: () => new Date(now) });
    const stop = startDnsOperator(lab, cluster);
    addControllerService(store, '127.160.0.11');
    await waitFor(() => lab.dns.lookup(rancherHost)?.[0] === '127.160.0.11', 'the nginx record');
    // Traefik's Service, created a second later (timestamps have second precision): the record moves.
    now += 1000;
    addNamespace(store, 'cattle-system');
    store.create('services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'traefik',
        namespace: 'cattle-system',
        labels: { 'app.kubernetes.io/name': 'traefik' },
      },
      spec: { type: 'LoadBalancer', ports: [{ name: 'websecure', port: 443 }] },
      status: { loadBalancer: { ingress: [{ ip: '127.160.0.12' }] } },
    });
    await waitFor(() => lab.dns.lookup(rancherHost)?.[0] === '127.160.0.12', 'the traefik record');
    stop();
  });
});
