import type { Config } from '../../config/config.js';
import type { KubeObject } from '../../systems/kube.js';
import { readTlsFile } from '../../systems/tls.js';
import { sameContent } from '../same-content.js';
import { caSecretKey, caSecretName, namespace, tlsSecretName } from './names.js';

/** The two secrets Rancher needs, built from the answers' files (read when called). */

function b64(file: string): string {
  return readTlsFile(file).toString('base64');
}

export function caSecret(config: Config): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: caSecretName, namespace },
    type: 'Opaque',
    data: { [caSecretKey]: b64(config.tls.caCerts) },
  };
}

export function tlsSecret(config: Config): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: tlsSecretName, namespace },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': b64(config.tls.cert), 'tls.key': b64(config.tls.key) },
  };
}

/** The secret holds what `wanted` would write (data and type). */
export function sameData(wanted: KubeObject) {
  return (current: KubeObject) =>
    sameContent(current.data ?? {}, wanted.data ?? {}) && current.type === wanted.type;
}
