import type { KubeObject } from '../../systems/kube.js';

/**
 * Rancher's HA spread: one pod per worker. The chart's default `antiAffinity: preferred`
 * only asks the scheduler; `required` guarantees distinct nodes but leaves pods Pending
 * when there are fewer nodes than replicas (rancher chart `templates/deployment.yaml`).
 */

interface Taint {
  effect?: string;
}

/** Nodes Rancher's pods can land on: Ready, not cordoned, no NoSchedule/NoExecute taint. */
export function schedulableNodes(nodes: readonly KubeObject[]): string[] {
  return nodes
    .filter((node) => {
      const ready = ((node.status?.conditions ?? []) as { type: string; status: string }[]).some(
        (c) => c.type === 'Ready' && c.status === 'True',
      );
      const taints = (node.spec?.taints ?? []) as Taint[];
      const repels = taints.some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
      return ready && !node.spec?.unschedulable && !repels;
    })
    .map((node) => node.metadata?.name ?? '');
}

/** `required` when every replica can have a node of its own, else the chart's `preferred`. */
export function antiAffinityFor(replicas: number, workers: number): 'required' | 'preferred' {
  return workers >= replicas ? 'required' : 'preferred';
}

export interface SpreadFinding {
  ok: boolean;
  message: string;
}

/** How the running pods spread over nodes, against what the workers allow. */
export function spreadFinding(
  placements: readonly { pod: string; node: string }[],
  replicas: number,
  workers: number,
): SpreadFinding {
  const nodes = new Set(placements.map((p) => p.node));
  const wanted = Math.min(replicas, workers);
  const base = `${placements.length} Rancher pod${placements.length === 1 ? '' : 's'} on ${nodes.size} node${nodes.size === 1 ? '' : 's'}`;
  if (nodes.size >= wanted) return { ok: true, message: base };
  return {
    ok: false,
    message: `${base}, though ${wanted} could each have their own: losing one node takes down ${placements.length - nodes.size + 1} pods at once`,
  };
}

/** Why this many replicas cannot each get a worker of their own, or undefined. */
export function replicasProblem(replicas: number, workers: number): string | undefined {
  if (replicas <= workers) return undefined;
  return `${replicas} replicas on ${workers} worker${workers === 1 ? '' : 's'}: at most ${workers} get a node of their own, so anti-affinity stays "preferred" and several pods share a node`;
}
