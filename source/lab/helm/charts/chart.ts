import type { KubeObject } from '../../kube/object.js';
import type { ResourceKey } from '../../kube/resources.js';
import type { Values } from '../set-values.js';
import type { JsonSchema } from '../values-schema.js';

/** One version of a chart as a repository index lists it. */
export interface ChartVersion {
  version: string;
  appVersion: string;
  /** A semver constraint on the cluster version, as in Chart.yaml. */
  kubeVersion?: string;
}

/** A template's output, with the template file it came from (for `# Source:`). */
export interface RenderedObject {
  source: string;
  object: KubeObject;
}

export interface Rendered {
  objects: RenderedObject[];
  /** Objects the chart's hook Jobs would create; not part of the release manifest. */
  hookObjects?: RenderedObject[];
  notes: string;
}

export interface ReleaseInfo {
  name: string;
  namespace: string;
  /** `Helm` for Helm 3/4, `Tiller` for Helm 2 (`.Release.Service`). */
  service: 'Helm' | 'Tiller';
  isInstall: boolean;
  revision: number;
}

export interface RenderInput {
  release: ReleaseInfo;
  chart: ChartVersion & { name: string };
  /** Chart defaults coalesced with the user's values. */
  values: Values;
  /** The template `lookup` function: reads the live cluster. */
  lookup(key: ResourceKey, namespace: string | undefined, name: string): KubeObject | undefined;
}

/** A chart the lab can install: its Chart.yaml fields, defaults and templates. */
export interface ChartDefinition {
  name: string;
  description: string;
  /** Chart API version: Helm 2 only installs `v1` charts. */
  apiVersion: 'v1' | 'v2';
  home: string;
  deprecated?: boolean;
  defaults(version: ChartVersion): Values;
  /** The chart's values.schema.json: helm 3/4 check the coalesced values against it. */
  schema?(version: ChartVersion): JsonSchema | undefined;
  /** The chart's crds/ folder: helm creates these on install (not upgrade), before the rest. */
  crds?(version: ChartVersion): KubeObject[];
  render(input: RenderInput): Rendered;
}

/**
 * A template failure. Helm words these `execution error at (chart/templates/x.yaml:L:C): MSG`
 * or, for schema checks, `values don't meet the specifications of the schema(s)...`.
 */
export class TemplateError extends Error {}

/** The `<chart>.fullname` helper every scaffolded chart has. */
export function fullname(releaseName: string, chartName: string, nameOverride?: unknown): string {
  const name = typeof nameOverride === 'string' && nameOverride ? nameOverride : chartName;
  const full = releaseName.includes(name) ? releaseName : `${releaseName}-${name}`;
  return full.slice(0, 63).replace(/-+$/, '');
}

export function object(
  apiVersion: string,
  kind: string,
  metadata: KubeObject['metadata'],
  body: Record<string, unknown> = {},
): KubeObject {
  return { apiVersion, kind, metadata, ...body };
}

/** Values as the `toYaml`-into-string-map templates render them (ConfigMap data). */
export function stringMap(values: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof values !== 'object' || values === null) return out;
  for (const [k, v] of Object.entries(values))
    out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}
