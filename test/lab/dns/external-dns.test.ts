import { describe, expect, it } from 'vitest';
import { externalDnsDelayMs, startExternalDns } from '../../../source/lab/dns/external-dns.js';
import { startDnsOperator } from '../../../source/lab/dns/operator.js';
import type { LabContext } from '../../../source/lab/context.js';
import type { KubeObject } from '../../../source/lab/kube/object.js';
import type { Store } from '../../../source/lab/kube/store.js';
import {
  addControllerService,
  addNamespace,
  createFixtureLab,
  rancherHost,
  rancherNamespace,
} from '../helpers/front-fixtures.js';

/** Resolves once every delay of external-dns's length scheduled before it has run (timescale 0). */
function afterSync(lab: LabContext): Promise<void> {
  return new Promise((resolve) => lab.clock.after(externalDnsDelayMs, resolve));
}

function addIngress(store: Store, name: string, hosts: string[], ips?: string[]): void {
  addNamespace(store, rancherNamespace);
  store.create('networking.k8s.io/ingresses', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: rancherNamespace },
    spec: {
      ingressClassName: 'traefik',
      tls: [{ hosts: hosts.slice(-1), secretName: 'tls' }],
      rules: hosts.slice(0, 1).map((host) => ({ host })),
    },
    ...(ips ? { status: { loadBalancer: { ingress: ips.map((ip) => ({ ip })) } } } : {}),
  });
}

function setStatus(store: Store, name: string, ips: string[]): void {
  const ing = store.mustGet('networking.k8s.io/ingresses', rancherNamespace, name);
  store.update(
    'networking.k8s.io/ingresses',
    { ...ing, status: { loadBalancer: { ingress: ips.map((ip) => ({ ip })) } } } as KubeObject,
    { subresource: 'status' },
  );
}

describe('--dns-from-ingress: simulated external-dns', () => {
  it('adds A records only once the Ingress has an address, for its rule and TLS hosts', async () => {
    const { lab, cluster, store, logs } = createFixtureLab({ options: { dnsFromIngress: true } });
    const stop = startExternalDns(lab, cluster);
    addIngress(store, 'rancher', [rancherHost, 'alias.lab.test']);
    await afterSync(lab);
    expect(lab.dns.lookup(rancherHost)).toBeUndefined();
    setStatus(store, 'rancher', ['127.160.1.5']);
    await afterSync(lab);
    expect(lab.dns.lookup(rancherHost)).toEqual(['127.160.1.5']);
    expect(lab.dns.lookup('alias.lab.test')).toEqual(['127.160.1.5']);
    expect(logs).toContain(`dns: external-dns set ${rancherHost} A 127.160.1.5`);
    stop();
  });

  it('follows an address change, skips the NSX-T transit address, deletes with the Ingress', async () => {
    const { lab, cluster, store } = createFixtureLab({ options: { dnsFromIngress: true } });
    const stop = startExternalDns(lab, cluster);
    addIngress(store, 'rancher', [rancherHost], ['100.64.128.125', '127.160.1.6']);
    await afterSync(lab);
    expect(lab.dns.lookup(rancherHost)).toEqual(['127.160.1.6']);
    setStatus(store, 'rancher', ['127.160.1.7']);
    await afterSync(lab);
    expect(lab.dns.lookup(rancherHost)).toEqual(['127.160.1.7']);
    store.delete('networking.k8s.io/ingresses', rancherNamespace, 'rancher');
    await afterSync(lab);
    expect(lab.dns.lookup(rancherHost)).toBeUndefined();
    stop();
  });

  it('leaves a record it did not create alone (its TXT registry owns only its own)', async () => {
    const { lab, cluster, store, logs } = createFixtureLab({ options: { dnsFromIngress: true } });
    lab.dns.set(rancherHost, ['127.9.9.9']);
    const stop = startExternalDns(lab, cluster);
    addIngress(store, 'rancher', [rancherHost], ['127.160.1.8']);
    await afterSync(lab);
    expect(lab.dns.lookup(rancherHost)).toEqual(['127.9.9.9']);
    expect(logs).toContain(`dns: external-dns leaves ${rancherHost} alone: not its record`);
    stop();
  });

  it('does nothing without the option; with it, the simulated operator is off', async () => {
    const plain = createFixtureLab();
    const stopPlain = startExternalDns(plain.lab, plain.cluster);
    addIngress(plain.store, 'rancher', ['elsewhere.lab.test'], ['127.160.1.9']);
    await afterSync(plain.lab);
    expect(plain.lab.dns.lookup('elsewhere.lab.test')).toBeUndefined();
    stopPlain();

    const { lab, cluster, store } = createFixtureLab({ options: { dnsFromIngress: true } });
    const stopOperator = startDnsOperator(lab, cluster);
    addControllerService(store, '127.160.1.10');
    await new Promise<void>((resolve) => lab.clock.after(8000, resolve));
    expect(lab.dns.lookup(rancherHost)).toBeUndefined();
    stopOperator();
  });
});
