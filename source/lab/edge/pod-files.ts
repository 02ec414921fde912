import type { KubeObject } from '../kube/object.js';
import type { Store } from '../kube/store.js';
import type { ProgramContainer } from '../controllers/container-program.js';

interface VolumeSource {
  name: string;
  secret?: { secretName: string; items?: { key: string; path: string }[] };
  configMap?: { name: string; items?: { key: string; path: string }[] };
}

/** The key of a projected volume that appears at `relative` (items remap keys to paths). */
function keyAt(
  relative: string,
  items: { key: string; path: string }[] | undefined,
): string | undefined {
  if (!items) return relative;
  return items.find((i) => i.path === relative)?.key;
}

/**
 * A file a container sees through its Secret and ConfigMap volume mounts (Kubernetes docs,
 * "Volumes": configMap/secret, each key a file under the mount path, `items` remapping,
 * `subPath` mounting one file); undefined when no mount provides it.
 */
export function readMountedFile(
  store: Store,
  pod: KubeObject,
  container: ProgramContainer,
  path: string,
): string | undefined {
  const volumes = (pod.spec?.volumes ?? []) as VolumeSource[];
  for (const m of container.volumeMounts ?? []) {
    const dir = m.mountPath.replace(/\/+$/, '');
    let relative: string;
    if (m.subPath) {
      if (path !== dir) continue;
      relative = m.subPath;
    } else {
      if (!path.startsWith(`${dir}/`)) continue;
      relative = path.slice(dir.length + 1);
    }
    const v = volumes.find((x) => x.name === m.name);
    if (v?.configMap) {
      const key = keyAt(relative, v.configMap.items);
      const cm = store.get('configmaps', pod.metadata.namespace, v.configMap.name);
      const value =
        key === undefined ? undefined : (cm?.data as Record<string, string> | undefined)?.[key];
      if (value !== undefined) return value;
    }
    if (v?.secret) {
      const key = keyAt(relative, v.secret.items);
      const secret = store.get('secrets', pod.metadata.namespace, v.secret.secretName);
      const value =
        key === undefined ? undefined : (secret?.data as Record<string, string> | undefined)?.[key];
      if (value !== undefined) return Buffer.from(value, 'base64').toString('utf8');
    }
  }
  return undefined;
}
