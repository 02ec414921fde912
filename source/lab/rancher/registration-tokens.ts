import type { KubeObject } from '../kube/object.js';
import type { Store } from '../kube/store.js';
import { randomToken } from './random-token.js';

export const crtKey = 'management.cattle.io/clusterregistrationtokens';
/** pkg/controllers/dashboard/clusterregistrationtoken/token_secret.go (v2.13.8). */
const secretPrefix = 'crt-token-';

/** status.go's formats; `{token}` stands for the token until the API layer puts it in. */
const commandFormat = (url: string) => `kubectl apply -f ${url}`;
const insecureCommandFormat = (url: string) => `curl --insecure -sfL ${url} | kubectl apply -f -`;

function b64(text: string): string {
  return Buffer.from(text).toString('base64');
}

/**
 * The import URL (status.go getURL): server-url's scheme and host with the path
 * `/v3/import/<token>_<clusterId>.yaml`; empty while server-url is empty.
 */
export function manifestUrl(serverUrl: string, token: string, clusterId: string): string {
  if (!serverUrl) return '';
  try {
    const u = new URL(serverUrl);
    return `${u.protocol}//${u.host}/v3/import/${token}_${clusterId}.yaml`;
  } catch {
    return '';
  }
}

/**
 * clusterregistrationtokens.management.cattle.io in the cluster's namespace. Since v2.13 the
 * token itself lives in a Secret `crt-token-<name>` beside it (status.tokenSecretName), made
 * by the dashboard controller after the object is created (clusterregistrationtoken.go
 * createNewCRT): a CRT read right after its creation has no token yet.
 */
export class RegistrationTokens {
  constructor(private readonly store: Store) {}

  /** A CRT with no token yet; `generateName` `crt-` when no name is given (unverified prefix). */
  create(clusterId: string, name?: string): KubeObject {
    return this.store.create(crtKey, {
      apiVersion: 'management.cattle.io/v3',
      kind: 'ClusterRegistrationToken',
      metadata: name
        ? { name, namespace: clusterId }
        : { name: '', generateName: 'crt-', namespace: clusterId },
      spec: { clusterName: clusterId },
    });
  }

  /** The controller's part: a random token in its Secret, named in the status. */
  issue(clusterId: string, name: string): void {
    const crt = this.get(clusterId, name);
    if (!crt || crt.status?.tokenSecretName) return;
    const secretName = `${secretPrefix}${name}`;
    if (!this.store.get('secrets', clusterId, secretName)) {
      this.store.create('secrets', {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name: secretName,
          namespace: clusterId,
          ownerReferences: [
            {
              apiVersion: 'management.cattle.io/v3',
              kind: 'ClusterRegistrationToken',
              name,
              uid: crt.metadata.uid ?? '',
            },
          ],
        },
        type: 'Opaque',
        data: { token: b64(randomToken()) },
      });
    }
    crt.status = { ...(crt.status ?? {}), tokenSecretName: secretName, expiresAt: '' };
    this.store.update(crtKey, crt, { subresource: 'status', force: true });
  }

  get(clusterId: string, name: string): KubeObject | undefined {
    return this.store.get(crtKey, clusterId, name);
  }

  list(clusterId?: string): KubeObject[] {
    return this.store.list(crtKey, clusterId ? { namespace: clusterId } : {});
  }

  /** The token, once the controller issued it; '' before. */
  tokenOf(crt: KubeObject): string {
    const secretName = crt.status?.tokenSecretName as string | undefined;
    if (!secretName) return '';
    const secret = this.store.get('secrets', crt.metadata.namespace, secretName);
    const data = secret?.data as Record<string, string> | undefined;
    return data?.token ? Buffer.from(data.token, 'base64').toString('utf8') : '';
  }

  /**
   * The cluster whose registration holds this token (rancher/rancher v2.13.8
   * pkg/tunnelserver/mcmauthorizer/tunnel.go getClusterByToken): how Rancher knows an
   * agent whose credentials name no cluster (import.go renders them with namespace "").
   */
  clusterOfToken(token: string): string | undefined {
    if (!token) return undefined;
    return this.store
      .list('secrets', {})
      .filter((s) => s.metadata.name.startsWith(secretPrefix))
      .find((s) => {
        const data = s.data as Record<string, string> | undefined;
        return data?.token !== undefined && Buffer.from(data.token, 'base64').toString() === token;
      })?.metadata.namespace;
  }

  /** import.go isValidToken: a CRT token Secret in the cluster's namespace holds this token. */
  isValid(clusterId: string, token: string): boolean {
    if (!token) return false;
    return this.store
      .list('secrets', { namespace: clusterId })
      .filter((s) => s.metadata.name.startsWith(secretPrefix))
      .some((s) => {
        const data = s.data as Record<string, string> | undefined;
        return data?.token !== undefined && Buffer.from(data.token, 'base64').toString() === token;
      });
  }

  /**
   * The fields status.go AssignCommands fills (only once the token exists, and only with a
   * server-url), with `{token}` replaced by the token as the norman store does
   * (pkg/api/norman/store/cluster/cluster_registration_store.go populateCommands).
   */
  commands(crt: KubeObject, serverUrl: string): Record<string, string> {
    const token = this.tokenOf(crt);
    const url = token ? manifestUrl(serverUrl, token, crt.metadata.namespace ?? '') : '';
    if (!url) return { token, manifestUrl: '', command: '', insecureCommand: '' };
    return {
      token,
      manifestUrl: url,
      command: commandFormat(url),
      insecureCommand: insecureCommandFormat(url),
    };
  }
}
