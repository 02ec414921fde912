import { describe, expect, it } from 'vitest';
import {
  capRows,
  columnGap,
  fitCells,
  fitColumns,
  fitHeader,
  truncate,
  truncateMiddle,
  type Column,
} from '../../../source/ui/panels/fit-columns.js';

const columns: Column[] = [
  { header: 'NAME', priority: 9, cut: { min: 8, at: 'middle' } },
  { header: 'STATUS', priority: 9 },
  { header: 'NODE', priority: 1, cut: { min: 6, at: 'end' } },
];
const rows = [['rancher-6f7c9d8b5-x2k4q', 'Running', 'worker-0f8e-4a1b']];

const lineOf = (width: number, cols = columns, r = rows, row = 0) => {
  const fitted = fitColumns(cols, r, width);
  return fitCells(cols, fitted, r[row]!).join(' '.repeat(columnGap));
};

describe('fitColumns', () => {
  it('keeps natural widths when there is room, without stretching', () => {
    expect(lineOf(200)).toBe('rancher-6f7c9d8b5-x2k4q  Running  worker-0f8e-4a1b');
  });

  it('cuts the least important cuttable column first, with …', () => {
    const line = lineOf(40);
    expect(line.length).toBeLessThanOrEqual(40);
    expect(line).toBe('rancher-6f7c9d8b5-x2k4q  Running  worke…');
  });

  it('drops a column whose minimum does not fit, before cutting a more important one', () => {
    const fitted = fitColumns(columns, rows, 20);
    expect(fitted.keep).toEqual([0, 1]);
    expect(lineOf(20)).toBe('ranch…x2k4q  Running');
  });

  // kubectl get svc at 80 columns: the VIP is what the user types into DNS.
  const services: Column[] = [
    { header: 'NAME', priority: 9, cut: { min: 14, at: 'middle' } },
    { header: 'TYPE', priority: 7 },
    { header: 'CLUSTER-IP', priority: 1 },
    { header: 'EXTERNAL-IP', priority: 10 },
    { header: 'PORT(S)', priority: 5, cut: { min: 10, at: 'end' } },
    { header: 'ENDPOINTS', priority: 6, cut: { min: 12, at: 'end' } },
  ];
  const svcRows = [
    [
      'ingress-nginx-controller',
      'LoadBalancer',
      '10.100.200.17',
      '127.146.1.123',
      '80:31234/TCP,443:31443/TCP',
      '10.200.1.7:80,10.200.2.7:80,10.200.3.7:80 + 3 more',
    ],
    [
      'ingress-nginx-controller-admission',
      'ClusterIP',
      '10.100.200.18',
      '<none>',
      '443/TCP',
      '10.200.1.7:8443,10.200.2.7:8443,10.200.3.7:8443',
    ],
  ];

  it('never cuts a column without `cut`: the VIP is whole at every width it is shown', () => {
    for (let width = 30; width <= 160; width++) {
      const fitted = fitColumns(services, svcRows, width);
      const line = lineOf(width, services, svcRows);
      if (fitted.keep.length > 1) expect(line.length, `width ${width}`).toBeLessThanOrEqual(width);
      if (fitted.keep.includes(3)) expect(line, `width ${width}`).toContain('127.146.1.123');
    }
    // At 80 columns the cluster IP and the ports (even cut to 10, too wide) are gone, the
    // VIP whole; the endpoints are cut to what is left.
    const fitted = fitColumns(services, svcRows, 80);
    expect(fitted.keep).toEqual([0, 1, 3, 5]);
    expect(fitted.widths).toEqual([34, 12, 13, 15]);
    expect(lineOf(80, services, svcRows)).toContain('127.146.1.123');
  });

  it('drops whole low-priority columns before cutting a more important one', () => {
    // At 100 columns the pod IP used to show as `1…`: now it is dropped, NODE is cut.
    const pods: Column[] = [
      { header: 'NAME', priority: 9, cut: { min: 16, at: 'middle' } },
      { header: 'STATUS', priority: 9, cut: { min: 9, at: 'end' } },
      { header: 'IP', priority: 1 },
      { header: 'NODE', priority: 3, cut: { min: 8, at: 'end' } },
    ];
    const podRows = [
      [
        'rancher-666f98cd97-564d9',
        'Running',
        '10.200.17.5',
        '7f67d03e-f76a-4af0-98bf-272b7c004ab6',
      ],
    ];
    const line = lineOf(70, pods, podRows);
    expect(line).not.toContain('10.200');
    expect(line).not.toMatch(/\b1…/);
    expect(line).toMatch(/^rancher-666f98cd97-564d9 {2}Running {2}7f67d03e-f76a-.*…$/);
    expect(line.length).toBeLessThanOrEqual(70);
    // With room, the IP is back, whole.
    expect(lineOf(120, pods, podRows)).toContain('10.200.17.5');
  });

  it('keeps names that differ only at the end apart when it cuts them', () => {
    const width = 44;
    const fitted = fitColumns(services, svcRows, width);
    expect(fitted.keep).toEqual([0, 3]);
    expect(fitted.widths[0]).toBeLessThan(svcRows[1]![0]!.length);
    const names = svcRows.map((r) => fitCells(services, fitted, r)[0]!.trim());
    expect(names[0]).not.toBe(names[1]);
    expect(names[1]).toMatch(/…/);
    expect(names[1]).toMatch(/admission$/);
  });

  it('cuts headers at their end', () => {
    const fitted = { keep: [0], widths: [5] };
    expect(fitHeader([{ header: 'RESTARTS', cut: { min: 3, at: 'middle' } }], fitted)).toEqual([
      'REST…',
    ]);
  });

  it('cuts a lone column to the terminal', () => {
    const fitted = fitColumns([{ header: 'NAME' }], [['a'.repeat(50)]], 20);
    expect(fitted).toEqual({ keep: [0], widths: [20] });
  });
});

describe('truncate, truncateMiddle and capRows', () => {
  it('marks the cut', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });

  it('cuts in the middle, the tail kept a character longer', () => {
    expect(truncateMiddle('rancher-666f98cd97-564d9', 16)).toBe('rancher…97-564d9');
    expect(truncateMiddle('rancher-666f98cd97-564d9', 16)).toHaveLength(16);
    expect(truncateMiddle('short', 16)).toBe('short');
    expect(truncateMiddle('abcdef', 2)).toBe('a…');
  });

  it('leaves a line for "+N more"', () => {
    expect(capRows([1, 2, 3, 4, 5], 3)).toEqual({ shown: [1, 2], more: 3 });
    expect(capRows([1, 2], 3)).toEqual({ shown: [1, 2], more: 0 });
  });
});
