import { describe, expect, it } from 'vitest';
import { rowsAtEdge } from '../../source/ui/copy-text.js';
import {
  labelColumnWidth,
  labelLayout,
  minValueWidth,
  stackedIndent,
} from '../../source/ui/label-layout.js';

const certificateLabels = [
  'Certificate (server first, then intermediates)',
  'Private key (PEM, no passphrase)',
  'CA certificate (named cacerts.pem)',
];

describe('labelLayout', () => {
  it('measures the label column: marker, the widest label, ": "', () => {
    expect(labelColumnWidth(certificateLabels)).toBe(2 + 46 + 2);
    expect(labelColumnWidth(['PKS plan', 'Bootstrap password'], 4)).toBe(4 + 18 + 2);
  });

  it('stacks the certificate step at 80 columns, side by side from 90', () => {
    const column = labelColumnWidth(certificateLabels);
    expect(labelLayout(80, column)).toEqual({
      kind: 'stacked',
      indent: stackedIndent,
      valueWidth: 80 - stackedIndent,
    });
    expect(labelLayout(column + minValueWidth - 1, column).kind).toBe('stacked');
    expect(labelLayout(column + minValueWidth, column)).toEqual({
      kind: 'side',
      labelWidth: column,
      valueWidth: minValueWidth,
    });
    expect(labelLayout(100, column).kind).toBe('side');
  });

  it('keeps short labels beside their values at 80 columns (the review)', () => {
    expect(labelLayout(80, labelColumnWidth(['Bootstrap password'], 4))).toEqual({
      kind: 'side',
      labelWidth: 24,
      valueWidth: 56,
    });
  });

  it('never leaves a stacked value without a column', () => {
    expect(labelLayout(3, 50).valueWidth).toBe(1);
  });
});

describe('rowsAtEdge', () => {
  it('leaves text that fits alone', () => {
    expect(rowsAtEdge('rancher.lab.test.  IN  A  127.37.1.10', 80)).toEqual([
      'rancher.lab.test.  IN  A  127.37.1.10',
    ]);
  });

  it('cuts longer text at the edge, character by character: no space lost, nothing added', () => {
    const command = `kubectl -n cattle-system get secret bootstrap-secret -o go-template='{{.data.bootstrapPassword|base64decode}}'`;
    const rows = rowsAtEdge(command, 40);
    expect(rows.join('')).toBe(command);
    expect(rows.slice(0, -1).every((row) => row.length === 40)).toBe(true);
  });
});
