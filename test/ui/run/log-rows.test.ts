import { describe, expect, it } from 'vitest';
import { clockTime } from '../../../source/ui/run/format-time.js';
import { logLine, logRows } from '../../../source/ui/run/log-rows.js';

describe('the log view’s lines', () => {
  it('shows the transcript’s UTC stamps on the local clock', () => {
    const iso = '2026-11-28T09:12:05.120Z';
    expect(logLine(`${iso} $ helm version --short`)).toBe(
      `${clockTime(iso)} $ helm version --short`,
    );
    expect(logLine('  a line without a stamp')).toBe('  a line without a stamp');
  });

  it('never passes on control characters (escape sequences in a command’s output)', () => {
    expect(logLine('red \u001B[31mtext\u001B[0m\tafter\u0007')).toBe('red [31mtext[0m  after');
  });

  it('cuts long lines into rows, nothing left out; the later rows are indented', () => {
    const rows = logRows(['x'.repeat(25), 'short'], 10);
    expect(rows).toEqual(['xxxxxxxxxx', '  xxxxxxxx', '  xxxxxxx', 'short']);
    expect(rows.join('').replace(/ /g, '')).toBe(`${'x'.repeat(25)}short`);
  });
});
