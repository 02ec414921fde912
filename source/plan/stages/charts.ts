import type { Config } from '../../config/config.js';

/** The charts and where they come from. */
export const ingressRepo = {
  name: 'ingress-nginx',
  url: 'https://kubernetes.github.io/ingress-nginx',
};

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

export const ingressChart: IngressChart = {
  release: 'ingress-nginx',
  chart: 'ingress-nginx/ingress-nginx',
  service: 'ingress-nginx-controller',
  daemonSet: 'ingress-nginx-controller',
  podSelector: 'app.kubernetes.io/name=ingress-nginx,app.kubernetes.io/component=controller',
};
