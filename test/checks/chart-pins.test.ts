import { describe, expect, it } from 'vitest';
import { checkChartPins } from '../../source/checks/chart-pins.js';
import { parseAnswers } from '../../source/config/load-answers.js';
import { fakeHelm } from '../ui/wizard/wizard-fixtures.js';

const config = (rancher: string, ingress = '') =>
  parseAnswers(
    {
      pks: { plan: 'rancher', cluster: 'c05', externalHostname: 'c05.example.com' },
      rancher: { hostname: 'rancher.example.com', chartVersion: rancher },
      tls: { cert: 'a.cer', key: 'a.key', caCerts: 'cacerts.pem' },
      ingress: { chartVersion: ingress },
    },
    '/srv',
    {},
  );

describe('checkChartPins', () => {
  it('says nothing of what is not pinned', async () => {
    expect(await checkChartPins(fakeHelm, config(''))).toEqual([]);
  });

  it('a pinned version the repository has passes; one it lacks fails with how to pick', async () => {
    const [rancher, ingress] = await checkChartPins(fakeHelm, config('2.12.5', '99.0.0'));
    expect(rancher).toMatchObject({ id: 'rancher.chart-version', status: 'pass' });
    expect(ingress).toMatchObject({ id: 'ingress.chart-version', status: 'fail' });
    expect(ingress!.message).toBe(
      'ingress.chartVersion 99.0.0: https://traefik.github.io/charts has no traefik chart of that version',
    );
    expect(ingress!.remedy).toContain('helm search repo traefik --versions');
  });

  it("judges the chart's kubeVersion when the cluster's version is known", async () => {
    const [old] = await checkChartPins(fakeHelm, config('2.8.13'), 'v1.31.4');
    expect(old).toMatchObject({ status: 'fail' });
    expect(old!.message).toContain('does not install on Kubernetes v1.31.4');
    const [fits] = await checkChartPins(fakeHelm, config('2.12.5'), 'v1.31.4');
    expect(fits).toMatchObject({ status: 'pass' });
  });

  it('cannot tell when the repository cannot be read: not checked, not failed', async () => {
    const offline = {
      showChart: async () => {
        throw new Error('Get "https://releases.rancher.com/...": dial tcp: connection refused');
      },
    };
    const [result] = await checkChartPins(offline, config('2.12.5'));
    expect(result).toMatchObject({ id: 'rancher.chart-version', status: 'skip' });
  });
});
