import { namedKey, type KeyEvent, type NamedKey } from './key-event.js';

/**
 * Splits what the terminal sent into keys, typed text and pastes.
 *
 * Why not Ink's `useInput`: Ink 6.8 splits a chunk only where an escape sequence starts
 * (node_modules/ink/build/input-parser.js, `parseKeypresses`: everything up to the next ESC
 * is one event), and `parseKeypress` (parse-keypress.js) recognises Backspace only when it
 * is the whole string (`s === '\x7f'`). Three Backspaces held down over SSH arrive as
 * '\x7f\x7f\x7f', get the name '' and reach the handler as text, which ink-text-input 6.0.0
 * (the wizard's fields until now; build/index.js, the last `else` of its input handler)
 * inserts as invisible characters. Ctrl-U ('\x15') reaches it as `input === 'u'` with
 * `key.ctrl`, and it inserts the letter u. A bracketed paste's ESC[200~ has no name in
 * parse-keypress's table, so use-input.js strips the ESC and hands over "[200~" as text.
 *
 * This reader takes each string Ink's parser emits (escape sequences already whole: Ink
 * keeps an unfinished one pending until the next chunk, and flushes a lone ESC on
 * setImmediate) and splits it fully. It keeps one piece of state: inside a bracketed paste,
 * everything up to ESC[201~ is text, whatever it contains.
 *
 * Sequences: XTerm Control Sequences ("PC-Style Function Keys": CSI 1;m A-D/H/F and
 * CSI n ~, modifier m = 1 + Shift 1 + Alt 2 + Ctrl 4 + Meta 8; "Bracketed Paste Mode":
 * CSI ? 2004 h, pastes wrapped in CSI 200 ~ … CSI 201 ~); rxvt's ESC O a-d for Ctrl-arrows.
 * No library: Node's readline.emitKeypressEvents wants the stream (which Ink already reads)
 * and holds a lone ESC 500 ms (its escapeCodeTimeout); the npm `keypress` package (0.2.1) is
 * CommonJS and also takes the stream. Ink's parser already frames the sequences, so what is
 * left is this small, pure split.
 */
export class KeyReader {
  private pasted: string | undefined;

  read(raw: string): KeyEvent[] {
    const events: KeyEvent[] = [];
    let index = 0;
    while (index < raw.length) {
      if (this.pasted !== undefined) {
        index = this.readPaste(raw, index, events);
        continue;
      }
      const char = raw[index]!;
      if (char === ESC) {
        const { key, length } = readEscape(raw, index);
        if (key.name === pasteStart) this.pasted = '';
        else if (key.name !== pasteEnd) events.push(key);
        index += length;
      } else if (isControl(char)) {
        const key = controlKey(char);
        if (key) events.push(key);
        index += 1;
      } else {
        const end = endOfText(raw, index);
        events.push({ kind: 'text', text: raw.slice(index, end) });
        index = end;
      }
    }
    return events;
  }

  /** Pasted text runs to ESC[201~, which may come in a later chunk. */
  private readPaste(raw: string, index: number, events: KeyEvent[]): number {
    const end = raw.indexOf(PASTE_END, index);
    if (end === -1) {
      this.pasted += raw.slice(index);
      return raw.length;
    }
    events.push({ kind: 'paste', text: this.pasted + raw.slice(index, end) });
    this.pasted = undefined;
    return end + PASTE_END.length;
  }
}

/** Every key in `raw`, read on its own (a test's or a bench's one-shot). */
export function readKeys(raw: string): KeyEvent[] {
  return new KeyReader().read(raw);
}

const ESC = '\u001B';
const PASTE_END = `${ESC}[201~`;
const pasteStart = 'paste-start';
const pasteEnd = 'paste-end';

/** C0 controls, DEL and C1 controls: never text. */
export function isControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

function endOfText(raw: string, from: number): number {
  let end = from;
  while (end < raw.length && !isControl(raw[end]!)) end++;
  return end;
}

/** A control byte: Enter, Tab, Backspace (DEL or ^H), Ctrl-letter; other controls are dropped. */
function controlKey(char: string): NamedKey | undefined {
  const code = char.charCodeAt(0);
  if (char === '\r' || char === '\n') return namedKey('return');
  if (char === '\t') return namedKey('tab');
  if (code === 0x7f || code === 0x08) return namedKey('backspace');
  if (code >= 0x01 && code <= 0x1a)
    return namedKey(String.fromCharCode(code + 0x60), { ctrl: true });
  return undefined;
}

interface Read {
  key: NamedKey;
  length: number;
}

