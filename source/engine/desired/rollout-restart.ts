import type { KubeObject } from '../../systems/kube.js';

/**
 * `kubectl rollout restart deploy/X` in data: kubectl sets this annotation on the pod template
 * to the time (RFC 3339, seconds) and the Deployment rolls (kubernetes/kubectl
 * pkg/polymorphichelpers/objectrestarter.go). Rancher's docs restart its pods this way after
 * the tls-ca secret changes ("Updating the Rancher Certificate", step 3a).
 */
export const restartedAtAnnotation = 'kubectl.kubernetes.io/restartedAt';

/** `2026-12-01T21:40:05Z`: what kubectl writes (Go's time.RFC3339, no fraction). */
export function restartStamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The merge patch that restarts the Deployment's pods (maps merge: nothing else changes). */
export function restartPatch(namespace: string, name: string, stamp: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: { template: { metadata: { annotations: { [restartedAtAnnotation]: stamp } } } },
  };
}

/** The stamp the Deployment's pod template carries, if any. */
export function restartedAt(deploy: KubeObject | undefined): string | undefined {
  const template = (deploy?.spec as { template?: KubeObject } | undefined)?.template;
  return template?.metadata?.annotations?.[restartedAtAnnotation];
}
