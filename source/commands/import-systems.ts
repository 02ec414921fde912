import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import type { Inventory, InventoryRow } from '../config/inventory.js';
import { cliName } from '../engine/desired/pks-rules.js';
import type { DownstreamKube, FleetSystems } from '../engine/fleet/fleet-systems.js';
import { UsageError } from '../exit-codes.js';
import type { SessionStore } from '../session/session-store.js';
import type { Env } from '../shared/env.js';
import { Kube } from '../systems/kube.js';
import { writeOfflineBundle } from '../systems/offline-bundle.js';
import { Pks } from '../systems/pks.js';
import { passwordFromEnv } from '../systems/pks-password.js';
import type { RancherApi } from '../systems/rancher-api-types.js';

export interface FleetSystemsInput {
  config: Config;
  inventory: Inventory;
  rancher: RancherApi;
  /** `https://host[:port]`: the agents' CATTLE_SERVER. */
  rancherUrl: string;
  caPem?: string;
  rancherVersion?: string;
  /** The install session the fleet joins (the bundles go next to its sessions). */
  installSession: string;
  store: SessionStore;
  env: Env;
  signal: AbortSignal;
}

/** The folder offline bundles go to: next to the sessions, one per install (0700). */
export function bundleDirOf(store: SessionStore, installSession: string): string {
  return join(store.sessionsDir, `${installSession}.bundles`);
}

/** A CA file given on the command line or in the answers; one clear line when unreadable. */
export function readCa(file: string, flag: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(
      `${flag}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); name Rancher's CA bundle (PEM)`,
    );
  }
}

/**
 * The import's outside world for one run: each downstream's client made once (a kubeconfig
 * and context, or `pks get-credentials`), the install's cluster for the NSX-T budget, the
 * bundle writer. The Rancher client comes made (it holds the token).
 */
export function fleetSystems(input: FleetSystemsInput): FleetSystems {
  const { config, env, signal } = input;
  const pks = new Pks({ binary: cliName(config.pks), env, signal });
  const clients = new Map<string, Promise<DownstreamKube>>();
  let credentials: Promise<void> = Promise.resolve();
  const open = async (row: InventoryRow): Promise<DownstreamKube> => {
    switch (row.access.kind) {
      case 'kubeconfig':
        return Kube.load({
          kubeconfig: row.access.kubeconfig,
          ...(row.access.context ? { context: row.access.context } : {}),
          signal,
        });
      case 'pks': {
        const password = passwordFromEnv(env);
        const name = row.access.pksCluster;
        // One at a time: every get-credentials rewrites the same kubeconfig file.
        const turn = credentials.then(() =>
          pks.getCredentials(name, password === undefined ? {} : { password }),
        );
        credentials = turn.catch(() => {});
        await turn;
        return Kube.load({
          kubeconfig: env.KUBECONFIG?.split(':')[0],
          preferContext: name,
          signal,
        });
      }
      case 'offline':
        throw new Error(`${row.name} is offline: the jump box does not reach it`);
    }
  };
  const host = new URL(input.rancherUrl).host;
  return {
    rancher: input.rancher,
    inventory: input.inventory,
    downstream: (row) => {
      let client = clients.get(row.name);
      if (!client) {
        client = open(row);
        // A failed open is tried afresh next time (the kubeconfig may have been fixed).
        client.catch(() => clients.delete(row.name));
        clients.set(row.name, client);
      }
      return client;
    },
    rancherHost: host,
    ...(input.caPem ? { caPem: input.caPem } : {}),
    agentImage: `rancher/rancher-agent:v${(input.rancherVersion ?? 'head').replace(/^v/, '')}`,
    localNamespaces: async () => {
      try {
        const kube = Kube.load({
          kubeconfig: env.KUBECONFIG?.split(':')[0],
          preferContext: config.pks.cluster,
          signal,
        });
        return (await kube.list('v1', 'Namespace')).items.length;
      } catch {
        return undefined;
      }
    },
    bundleDir: bundleDirOf(input.store, input.installSession),
    writeBundle: async (name, manifest) =>
      writeOfflineBundle(bundleDirOf(input.store, input.installSession), name, manifest),
  };
}
