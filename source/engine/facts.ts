import { z } from 'zod';
import { ingressControllers } from '../config/schema.js';
import { fleetFactsSchema } from './fleet/fleet-facts.js';

/**
 * What steps find out and later steps (or a resume days later, or the summary) use. Kept in
 * the session as they are typed here: never secrets, never lists joined into strings.
 */
export const factsSchema = z
  .object({
    /** The master's IP, for the API hostname's A record (`pks cluster --json`). */
    masterIp: z.string(),
    /** PKS's cluster UUID: the BOSH deployment is `service-instance_<uuid>`. */
    clusterUuid: z.string(),
    /** `kubectl version`'s server gitVersion, e.g. `v1.31.4`. */
    kubeVersion: z.string(),
    helmMajor: z.number().int(),
    /** Chart versions chosen once and kept, so a resume installs the same charts. */
    rancherChartVersion: z.string(),
    ingressChartVersion: z.string(),
    /** The NSX-T virtual-server IP the Rancher hostname's A record needs. */
    vip: z.string(),
    /** A secret Rancher reads at start was replaced: its pods must restart. */
    secretsChanged: z.boolean(),
    /** Schedulable workers when the Rancher chart was installed. */
    workers: z.number().int(),
    haSpread: z.array(z.object({ pod: z.string(), node: z.string() })),
    haSpreadWarning: z.string(),
    /** BOSH VM names (or IDs) for the DRS anti-affinity rules, or the command to list them. */
    drsMasters: z.array(z.string()),
    drsWorkers: z.array(z.string()),
    drsCommand: z.string(),
    namespaces: z.number().int(),
    nsxCapacity: z.string(),
    /** The ingress controller a migration leaves, and its virtual-server IP. */
    migratedFrom: z.enum(ingressControllers),
    migratedFromVip: z.string(),
    /**
     * What the install made rather than found (recorded before the call that makes it, so a
     * kill in between cannot lose it): only these go in an uninstall without --all.
     */
    createdNetworkProfile: z.boolean(),
    createdCluster: z.boolean(),
    createdNamespace: z.boolean(),
    /** An uninstall's options and the install it reverses, kept so a resume does the same. */
    uninstall: z.object({
      of: z.string().optional(),
      deleteCluster: z.boolean(),
      all: z.boolean(),
      force: z.boolean(),
    }),
    /**
     * An upgrade's target (`--rancher-version`, else the newest that fits) and its hops,
     * planned once and kept, so a resume runs the same hops.
     */
    upgrade: z.object({
      rancherVersion: z.string().optional(),
      hops: z.array(z.object({ from: z.string(), to: z.string() })).optional(),
      /** The versions each finished hop reached, in order: the session's record of the hops. */
      landed: z.array(z.string()).optional(),
      /** The ingress controller's: `--ingress-version`, its hops (chart majors), those landed. */
      ingressVersion: z.string().optional(),
      ingressHops: z.array(z.object({ from: z.string(), to: z.string() })).optional(),
      ingressLanded: z.array(z.string()).optional(),
    }),
    /**
     * A certificate rotation's decisions, made once and kept so a resume does the same: the new
     * files are the session's answers (paths only); whether the CA changes was judged against
     * what Rancher had loaded before anything was written.
     */
    rotate: z.object({
      force: z.boolean(),
      caChanges: z.boolean().optional(),
      /** The `kubectl.kubernetes.io/restartedAt` stamp, kept before the patch that sets it. */
      restartedAt: z.string().optional(),
      /** Clusters this tool imported into this Rancher: their agents are told the new CA. */
      imported: z
        .array(
          z.object({
            name: z.string(),
            clusterId: z.string(),
            kubeconfig: z.string().optional(),
            context: z.string().optional(),
            pksCluster: z.string().optional(),
          }),
        )
        .optional(),
      /** Registered clusters (besides `local`) whose agents lose their connection, by name. */
      registered: z.array(z.string()).optional(),
    }),
    /** A fleet import's options and per-cluster rows (engine/fleet/fleet-facts.ts). */
    fleet: fleetFactsSchema,
  })
  .partial();

export type Facts = z.infer<typeof factsSchema>;
