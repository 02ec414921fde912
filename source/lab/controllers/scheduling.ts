import type { KubeObject } from '../kube/object.js';
import { condition } from './pods.js';

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: string;
}

export interface SelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: SelectorRequirement[];
}

export interface AffinityTerm {
  labelSelector?: LabelSelector;
  topologyKey: string;
  namespaces?: string[];
}

export interface WeightedAffinityTerm {
  weight: number;
  podAffinityTerm: AffinityTerm;
}

function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (!toleration.key) return toleration.operator === 'Exists';
  if (toleration.key !== taint.key) return false;
  if (toleration.operator === 'Exists') return true;
  return (toleration.value ?? '') === (taint.value ?? '');
}

/** The first taint that keeps this pod off the node, as the TaintToleration filter sees it. */
/** Whether any of `tolerations` tolerates `taint` (v1helper.TolerationsTolerateTaint). */
export function toleratesTaint(tolerations: Toleration[] = [], taint: Taint): boolean {
  return tolerations.some((t) => tolerates(t, taint));
}

export function untoleratedTaint(
  node: KubeObject,
  tolerations: Toleration[] = [],
): Taint | undefined {
  const taints = (node.spec?.taints as Taint[] | undefined) ?? [];
  return taints.find(
    (taint) => taint.effect !== 'PreferNoSchedule' && !tolerations.some((t) => tolerates(t, taint)),
  );
}

/** How the scheduler names a taint in its messages: `{key: value}`. */
export function describeTaint(taint: Taint): string {
  return `{${taint.key}: ${taint.value ?? ''}}`;
}

function requirementMatches(value: string | undefined, r: SelectorRequirement): boolean {
  switch (r.operator) {
    case 'In':
      return value !== undefined && (r.values ?? []).includes(value);
    case 'NotIn':
      return value === undefined || !(r.values ?? []).includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
      return value !== undefined && Number(value) > Number(r.values?.[0]);
    case 'Lt':
      return value !== undefined && Number(value) < Number(r.values?.[0]);
    default:
      return false;
  }
}

/** A metav1.LabelSelector; an empty selector matches everything, a missing one nothing. */
export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => l[k] === v);
  return (
    byLabels && (selector.matchExpressions ?? []).every((r) => requirementMatches(l[r.key], r))
  );
}

interface NodeSelectorTerm {
  matchExpressions?: SelectorRequirement[];
  matchFields?: SelectorRequirement[];
}

/** `nodeSelector` and required node affinity (DaemonSets pin pods with `matchFields`). */
export function nodeAffinityMatches(pod: KubeObject, node: KubeObject): boolean {
  const labels = node.metadata.labels ?? {};
  const nodeSelector = (pod.spec?.nodeSelector as Record<string, string> | undefined) ?? {};
  if (!Object.entries(nodeSelector).every(([k, v]) => labels[k] === v)) return false;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
    ?.nodeSelectorTerms as NodeSelectorTerm[] | undefined;
  if (!terms || terms.length === 0) return true;
  return terms.some(
    (term) =>
      (term.matchExpressions ?? []).every((r) => requirementMatches(labels[r.key], r)) &&
      (term.matchFields ?? []).every((r) =>
        requirementMatches(r.key === 'metadata.name' ? node.metadata.name : undefined, r),
      ),
  );
}

export function isNodeReady(node: KubeObject): boolean {
  return condition(node, 'Ready')?.status === 'True';
}
