import { clockTime } from './format-time.js';

const stamped = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) (.*)$/;
// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * A transcript line as the log view shows it: its UTC stamp as the local clock (`09:12:05`,
 * the time the header and the deadlines use), tabs as spaces, no control characters (a
 * command's output could carry escape sequences; the screen must not run them).
 */
export function logLine(line: string): string {
  const clean = line.replace(/\t/g, '  ').replace(controls, '');
  const match = stamped.exec(clean);
  return match ? `${clockTime(match[1]!)} ${match[2]}` : clean;
}

/**
 * The lines cut into rows of `width`, nothing left out (a command line is read whole);
 * a line's later rows are indented, so where each line starts stays plain.
 */
export function logRows(lines: readonly string[], width: number): string[] {
  const w = Math.max(4, width);
  const rows: string[] = [];
  for (const line of lines) {
    const text = logLine(line);
    rows.push(text.slice(0, w));
    for (let at = w; at < text.length; at += w - 2) rows.push(`  ${text.slice(at, at + w - 2)}`);
  }
  return rows;
}
