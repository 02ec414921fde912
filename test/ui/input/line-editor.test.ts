import { describe, expect, it } from 'vitest';
import { namedKey, type KeyEvent } from '../../../source/ui/input/key-event.js';
import { editLine, lineAtEnd, type LineState } from '../../../source/ui/input/line-editor.js';
import { readKeys } from '../../../source/ui/input/read-keys.js';

/** Types `raw` (as a terminal sends it) into a line whose cursor is at `|`. */
function type(start: string, raw: string): string {
  let line: LineState = { value: start.replace('|', ''), cursor: start.indexOf('|') };
  for (const key of readKeys(raw)) line = editLine(line, key) ?? line;
  return line.value.slice(0, line.cursor) + '|' + line.value.slice(line.cursor);
}

describe('editLine: readline keys', () => {
  it.each([
    ['Backspace ×3 in one chunk', '/tmp/certs/x.crt|', '\x7f\x7f\x7f', '/tmp/certs/x.|'],
    ['Backspace at the start', '|abc', '\x7f', '|abc'],
    ['Delete', 'a|bc', '\x1b[3~', 'a|c'],
    ['Ctrl-D', 'a|bc', '\x04', 'a|c'],
    ['← ← then type', 'abc|', '\x1b[D\x1b[DX', 'aX|bc'],
    ['→ at the end', 'abc|', '\x1b[C', 'abc|'],
    ['Ctrl-A then type', 'tmp/x|', '\x01/', '/|tmp/x'],
    ['Home', 'abc|', '\x1b[H', '|abc'],
    ['Ctrl-E', '|abc', '\x05', 'abc|'],
    ['End', '|abc', '\x1b[F', 'abc|'],
    ['Ctrl-B / Ctrl-F', 'ab|c', '\x02\x02\x06', 'a|bc'],
    ['Ctrl-U kills to the start of the line', 'junk /tmp|/x', '\x15', '|/x'],
    ['Ctrl-K kills to the end', '/tmp|/junk', '\x0b', '/tmp|'],
    ['Ctrl-W kills back to white space', 'a /tmp/certs/x|', '\x17', 'a |'],
    ['Ctrl-W over trailing spaces', 'one two  |', '\x17', 'one |'],
    ['Alt-Backspace kills one word (letters and digits)', '/tmp/certs|', '\x1b\x7f', '/tmp/|'],
    ['Alt-D kills the next word', '/|tmp/certs', '\x1bd', '/|/certs'],
    ['Alt-B to the start of the word', '/tmp/certs/x.crt|', '\x1bb', '/tmp/certs/x.|crt'],
    ['Alt-B twice', '/tmp/certs/x.crt|', '\x1bb\x1bb', '/tmp/certs/|x.crt'],
    ['Alt-F to the end of the next word', '|/tmp/certs', '\x1bf', '/tmp|/certs'],
    ['Ctrl-← (xterm)', '/tmp/certs|', '\x1b[1;5D', '/tmp/|certs'],
    ['Ctrl-→ (xterm)', '|/tmp/certs', '\x1b[1;5C', '/tmp|/certs'],
    ['Ctrl-Y yanks the last kill', '/tmp/x|', '\x15\x19\x19', '/tmp/x/tmp/x|'],
    ['a paste goes in at the cursor', 'a|b', '\x1b[200~/p/q\x1b[201~', 'a/p/q|b'],
    ['a pasted newline is not kept', '|', '\x1b[200~/p/q\n\x1b[201~', '/p/q|'],
    ['Ctrl-C is not an edit', 'ab|', '\x03', 'ab|'],
    ['a surrogate pair is one character', 'a😀|', '\x7f', 'a|'],
  ])('%s', (_what, start, raw, expected) => {
    expect(type(start, raw)).toBe(expected);
  });

  it('leaves Enter, Tab, Esc and the arrows that move between fields to the field', () => {
    const line = lineAtEnd('x');
    const passed: KeyEvent[] = [
      namedKey('return'),
      namedKey('tab'),
      namedKey('escape'),
      namedKey('up'),
      namedKey('down'),
      namedKey('c', { ctrl: true }),
    ];
    for (const key of passed) expect(editLine(line, key)).toBeUndefined();
  });

  it('takes a 2 KB paste whole', () => {
    const path = `/${'d'.repeat(200)}`.repeat(10) + '/rancher.cer';
    const [paste] = readKeys(`\x1b[200~${path}\x1b[201~`);
    expect(editLine(lineAtEnd(''), paste!)).toEqual({ value: path, cursor: path.length });
  });
});
