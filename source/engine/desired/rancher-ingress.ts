import type { Config } from '../../config/config.js';
import type { KubeObject } from '../../systems/kube.js';
import { sameContent } from '../same-content.js';
import { ingressControllerOf } from './charts.js';
import { ingressName, namespace, rancherService, tlsSecretName } from './names.js';

/**
 * The walkthrough's Ingress, today's API: networking.k8s.io/v1 with the controller's class,
 * TLS from our secret, and the `kubernetes.io/ingress.class` annotation that keeps NSX-T's
 * NCP away (the API server requires it to equal `ingressClassName` when both are set).
 */
export function rancherIngress(config: Config, chosen = ingressControllerOf(config)): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: ingressName, namespace, annotations: { ...chosen.ingressAnnotations } },
    spec: {
      ingressClassName: chosen.ingressClass,
      rules: [
        {
          host: config.rancher.hostname,
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: rancherService, port: { number: 80 } } },
              },
            ],
          },
        },
      ],
      tls: [{ hosts: [config.rancher.hostname], secretName: tlsSecretName }],
    },
  };
}

export function sameIngress(wanted: KubeObject) {
  return (current: KubeObject) =>
    sameContent(current.spec, wanted.spec) &&
    Object.entries(wanted.metadata?.annotations ?? {}).every(
      ([k, v]) => current.metadata?.annotations?.[k] === v,
    );
}
