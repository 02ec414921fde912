import { labelColumnWidth, labelLayout } from '../label-layout.js';
import { wrapText } from '../run/wrap-text.js';
import type { FleetClosing } from './fleet-table-state.js';

/** One printed line of the closing block; the label part is coloured apart from the text. */
export interface ClosingLine {
  label: string;
  text: string;
  /** The text is the fix (dimmer than the reason). */
  fix?: boolean;
}

const marker = '  ✗ ';

/**
 * Every failed cluster with its reason and its fix, each wrapped to `width`: beside the names
 * when the names leave room (label-layout.ts), else under each name, indented. Nothing is cut:
 * this is what stays in the scrollback once the import is over.
 */
export function closingLines(closing: FleetClosing, width: number): ClosingLine[] {
  const names = closing.failed.map((row) => row.name);
  const layout = labelLayout(width, labelColumnWidth(names, marker.length));
  const lines: ClosingLine[] = [];
  for (const row of closing.failed) {
    const label = `${marker}${row.name}`;
    const body: ClosingLine[] = [
      ...wrapText(row.lastError ?? 'failed (no reason given)', layout.valueWidth, Infinity).map(
        (text) => ({ label: '', text }),
      ),
      ...(row.fix
        ? wrapText(`fix: ${row.fix}`, layout.valueWidth, Infinity).map((text) => ({
            label: '',
            text,
            fix: true,
          }))
        : []),
    ];
    if (layout.kind === 'side') {
      body[0] = { ...body[0]!, label: label.padEnd(layout.labelWidth) };
      for (const line of body.slice(1)) line.label = ' '.repeat(layout.labelWidth);
      lines.push(...body);
    } else {
      lines.push({ label, text: '' });
      for (const line of body) line.label = ' '.repeat(layout.indent);
      lines.push(...body);
    }
  }
  return lines;
}
