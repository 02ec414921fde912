import type { Config } from '../../config/config.js';

/** The charts and where they come from; Helm 2 keeps the walkthrough's deprecated chart. */
export const ingressRepo = {
  name: 'ingress-nginx',
  url: 'https://kubernetes.github.io/ingress-nginx',
};
export const helm2StableRepo = { name: 'stable', url: 'https://charts.helm.sh/stable' };

export function rancherRepo(config: Config): { name: string; url: string } {
  const url = config.rancher.chartRepo.replace(/\/+$/, '');
  const channel = url.split('/').pop() || 'stable';
  return { name: `rancher-${channel}`, url };
}

export const namespace = 'cattle-system';

export interface IngressChart {
  release: string;
  chart: string;
  service: string;
  daemonSet: string;
  podSelector: string;
}

export function ingressChart(helmMajor: number): IngressChart {
  return helmMajor === 2
    ? {
        release: 'nginx',
        chart: 'stable/nginx-ingress',
        service: 'nginx-nginx-ingress-controller',
        daemonSet: 'nginx-nginx-ingress-controller',
        podSelector: 'app=nginx-ingress,component=controller',
      }
    : {
        release: 'ingress-nginx',
        chart: 'ingress-nginx/ingress-nginx',
        service: 'ingress-nginx-controller',
        daemonSet: 'ingress-nginx-controller',
        podSelector: 'app.kubernetes.io/name=ingress-nginx,app.kubernetes.io/component=controller',
      };
}
