import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../source/config/errors.js';
import { loadInventory } from '../../source/config/load-inventory.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inventory-test-'));
  await mkdir(join(dir, 'edge'));
  for (const name of ['edge-001', 'edge-002', 'edge-003'])
    await writeFile(join(dir, 'edge', `${name}.kubeconfig`), 'apiVersion: v1\nkind: Config\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string | Buffer): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

/** The problems loadInventory reports, with the temp folder written as DIR. */
function problems(file: string): string[] {
  try {
    loadInventory(file, { HOME: dir });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((line) => line.split(dir).join('DIR'));
  }
  throw new Error('expected a ConfigError');
}

const goodYaml = `# rancher-pks-tui import inventory
clusters:
  - name: edge-001
    kubeconfig: edge/edge-001.kubeconfig
    context: edge-001
    labels: { site: store-001, region: emea, environment: prod }
  - name: dc-east
    pksCluster: czpks-dc-east
    labels: { site: dc-east, region: us, environment: prod }
  - name: edge-077
    mode: offline
    labels:
      site: store-077
      example.com/tier: gold
  - name: edge-002
    kubeconfig: ~/edge/edge-002.kubeconfig
    mode: push
`;

describe('loadInventory: YAML', () => {
  it('reads every kind of row, with paths from the inventory folder and line numbers', async () => {
    const file = await write('good.yaml', goodYaml);
    const inventory = loadInventory(file, { HOME: dir });
    expect(inventory.source).toBe(file);
    expect(inventory.rows).toEqual([
      {
        name: 'edge-001',
        access: {
          kind: 'kubeconfig',
          kubeconfig: join(dir, 'edge/edge-001.kubeconfig'),
          context: 'edge-001',
        },
        labels: { site: 'store-001', region: 'emea', environment: 'prod' },
        line: 3,
      },
      {
        name: 'dc-east',
        access: { kind: 'pks', pksCluster: 'czpks-dc-east' },
        labels: { site: 'dc-east', region: 'us', environment: 'prod' },
        line: 7,
      },
      {
        name: 'edge-077',
        access: { kind: 'offline' },
        labels: { site: 'store-077', 'example.com/tier': 'gold' },
        line: 10,
      },
      {
        name: 'edge-002',
        access: { kind: 'kubeconfig', kubeconfig: join(dir, 'edge/edge-002.kubeconfig') },
        labels: {},
        line: 15,
      },
    ]);
  });

  it('names the file, line and field of every bad row, one line each', async () => {
    const file = await write(
      'bad.yaml',
      `clusters:
  - name: Edge-001
    kubeconfig: edge/edge-001.kubeconfig
  - name: edge_2
    pksCluster: dc-east
    kubeconfig: edge/edge-002.kubeconfig
  - name: edge-003
    kubeconfig: edge/missing.kubeconfig
  - name: edge-004
    mode: offline
    pksCluster: dc-west
  - name: edge-005
  - name: edge-006
    kubeconfg: edge/edge-003.kubeconfig
  - name: edge-007
    mode: pull
  - name: edge-008
    mode: offline
    labels: { site: 1, "bad key!": x, region: "-emea" }
  - name: edge-009
    kubeconfig: edge
  - just-a-name
  - mode: offline
`,
    );
    expect(problems(file)).toEqual([
      `${'DIR'}/bad.yaml:2: clusters[0].name: "Edge-001" has capital letters; write it in lowercase: edge-001`,
      `DIR/bad.yaml:4: clusters[1].name: "edge_2" is not a valid cluster name; use lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen, e.g. edge-2`,
      `DIR/bad.yaml:5: clusters[1].pksCluster: the row has both kubeconfig and pksCluster; keep one (pksCluster gets credentials through pks get-credentials)`,
      `DIR/bad.yaml:8: clusters[2].kubeconfig: DIR/edge/missing.kubeconfig not found; check the path (relative paths start from the inventory's folder)`,
      `DIR/bad.yaml:11: clusters[3].pksCluster: an offline row has no pksCluster; remove it, or remove mode: offline if the jump box can reach the cluster`,
      `DIR/bad.yaml:12: clusters[4].kubeconfig: is missing; give kubeconfig (a file), pksCluster (a PKS cluster) or mode: offline`,
      `DIR/bad.yaml:14: clusters[5].kubeconfg: unknown field; did you mean kubeconfig? (a row has name, kubeconfig, context, pksCluster, mode, labels)`,
      `DIR/bad.yaml:13: clusters[5].kubeconfig: is missing; give kubeconfig (a file), pksCluster (a PKS cluster) or mode: offline`,
      `DIR/bad.yaml:16: clusters[6].mode: must be push or offline, not "pull"; write mode: offline for sites the jump box cannot reach, or leave it out`,
      `DIR/bad.yaml:19: clusters[7].labels.site: must be text, not 1; quote it (label values are strings)`,
      `DIR/bad.yaml:19: clusters[7].labels.bad key!: label key "bad key!" is not a valid Kubernetes label key; use letters, digits, '-', '_' and '.', starting and ending with a letter or digit`,
      `DIR/bad.yaml:19: clusters[7].labels.region: "-emea" is not a valid label value; use letters, digits, '-', '_' and '.', starting and ending with a letter or digit`,
      `DIR/bad.yaml:21: clusters[8].kubeconfig: DIR/edge is a folder; give the kubeconfig file inside it`,
      `DIR/bad.yaml:22: clusters[9]: must be a mapping (name:, kubeconfig: or pksCluster: or mode: offline, labels:), not "just-a-name"; write the row as - name: …`,
      `DIR/bad.yaml:23: clusters[10].name: is missing; give the cluster's name in Rancher, e.g. edge-001`,
    ]);
  });

  it('names both lines of a duplicate name and of a cluster listed twice', async () => {
    const file = await write(
      'dupes.yaml',
      `clusters:
  - name: edge-001
    kubeconfig: edge/edge-001.kubeconfig
  - name: dc-east
    pksCluster: czpks-dc-east
  - name: edge-001
    kubeconfig: edge/edge-002.kubeconfig
  - name: dc-east-2
    pksCluster: czpks-dc-east
`,
    );
    expect(problems(file)).toEqual([
      'DIR/dupes.yaml:6: clusters[2].name: "edge-001" is also the name at line 2; names must be unique in Rancher: rename one',
      'DIR/dupes.yaml:9: clusters[3].pksCluster: the same cluster as line 5 (dc-east); import each cluster once: remove one row',
    ]);
  });

  it('lists the first 20 problems and counts the rest', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `  - name: Bad_${i}\n    mode: offline\n`);
    const file = await write('many.yaml', `clusters:\n${rows.join('')}`);
    const lines = problems(file);
    expect(lines).toHaveLength(21);
    expect(lines[0]).toMatch(/^DIR\/many\.yaml:2: clusters\[0\]\.name: "Bad_0" /);
    expect(lines[20]).toBe('DIR/many.yaml: and 5 more problems; fix the ones above and run again');
  });

  it('refuses an empty inventory, one without rows, unknown sections and YAML syntax errors', async () => {
    expect(problems(await write('empty.yaml', '# nothing yet\n'))).toEqual([
      'DIR/empty.yaml: the inventory is empty; list the clusters under clusters: (YAML) or below a CSV header',
    ]);
    expect(problems(await write('norows.yaml', 'clusters: []\n'))).toEqual([
      'DIR/norows.yaml: the inventory has no clusters; add rows (name and how to reach each)',
    ]);
    expect(problems(await write('section.yaml', 'cluster:\n  - name: a\n'))).toEqual([
      'DIR/section.yaml:1: cluster: unknown section; did you mean clusters?',
      'DIR/section.yaml: the inventory has no clusters; list them under clusters:',
    ]);
    expect(problems(await write('list.yaml', '- name: edge-001\n  mode: offline\n'))).toEqual([
      'DIR/list.yaml:1: the inventory is a list; put the rows under clusters:',
    ]);
    expect(problems(await write('syntax.yaml', 'clusters:\n  - name: "edge-001\n'))).toEqual([
      'DIR/syntax.yaml:3:1: not valid YAML (Missing closing "quote); fix the syntax there',
    ]);
  });

  it('refuses a file that is neither YAML nor CSV, a binary one and a missing one', async () => {
    expect(problems(await write('notes.txt', 'just some words\n'))).toEqual([
      'DIR/notes.txt: is neither a YAML inventory (a clusters: list) nor a CSV one (a header line name,kubeconfig,…); give the inventory file',
    ]);
    expect(problems(await write('blob.yaml', Buffer.from([1, 2, 0, 3])))).toEqual([
      'DIR/blob.yaml: is not text (binary data at byte 3); give the YAML or CSV inventory',
    ]);
    expect(problems(join(dir, 'absent.yaml'))).toEqual([
      'DIR/absent.yaml: file not found; check the path of --inventory (relative paths start from the current folder)',
    ]);
  });

  it.skipIf(process.getuid?.() === 0)('says when a kubeconfig cannot be read', async () => {
    const locked = join(dir, 'edge', 'locked.kubeconfig');
    await writeFile(locked, 'x');
    await chmod(locked, 0o000);
    const file = await write(
      'locked.yaml',
      'clusters:\n  - name: a\n    kubeconfig: edge/locked.kubeconfig\n',
    );
    expect(problems(file)).toEqual([
      'DIR/locked.yaml:3: clusters[0].kubeconfig: DIR/edge/locked.kubeconfig cannot be read (permission denied); check its permissions',
    ]);
  });
});