/** The key that starts with the ESC at `index`, and how many characters it spans. */
function readEscape(raw: string, index: number): Read {
  const next = raw[index + 1];
  if (next === undefined) return { key: namedKey('escape'), length: 1 };
  if (next === '[') return readCsi(raw, index);
  if (next === 'O' && raw[index + 2] !== undefined) return readSs3(raw[index + 2]!);
  if (next === ESC) {
    // ESC ESC [ D: Alt-arrow on terminals that prefix ESC (macOS Terminal's Option-arrow).
    const after = raw[index + 2];
    if (after === '[' || after === 'O') {
      const inner = readEscape(raw, index + 1);
      return { key: { ...inner.key, meta: true }, length: inner.length + 1 };
    }
    return { key: namedKey('escape'), length: 1 };
  }
  if (next === '\u007F' || next === '\b') {
    return { key: namedKey('backspace', { meta: true }), length: 2 };
  }
  if (next === '\r') return { key: namedKey('return', { meta: true }), length: 2 };
  if (isControl(next)) return { key: namedKey('escape'), length: 1 };
  // Alt-b, Alt-f, Alt-d: ESC then the character (xterm's metaSendsEscape, every terminal's default).
  const char = String.fromCodePoint(raw.codePointAt(index + 1)!);
  const shift = char !== char.toLowerCase();
  return { key: namedKey(char.toLowerCase(), { meta: true, shift }), length: 1 + char.length };
}

const csiLetters: Record<string, string> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  H: 'home',
  F: 'end',
};

/** F1-F4: SS3 P-S (xterm, tmux), CSI 1;m P-S with modifiers. */
const functionLetters: Record<string, string> = { P: 'f1', Q: 'f2', R: 'f3', S: 'f4' };

const csiTildes: Record<string, string> = {
  '1': 'home',
  '11': 'f1', // rxvt
  '12': 'f2',
  '13': 'f3',
  '14': 'f4',
  '2': 'insert',
  '3': 'delete',
  '4': 'end',
  '5': 'pageup',
  '6': 'pagedown',
  '7': 'home',
  '8': 'end',
  '200': pasteStart,
  '201': pasteEnd,
};

/** ESC [ params final: parameters and intermediates 0x20-0x3F, then a final 0x40-0x7E. */
function readCsi(raw: string, index: number): Read {
  let end = index + 2;
  // The Linux console's F1-F5: ESC [ [ A … ESC [ [ E.
  if (raw[end] === '[') {
    const final = raw[end + 1];
    const fKey = final && final >= 'A' && final <= 'E' ? `f${final.charCodeAt(0) - 64}` : 'unknown';
    return {
      key: namedKey(final === undefined ? 'unknown' : fKey),
      length: final === undefined ? 3 : 4,
    };
  }
  while (end < raw.length && inRange(raw, end, 0x20, 0x3f)) end++;
  if (end >= raw.length || !inRange(raw, end, 0x40, 0x7e)) {
    return { key: namedKey('unknown'), length: end - index }; // cut short: dropped, never text
  }
  const length = end - index + 1;
  const params = raw.slice(index + 2, end).split(';');
  const final = raw[end]!;
  const modifiers = modifiersOf(Number(params[1] ?? 1));
  if (final === 'Z') return { key: namedKey('tab', { shift: true }), length };
  const name =
    final === '~' ? csiTildes[params[0] ?? ''] : (csiLetters[final] ?? functionLetters[final]);
  return { key: namedKey(name ?? 'unknown', modifiers), length };
}

/** ESC O A (application cursor keys); rxvt sends ESC O a-d for Ctrl-arrows. */
function readSs3(final: string): Read {
  const name = csiLetters[final] ?? functionLetters[final];
  if (name) return { key: namedKey(name), length: 3 };
  const ctrlName = csiLetters[final.toUpperCase()];
  if (ctrlName && final >= 'a' && final <= 'd') {
    return { key: namedKey(ctrlName, { ctrl: true }), length: 3 };
  }
  return { key: namedKey('unknown'), length: 3 };
}

function modifiersOf(parameter: number): Pick<NamedKey, 'ctrl' | 'meta' | 'shift'> {
  const bits = Number.isInteger(parameter) && parameter > 1 ? parameter - 1 : 0;
  return {
    shift: (bits & 1) !== 0,
    meta: (bits & 2) !== 0 || (bits & 8) !== 0,
    ctrl: (bits & 4) !== 0,
  };
}

function inRange(raw: string, index: number, low: number, high: number): boolean {
  const code = raw.charCodeAt(index);
  return code >= low && code <= high;
}
