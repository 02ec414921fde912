import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../../source/config/load-answers.js';
import { summaryLines, summaryModel } from '../../source/engine/summary.js';
import type { Facts } from '../../source/engine/facts.js';

const config = (ingress?: 'traefik' | 'ingress-nginx') =>
  parseAnswers(
    {
      pks: { plan: 'rancher', cluster: 'c05', externalHostname: 'c05.example.com' },
      rancher: { hostname: 'rancher.example.com' },
      tls: { cert: 'a.cer', key: 'a.key', caCerts: 'cacerts.pem' },
      ...(ingress ? { ingress: { controller: ingress } } : {}),
    },
    '/srv',
    {},
  );

const facts: Facts = {
  masterIp: '10.0.0.5',
  vip: '10.40.14.9',
  rancherChartVersion: '2.12.5',
  ingressChartVersion: '41.3.0',
  haSpread: [
    { pod: 'rancher-1', node: 'node-a' },
    { pod: 'rancher-2', node: 'node-b' },
  ],
  drsCommand: 'bosh -d service-instance_x vms',
};

describe('summaryModel', () => {
  it('has the URL, the VIP, both DNS records the install checked, and both charts with versions', () => {
    const model = summaryModel(config(), facts, '/t.log');
    expect(model.url).toBe('https://rancher.example.com');
    expect(model.vip).toBe('10.40.14.9');
    expect(model.dnsRecords).toEqual([
      { name: 'c05.example.com', ip: '10.0.0.5', purpose: 'Kubernetes API' },
      {
        name: 'rancher.example.com',
        ip: '10.40.14.9',
        purpose: 'Rancher, via the NSX-T VIP',
      },
    ]);
    expect(model.charts).toEqual([
      { product: 'Rancher', chart: 'rancher-stable/rancher', version: '2.12.5' },
      { product: 'Traefik, the ingress controller', chart: 'traefik/traefik', version: '41.3.0' },
    ]);
  });

  it('names the ingress controller the answers chose', () => {
    const model = summaryModel(config('ingress-nginx'), facts, '/t.log');
    expect(model.charts[1]).toMatchObject({ chart: 'ingress-nginx/ingress-nginx' });
    expect(model.charts[1]!.product).toMatch(/^ingress-nginx/);
  });

  it('leaves out what no step found (no VIP, no records) rather than inventing it', () => {
    const model = summaryModel(config(), {}, '/t.log');
    expect(model.vip).toBeUndefined();
    expect(model.dnsRecords).toEqual([]);
    expect(model.charts.every((c) => c.version === undefined)).toBe(true);
  });

  it('next steps: log in (with the password command), DRS rules (with the bosh command), NSX-T sizing', () => {
    const [login, drs, nsx] = summaryModel(config(), facts, '/t.log').nextSteps;
    expect(login!.text).toContain('open https://rancher.example.com');
    expect(login!.command).toContain('bootstrap-secret');
    expect(drs!.command).toBe('bosh -d service-instance_x vms');
    expect(nsx!.text).toContain('pod IP block');
    const named = summaryModel(config(), { drsMasters: ['m1'], drsWorkers: ['w1'] }, '/t.log');
    expect(named.nextSteps[1]!.text).toContain('masters (m1)');
    expect(named.nextSteps[1]!.command).toBeUndefined();
  });
});

describe('summaryLines', () => {
  it('prints the VIP, zone lines for both records, the charts, the spread and the next steps', () => {
    const lines = summaryLines(config(), facts, '/t.log');
    expect(lines[0]).toBe('Rancher is up: https://rancher.example.com');
    expect(lines).toContain('  NSX-T virtual server: 10.40.14.9');
    expect(lines).toContain('    c05.example.com.  IN  A  10.0.0.5  ; Kubernetes API');
    expect(lines).toContain(
      '    rancher.example.com.  IN  A  10.40.14.9  ; Rancher, via the NSX-T VIP',
    );
    expect(lines).toContain('    rancher-stable/rancher 2.12.5 (Rancher)');
    expect(lines).toContain('    traefik/traefik 41.3.0 (Traefik, the ingress controller)');
    expect(lines.join('\n')).toContain('HA spread: rancher-1 → node-a; rancher-2 → node-b');
    // Commands stand alone on their lines, to be copied whole.
    expect(lines).toContain('       bosh -d service-instance_x vms');
    expect(lines.some((l) => l.trim().startsWith('kubectl -n cattle-system get secret'))).toBe(
      true,
    );
  });
});
