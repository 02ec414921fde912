import type { Config } from '../../config/config.js';
import { controllerOf, type IngressController } from './ingress-controller.js';

/** The Rancher chart's repository, named after its channel (`rancher-stable`). */
export function rancherRepo(config: Config): { name: string; url: string } {
  const url = config.rancher.chartRepo.replace(/\/+$/, '');
  const channel = url.split('/').pop() || 'stable';
  return { name: `rancher-${channel}`, url };
}

/** The ingress controller the answers chose. */
export function ingressControllerOf(config: Config): IngressController {
  return controllerOf(config.ingress.controller);
}
