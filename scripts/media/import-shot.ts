import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installFixture } from '../../test/helpers/install-fixture.js';
import { cliInLab, edgeLabArgs, startLab } from '../../test/helpers/lab-process.js';
import { TmuxSession } from '../../test/helpers/tmux.js';
import { parse, stringify } from 'yaml';
import { waitForBestScreen } from './screen-wait.js';
import type { Shot, TerminalSize } from './shot.js';

const title = 'rancher-pks-tui import --inventory fleet.yaml';
/** Slow enough that, 5 at a time, the table is caught with rows in every state. */
const timescale = '0.05';
/** Two sites whose pods cannot resolve Rancher's name: they fail the reachability check. */
const noDns = ['edge-004', 'edge-011'];

/** `N label` from the counts line (`✓ 12 active`, `▸ 5 in progress` / `5 busy` at 80 columns). */
function count(text: string, label: RegExp): number {
  const m = new RegExp(`(\\d+) ${label.source}`).exec(text);
  return m ? Number(m[1]) : 0;
}

interface Row {
  name: string;
  mode?: string;
  labels?: Record<string, string>;
}

/**
 * The lab's inventory with its offline sites first and named as depots: they are bundled at
 * once and sort above the active rows (by name), so the picture shows them waiting.
 */
function depotsFirst(labDir: string): string {
  const doc = parse(readFileSync(join(labDir, 'edge-inventory.yaml'), 'utf8')) as {
    clusters: Row[];
  };
  const offline = doc.clusters
    .filter((r) => r.mode === 'offline')
    .map((r, i) => {
      const depot = `depot-${String(i + 1).padStart(2, '0')}`;
      return { ...r, name: depot, labels: { ...r.labels, site: depot } };
    });
  const file = join(labDir, 'fleet.yaml');
  writeFileSync(
    file,
    stringify({ clusters: [...offline, ...doc.clusters.filter((r) => r.mode !== 'offline')] }),
  );
  return file;
}

/**
 * The import's live table mid-run: 60 edge clusters of a lab install (5 offline depots), 5 at
 * a time, two with no DNS for Rancher, caught once some are active, some in progress, some
 * failed (and, at best, the depots waiting for their site, 8 active and 10 still queued).
 */
export async function importShot(size: TerminalSize): Promise<Shot> {
  const { columns, rows } = size;
  const lab = await startLab(edgeLabArgs({ count: 60, offline: 5 }), timescale);
  let tmux: TmuxSession | undefined;
  try {
    const fx = await installFixture(lab.dir);
    const env = { RANCHER_PKS_TUI_HOME: fx.home };
    const installed = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], { env });
    if (installed.code !== 0) throw new Error(`install failed:\n${installed.stdout.slice(-2000)}`);
    writeFileSync(join(lab.dir, 'faults.json'), JSON.stringify({ edgeNoDns: noDns }));
    tmux = TmuxSession.start(
      cliInLab(lab.dir, [
        'import',
        '--inventory',
        depotsFirst(lab.dir),
        '--yes',
        '--concurrency',
        '5',
      ]),
      { columns, rows, env },
    );
    const screen = await waitForBestScreen(tmux, 'the import table mid-run', {
      good: (text) =>
        count(text, /active/) > 0 &&
        count(text, /(in progress|busy)/) > 0 &&
        count(text, /failed/) > 0,
      best: (text) =>
        count(text, /(waiting for site|at site)/) > 0 &&
        count(text, /active/) >= 8 &&
        count(text, /queued/) >= 10,
    });
    return {
      name: `${size.folder ? `${size.folder}/` : ''}import-table`,
      ansi: screen,
      columns,
      title,
    };
  } finally {
    tmux?.kill();
    await lab.stop();
  }
}
