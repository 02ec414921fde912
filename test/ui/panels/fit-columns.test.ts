import { describe, expect, it } from 'vitest';
import {
  capRows,
  fitCells,
  fitColumns,
  truncate,
  type Column,
} from '../../../source/ui/panels/fit-columns.js';

const columns: Column[] = [
  { header: 'NAME', min: 8, priority: 9 },
  { header: 'STATUS', priority: 9 },
  { header: 'NODE', min: 6, priority: 1 },
];
const rows = [['rancher-6f7c9d8b5-x2k4q', 'Running', 'worker-0f8e-4a1b']];

const lineOf = (width: number) => {
  const fitted = fitColumns(columns, rows, width);
  return fitCells(columns, fitted, rows[0]!).join('  ');
};

describe('fitColumns', () => {
  it('keeps natural widths when there is room, without stretching', () => {
    expect(lineOf(200)).toBe('rancher-6f7c9d8b5-x2k4q  Running  worker-0f8e-4a1b');
  });

  it('truncates the widest column first, with …', () => {
    const line = lineOf(40);
    expect(line.length).toBeLessThanOrEqual(40);
    expect(line).toContain('…');
    expect(line).toContain('Running');
  });

  it('drops the least important column when even minimums do not fit', () => {
    const fitted = fitColumns(columns, rows, 20);
    expect(fitted.keep).toEqual([0, 1]);
    expect(lineOf(20).length).toBeLessThanOrEqual(20);
  });
});

describe('truncate and capRows', () => {
  it('marks the cut', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });

  it('leaves a line for "+N more"', () => {
    expect(capRows([1, 2, 3, 4, 5], 3)).toEqual({ shown: [1, 2], more: 3 });
    expect(capRows([1, 2], 3)).toEqual({ shown: [1, 2], more: 0 });
  });
});