describe('loadInventory: CSV', () => {
  it('reads the header columns, label: columns and empty cells as absent', async () => {
    const file = await write(
      'good.csv',
      `name,kubeconfig,context,pksCluster,mode,site,region,environment,label:tier
edge-001,edge/edge-001.kubeconfig,edge-001,,,store-001,emea,prod,gold
dc-east,,,czpks-dc-east,,dc-east,us,,
# a comment line
edge-077,,,,offline,store-077,emea,prod,
`,
    );
    expect(loadInventory(file, { HOME: dir }).rows).toEqual([
      {
        name: 'edge-001',
        access: {
          kind: 'kubeconfig',
          kubeconfig: join(dir, 'edge/edge-001.kubeconfig'),
          context: 'edge-001',
        },
        labels: { site: 'store-001', region: 'emea', environment: 'prod', tier: 'gold' },
        line: 2,
      },
      {
        name: 'dc-east',
        access: { kind: 'pks', pksCluster: 'czpks-dc-east' },
        labels: { site: 'dc-east', region: 'us' },
        line: 3,
      },
      {
        name: 'edge-077',
        access: { kind: 'offline' },
        labels: { site: 'store-077', region: 'emea', environment: 'prod' },
        line: 5,
      },
    ]);
  });

  it('names the line and column of every bad row and unknown header columns', async () => {
    const file = await write(
      'bad.csv',
      `name,kubeconfig,pksCluster,mode,site,regoin,label:bad key
edge-001,edge/edge-001.kubeconfig,,,store-001,emea,
EDGE-2,,,,,,
edge-003,,,offline,"store,003",,x
edge-004,edge/nope.kubeconfig,,,,,,extra
edge-001,,,offline,,,
`,
    );
    expect(problems(file)).toEqual([
      'DIR/bad.csv:1: column regoin: unknown column; did you mean region?',
      'DIR/bad.csv:5: the row has 8 cells but the header 7; quote cells that hold commas or add the column to the header',
      'DIR/bad.csv:3: name: "EDGE-2" has capital letters; write it in lowercase: edge-2',
      'DIR/bad.csv:3: kubeconfig: is missing; give kubeconfig (a file), pksCluster (a PKS cluster) or mode: offline',
      `DIR/bad.csv:4: site: "store,003" is not a valid label value; use letters, digits, '-', '_' and '.', starting and ending with a letter or digit`,
      `DIR/bad.csv:4: label:bad key: label key "bad key" is not a valid Kubernetes label key; use letters, digits, '-', '_' and '.', starting and ending with a letter or digit`,
      `DIR/bad.csv:5: kubeconfig: DIR/edge/nope.kubeconfig not found; check the path (relative paths start from the inventory's folder)`,
      'DIR/bad.csv:6: name: "edge-001" is also the name at line 2; names must be unique in Rancher: rename one',
    ]);
  });

  it('refuses a CSV without its header, one with only the header, and broken quoting', async () => {
    expect(problems(await write('nohead.csv', 'edge-001,edge/edge-001.kubeconfig\n'))).toEqual([
      'DIR/nohead.csv:1: the first line is not the CSV header (it has no name column); add the header line name,kubeconfig,context,pksCluster,mode,site,region,environment',
    ]);
    expect(problems(await write('headonly.csv', 'name,kubeconfig\n'))).toEqual([
      'DIR/headonly.csv: the inventory has no clusters; add rows (name and how to reach each)',
    ]);
    expect(
      problems(await write('quote.csv', 'name,mode\nedge-1,offline\n"edge-2,offline\n')),
    ).toEqual([
      expect.stringMatching(/^DIR\/quote\.csv:\d+: not valid CSV \(.+\); fix the quoting there$/),
    ]);
  });

  it('takes a header-led file without the .csv extension as CSV', async () => {
    const file = await write('inventory.txt', 'name,mode\nedge-1,offline\n');
    expect(loadInventory(file).rows).toEqual([
      { name: 'edge-1', access: { kind: 'offline' }, labels: {}, line: 2 },
    ]);
  });
});
