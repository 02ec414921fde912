// Regenerates what the lab knows of the real traefik/traefik chart, from a git clone of
// github.com/traefik/traefik-helm-chart and a real helm 3 binary (no network is used):
//
//   node scripts/traefik-chart-data.mjs --repo PATH/TO/traefik-helm-chart --helm PATH/TO/helm
//
// For each version the lab serves it writes
//   source/lab/helm/charts/traefik-data/VERSION.json  the chart's values.yaml (as JSON) and its
//                                                     values.schema.json without descriptions
//   test/lab/helm/fixtures/traefik/VERSION-SET.yaml   `helm template traefik -n cattle-system`
//                                                     with test/lab/helm/fixtures/traefik/values/*
// The lab validates against those schemas and its tests compare its renders to those outputs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';

export const versions = ['37.3.0', '37.4.0', '38.0.2', '39.0.9', '40.3.0', '41.3.0'];

/** The values file with the installer's settings in each chart line's syntax. */
function installerValues(version) {
  const major = Number(version.split('.')[0]);
  if (major >= 40) return 'installer-40.yaml';
  if (major === 39) return 'installer-39.yaml';
  return 'installer-37.yaml';
}

/** Schema keywords that only document; property names are kept whatever they are. */
const documentation = new Set(['description', 'title', 'examples', 'default', '$comment']);

function prune(node, inProperties = false) {
  if (Array.isArray(node)) return node.map((n) => prune(n));
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (!inProperties && documentation.has(key)) continue;
    out[key] = prune(value, !inProperties && (key === 'properties' || key === '$defs'));
  }
  return out;
}

const { values: args } = parseArgs({
  options: { repo: { type: 'string' }, helm: { type: 'string' } },
});
if (!args.repo || !args.helm) {
  console.error('usage: traefik-chart-data.mjs --repo TRAEFIK_HELM_CHART_GIT_DIR --helm HELM3');
  process.exit(2);
}

const dataDir = 'source/lab/helm/charts/traefik-data';
const fixtures = 'test/lab/helm/fixtures/traefik';
mkdirSync(dataDir, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'traefik-chart-'));
const written = [];
try {
  for (const version of versions) {
    const dir = join(work, version);
    mkdirSync(dir);
    const tarball = join(work, `${version}.tar`);
    execFileSync('git', ['-C', args.repo, 'archive', '-o', tarball, `v${version}`, 'traefik']);
    execFileSync('tar', ['-x', '-f', tarball, '-C', dir]);
    const chart = join(dir, 'traefik');
    const values = parse(readFileSync(join(chart, 'values.yaml'), 'utf8'));
    const schema = prune(JSON.parse(readFileSync(join(chart, 'values.schema.json'), 'utf8')));
    const data = join(dataDir, `${version}.json`);
    writeFileSync(data, JSON.stringify({ values, schema }) + '\n');
    written.push(data);
    const sets = { defaults: [], installer: [installerValues(version)], variant: ['variant.yaml'] };
    for (const [set, files] of Object.entries(sets)) {
      const helmArgs = ['template', 'traefik', chart, '-n', 'cattle-system'];
      helmArgs.push('--kube-version', '1.31.4');
      for (const f of files) helmArgs.push('-f', join(fixtures, 'values', f));
      const out = execFileSync(args.helm, helmArgs, { env: { ...process.env, HOME: work } });
      const file = join(fixtures, `${version}-${set}.yaml`);
      writeFileSync(
        file,
        `# helm ${helmArgs.slice(0, 2).join(' ')} traefik-${version} ...\n${out}`,
      );
      written.push(file);
    }
  }
  execFileSync('npx', ['prettier', '--write', ...written], { stdio: 'inherit' });
} finally {
  rmSync(work, { recursive: true, force: true });
}
