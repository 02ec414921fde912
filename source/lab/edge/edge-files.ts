import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { EdgeSite } from './edge-plan.js';

/** DIR/edge/<name>.kubeconfig. */
export function edgeKubeconfigPath(dir: string, name: string): string {
  return join(dir, 'edge', `${name}.kubeconfig`);
}

export function edgeInventoryPath(dir: string): string {
  return join(dir, 'edge-inventory.yaml');
}

function writeSecret(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o600 });
  // The mode above only applies to a new file.
  chmodSync(path, 0o600);
}

/** One context named after the cluster, token auth, as the lab's other kubeconfigs (pks/kubeconfig.ts). */
export async function writeEdgeKubeconfig(
  dir: string,
  edge: { name: string; server: string; caPem: string; token: string },
): Promise<string> {
  mkdirSync(join(dir, 'edge'), { recursive: true, mode: 0o700 });
  const path = edgeKubeconfigPath(dir, edge.name);
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: edge.name,
        cluster: {
          server: edge.server,
          'certificate-authority-data': Buffer.from(edge.caPem).toString('base64'),
        },
      },
    ],
    users: [{ name: edge.name, user: { token: edge.token } }],
    contexts: [{ name: edge.name, context: { cluster: edge.name, user: edge.name } }],
    'current-context': edge.name,
  };
  await writeFile(path, stringify(config), { mode: 0o600 });
  await chmod(path, 0o600);
  return path;
}

/**
 * DIR/edge-inventory.yaml in the import's inventory format (fleet design, "Inventory
 * format"): kubeconfig paths relative to DIR, offline rows with `mode: offline` and no
 * kubeconfig. No secret inside, but it names kubeconfig files: 0600 all the same.
 */
export function writeEdgeInventory(dir: string, sites: readonly EdgeSite[]): string {
  const rows = sites.map((s) =>
    s.offline
      ? { name: s.name, mode: 'offline', labels: s.labels }
      : {
          name: s.name,
          kubeconfig: `edge/${s.name}.kubeconfig`,
          context: s.name,
          labels: s.labels,
        },
  );
  const text = `# rancher-pks-tui import inventory (written by \`lab up --edge-clusters\`)\n${stringify({ clusters: rows }, { collectionStyle: 'block' })}`;
  const path = edgeInventoryPath(dir);
  writeSecret(path, text);
  return path;
}
