import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../../source/config/load-answers.js';
import { upgradeSummaryLines } from '../../source/engine/upgrade-summary.js';

const config = parseAnswers(
  {
    pks: {
      plan: 'rancher',
      cluster: 'czpksrancher05',
      externalHostname: 'czpksrancher05.example.test',
      lbSize: 'medium',
      networkProfile: 'lb-medium',
    },
    rancher: { hostname: 'rancher.example.test' },
    tls: { cert: 'r.cer', key: 'r.key', caCerts: 'cacerts.pem' },
  },
  '/srv/answers',
  {},
);

describe('the upgrade summary', () => {
  it('names every hop', () => {
    const facts = {
      rancherChartVersion: '2.14.3',
      upgrade: {
        hops: [
          { from: '2.12.5', to: '2.13.7' },
          { from: '2.13.7', to: '2.14.3' },
        ],
      },
    };
    expect(upgradeSummaryLines(config, facts, '/t.log')).toEqual([
      'Rancher is upgraded to 2.14.3: https://rancher.example.test',
      '  hops: 2.12.5 → 2.13.7 → 2.14.3, each verified (rollout, the version Rancher reports, /ping)',
      '  transcript: /t.log',
    ]);
  });

  it('says when nothing needed upgrading', () => {
    const facts = { rancherChartVersion: '2.14.3', kubeVersion: 'v1.33.2', upgrade: { hops: [] } };
    expect(upgradeSummaryLines(config, facts, '/t.log')[0]).toBe(
      'Rancher 2.14.3 at https://rancher.example.test is the newest that fits Kubernetes v1.33.2: nothing was upgraded',
    );
  });

  it('names the ingress controller’s hops and the virtual server it kept', () => {
    const facts = {
      rancherChartVersion: '2.14.3',
      ingressChartVersion: '41.3.0',
      kubeVersion: 'v1.33.2',
      vip: '10.50.0.79',
      upgrade: {
        hops: [],
        ingressHops: [
          { from: '39.0.9', to: '40.3.0' },
          { from: '40.3.0', to: '41.3.0' },
        ],
      },
    };
    expect(upgradeSummaryLines(config, facts, '/t.log')).toEqual([
      'Rancher 2.14.3 at https://rancher.example.test is the newest that fits Kubernetes v1.33.2',
      'Traefik is upgraded to 41.3.0',
      '  hops: 39.0.9 → 40.3.0 → 41.3.0, each verified (CRDs first, rollout, the same virtual-server IP 10.50.0.79, the served certificate, /ping)',
      '  transcript: /t.log',
    ]);
  });
});
