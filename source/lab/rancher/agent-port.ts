/**
 * How the lab's simulated cattle-cluster-agent (lab/edge/) reaches the lab's Rancher
 * (lab/rancher/): in process, standing for the agent's websocket to `CATTLE_SERVER`. The
 * network checks the real agent makes first (DNS, TCP, TLS with the CA checksum) are the
 * agent simulation's to make; this is what Rancher itself checks once it is reached.
 */
export interface AgentConnection {
  /** CATTLE_SERVER from the agent's Deployment, e.g. `https://rancher.lab.test`. */
  serverUrl: string;
  /**
   * The cluster ID the credentials secret names (`cattle-credentials-*`, key `namespace`):
   * empty for an imported cluster (import.go renders it with ""), whose cluster Rancher finds
   * by the token (pkg/tunnelserver/mcmauthorizer/tunnel.go getClusterByToken).
   */
  clusterId: string;
  /** The registration token from that secret. */
  token: string;
  /** CATTLE_CA_CHECKSUM from the Deployment (sha256 hex of Rancher's `cacerts`; may be empty). */
  caChecksum: string;
  /** The downstream cluster's Kubernetes version, as the agent reports it. */
  kubeVersion: string;
}

export interface RancherAgentPort {
  /** Rancher's `cacerts` setting's sha256 hex (what agents must pin); undefined when unset. */
  caChecksum(): string | undefined;
  /** Undefined when Rancher accepts the agent (the cluster goes Active); else why not. */
  connect(connection: AgentConnection): string | undefined;
  /** The agent went away (its Deployment deleted): its cluster ID, or its token when it named none. */
  disconnect(clusterIdOrToken: string): void;
}
