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
   * The cluster ID, when the agent knows it; '' otherwise. The import manifest's credentials
   * (`cattle-credentials-*`: `url`, `token`, `namespace`) carry namespace "" (import.go), and
   * Rancher finds the cluster by the token alone (mcmauthorizer getClusterByToken).
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
  /** The agent went away (its Deployment deleted, the cluster unreachable): by cluster ID or token. */
  disconnect(clusterId: string): void;
}
