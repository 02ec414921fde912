import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { traefikChart, traefikVersions } from '../../../source/lab/helm/charts/traefik.js';
import type { KubeObject } from '../../../source/lab/kube/object.js';
import { coalesceValues, isValuesMap } from '../../../source/lab/helm/values.js';
import { schemaViolations } from '../../../source/lab/helm/values-schema.js';
import type { Values } from '../../../source/lab/helm/set-values.js';

// The fake chart against the real one: fixtures/traefik/VERSION-SET.yaml is what helm v3.18.0
// `helm template traefik -n cattle-system` printed for each value set at that chart tag
// (scripts/traefik-chart-data.mjs).
const fixtures = fileURLToPath(new URL('./fixtures/traefik/', import.meta.url));

function valuesFile(version: string, set: string): string | undefined {
  if (set === 'defaults') return undefined;
  if (set === 'variant') return 'variant.yaml';
  const major = Number(version.split('.')[0]);
  return `installer-${major >= 40 ? 40 : major === 39 ? 39 : 37}.yaml`;
}

/** helm prints an empty map or `with` that renders nothing as null: both go. */
function normalised(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalised);
  if (!isValuesMap(value)) return value;
  const out: Values = {};
  for (const [k, v] of Object.entries(value)) {
    const n = normalised(v);
    if (n === null || n === undefined) continue;
    if (isValuesMap(n) && Object.keys(n).length === 0) continue;
    out[k] = n;
  }
  return out;
}

function byId(objects: KubeObject[]): Map<string, unknown> {
  return new Map(objects.map((o) => [`${o.kind}/${o.metadata.name}`, normalised(o)]));
}

function fakeRender(version: string, user: Values): KubeObject[] {
  const v = traefikVersions.find((x) => x.version === version)!;
  const values = coalesceValues(traefikChart.defaults(v), user);
  expect(schemaViolations(traefikChart.schema!(v)!, values)).toEqual([]);
  return traefikChart
    .render({
      release: {
        name: 'traefik',
        namespace: 'cattle-system',
        service: 'Helm',
        isInstall: true,
        revision: 1,
      },
      chart: { ...v, name: 'traefik' },
      values,
      lookup: () => undefined,
    })
    .objects.map((r) => r.object);
}

describe('traefik chart renders as the real chart', () => {
  for (const { version } of traefikVersions) {
    for (const set of ['defaults', 'installer', 'variant']) {
      it(`${version} with ${set} values`, () => {
        const file = valuesFile(version, set);
        const user = file
          ? (parse(readFileSync(join(fixtures, 'values', file), 'utf8')) as Values)
          : {};
        const golden = parseAllDocuments(
          readFileSync(join(fixtures, `${version}-${set}.yaml`), 'utf8'),
        )
          .map((d) => d.toJS() as KubeObject | null)
          .filter((o): o is KubeObject => Boolean(o));
        const want = byId(golden);
        const got = byId(fakeRender(version, user));
        expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
        for (const [id, object] of want) expect(got.get(id), id).toEqual(object);
      });
    }
  }
});
