import { describe, expect, it } from 'vitest';
import {
  fitFleetColumns,
  fleetCells,
  fleetTableView,
  rowElapsed,
} from '../../../source/ui/fleet/fleet-columns.js';
import { countSegments, segmentsWidth } from '../../../source/ui/fleet/fleet-counts-line.js';
import { headerCounts, sortFleetRows } from '../../../source/ui/fleet/fleet-table-state.js';
import { closingLines } from '../../../source/ui/fleet/fleet-closing-lines.js';
import { T0, mixedFleet, row } from './fleet-fixtures.js';

const line = (l: { before: string; state: string; after: string }) => l.before + l.state + l.after;

describe('the fleet table fitted to the terminal', () => {
  const rows = sortFleetRows(mixedFleet(60));

  for (const width of [80, 100, 120, 200]) {
    it(`no line is wider than ${width} columns; every column is there but what had to go`, () => {
      const view = fleetTableView(rows, T0, width, 0, rows.length);
      for (const l of [view.header, ...view.lines.map(line)]) {
        expect(l.length, l).toBeLessThanOrEqual(width);
      }
      expect(view.header).toMatch(/^NAME\s+SITE\s+STATE\s+STEP\s+ELAPSED\s+LAST ERROR$/);
    });
  }

  it('at 80 columns the error keeps a readable width; at 120 it gets the rest of the line', () => {
    const at80 = fleetTableView(rows, T0, 80, 0, 10);
    const failed80 = at80.lines.find((l) => l.rowState === 'failed')!;
    expect(line(failed80)).toMatch(/DNS: the agent/);
    const at120 = fleetTableView(rows, T0, 120, 0, 10);
    const failed120 = at120.lines.find((l) => l.rowState === 'failed')!;
    expect(line(failed120).length).toBe(120);
    expect(line(failed120)).toMatch(/DNS: the agent cannot resolve rancher\.lab\.test/);
  });

  it('without errors there is no error column, and the rest keep their natural width', () => {
    const calm = sortFleetRows([row(1, 'active'), row(2, 'queued')]);
    const fitted = fitFleetColumns(
      calm.map((r) => fleetCells(r, T0)),
      120,
    );
    expect(fitted.keep).toEqual([0, 1, 2, 3, 4]);
  });

  it('on a narrow terminal the error keeps its room; site, step and elapsed go first', () => {
    const view = fleetTableView(rows, T0, 40, 0, 5);
    expect(view.header).toMatch(/^NAME\s+STATE\s+LAST ERROR$/);
    const tiny = fleetTableView(rows, T0, 30, 0, 5);
    // Too narrow for the name, the state and the error: the error goes, never the state.
    expect(tiny.header).toMatch(/^NAME\s+STATE/);
    expect(tiny.header).not.toContain('LAST ERROR');
    for (const l of view.lines) expect(line(l).length).toBeLessThanOrEqual(40);
  });

  it('renders only the window it is given', () => {
    const view = fleetTableView(rows, T0, 100, 10, 25);
    expect(view.lines.map((l) => l.name)).toEqual(rows.slice(10, 25).map((r) => r.name));
  });
});

describe('elapsed', () => {
  it('ticks with the clock while the row works, stops when it settled, empty before it starts', () => {
    const busy = row(1, 'applying', { startedAt: T0 - 65_000 });
    expect(rowElapsed(busy, T0)).toBe('1m5s');
    expect(rowElapsed(busy, T0 + 1000)).toBe('1m6s');
    const done = row(1, 'active', { startedAt: T0 - 30_000, finishedAt: T0 - 10_000 });
    expect(rowElapsed(done, T0 + 99_000)).toBe('20s');
    expect(rowElapsed(row(1, 'queued'), T0)).toBe('');
  });
});

describe('the counts line', () => {
  const counts = headerCounts(mixedFleet(500));

  it('says each figure in words when they fit, shorter when not, the window last', () => {
    const wide = countSegments(counts, 120, '1–18 of 500').map((s) => s.text);
    expect(wide).toEqual([
      '500 clusters',
      '✓ 72 active',
      '✗ 71 failed',
      '▸ 143 in progress',
      '◷ 71 waiting for site',
      '· 143 queued',
      '1–18 of 500',
    ]);
    const narrow = countSegments(counts, 80, '1–18 of 500');
    expect(narrow.map((s) => s.text)).toContain('▸ 143 busy');
    expect(narrow.at(-1)!.text).toBe('1–18 of 500');
    expect(segmentsWidth(narrow)).toBeLessThanOrEqual(80);
    expect(countSegments(counts, 100).map((s) => s.text)).toContain('500 clusters');
  });
});

describe('the closing block', () => {
  const failed = mixedFleet(21).filter((r) => r.state === 'failed');
  const closing = { counts: headerCounts(mixedFleet(21)), failed };

  for (const width of [40, 79, 119]) {
    it(`names each failure with its reason and fix, nothing cut, within ${width} columns`, () => {
      const lines = closingLines(closing, width);
      for (const l of lines) expect((l.label + l.text).length).toBeLessThanOrEqual(width);
      const text = lines
        .map((l) => l.label + l.text)
        .join(' ')
        .replace(/\s+/g, ' ');
      for (const r of failed) {
        expect(text).toContain(`✗ ${r.name}`);
        expect(text).toContain(r.lastError);
        expect(text).toContain(`fix: ${r.fix}`);
      }
    });
  }
});
