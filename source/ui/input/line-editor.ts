import type { KeyEvent, NamedKey } from './key-event.js';

/**
 * One line of text being edited: the readline keys people's fingers know, as a pure function.
 * Bindings and word rules follow GNU Readline's defaults ("Commands For Moving",
 * "Commands For Killing" in the Bash manual): C-a/C-e, C-b/C-f, M-b/M-f (words are letters
 * and digits), C-k, C-u (to the start of the line), C-w (back to white space), M-DEL, M-d,
 * C-d, C-y (yanks the last kill). Home/End, ←/→ and Ctrl-←/→ (xterm's CSI 1;5 D/C) too.
 */
export interface LineState {
  readonly value: string;
  /** Where the next character goes, in UTF-16 units, never inside a surrogate pair. */
  readonly cursor: number;
  /** The text the last kill (C-k, C-u, C-w, M-d, M-DEL) removed, for C-y. */
  readonly killed?: string;
}

/** A line with the cursor at its end: how a field starts, and where a completion leaves it. */
export function lineAtEnd(value: string): LineState {
  return { value, cursor: value.length };
}

/**
 * The line after `event`; `undefined` when the event is not an edit (Enter, Tab, Esc,
 * ↑/↓, Ctrl-C…), so the field can hand it to whoever wants it.
 */
export function editLine(state: LineState, event: KeyEvent): LineState | undefined {
  if (event.kind !== 'key') return insert(state, event.text);
  return (event.ctrl ? ctrlEdit : event.meta ? metaEdit : plainEdit)(state, event);
}

function plainEdit(state: LineState, key: NamedKey): LineState | undefined {
  switch (key.name) {
    case 'left':
      return moveTo(state, previousChar(state.value, state.cursor));
    case 'right':
      return moveTo(state, nextChar(state.value, state.cursor));
    case 'home':
      return moveTo(state, 0);
    case 'end':
      return moveTo(state, state.value.length);
    case 'backspace':
      return remove(state, previousChar(state.value, state.cursor), state.cursor);
    case 'delete':
      return remove(state, state.cursor, nextChar(state.value, state.cursor));
    default:
      return undefined;
  }
}

function ctrlEdit(state: LineState, key: NamedKey): LineState | undefined {
  const { value, cursor } = state;
  switch (key.name) {
    case 'a':
      return moveTo(state, 0);
    case 'e':
      return moveTo(state, value.length);
    case 'b':
      return moveTo(state, previousChar(value, cursor));
    case 'f':
      return moveTo(state, nextChar(value, cursor));
    case 'left':
      return moveTo(state, wordStartBefore(value, cursor));
    case 'right':
      return moveTo(state, wordEndAfter(value, cursor));
    case 'd':
      return remove(state, cursor, nextChar(value, cursor));
    case 'k':
      return kill(state, cursor, value.length);
    case 'u':
      return kill(state, 0, cursor);
    case 'w':
      return kill(state, spaceDelimitedWordStart(value, cursor), cursor);
    case 'y':
      return insert(state, state.killed ?? '');
    default:
      return undefined;
  }
}

function metaEdit(state: LineState, key: NamedKey): LineState | undefined {
  const { value, cursor } = state;
  switch (key.name) {
    case 'b':
    case 'left':
      return moveTo(state, wordStartBefore(value, cursor));
    case 'f':
    case 'right':
      return moveTo(state, wordEndAfter(value, cursor));
    case 'backspace':
      return kill(state, wordStartBefore(value, cursor), cursor);
    case 'd':
      return kill(state, cursor, wordEndAfter(value, cursor));
    default:
      return undefined;
  }
}

/**
 * Typed or pasted text goes in at the cursor, minus control characters: a one-line field
 * has no use for a pasted newline or tab, and an invisible character in a path only
 * surfaces later as "does not exist".
 */
function insert(state: LineState, text: string): LineState {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001F\u007F-\u009F]/g, '');
  if (!clean) return state;
  const { value, cursor } = state;
  return {
    ...state,
    value: value.slice(0, cursor) + clean + value.slice(cursor),
    cursor: cursor + clean.length,
  };
}

function moveTo(state: LineState, cursor: number): LineState {
  return cursor === state.cursor ? state : { ...state, cursor };
}

function remove(state: LineState, from: number, to: number): LineState {
  if (from >= to) return state;
  return { ...state, value: state.value.slice(0, from) + state.value.slice(to), cursor: from };
}

function kill(state: LineState, from: number, to: number): LineState {
  if (from >= to) return state;
  return { ...remove(state, from, to), killed: state.value.slice(from, to) };
}

function isLowSurrogate(value: string, index: number): boolean {
  const code = value.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
}

function previousChar(value: string, cursor: number): number {
  if (cursor <= 0) return 0;
  return isLowSurrogate(value, cursor - 1) && cursor >= 2 ? cursor - 2 : cursor - 1;
}

function nextChar(value: string, cursor: number): number {
  if (cursor >= value.length) return value.length;
  return isLowSurrogate(value, cursor + 1) ? cursor + 2 : cursor + 1;
}

/** Readline's words: letters and digits. */
const wordChar = /[\p{L}\p{N}]/u;
const isWord = (value: string, index: number) => wordChar.test(value[index] ?? '');
const isSpace = (value: string, index: number) => /\s/.test(value[index] ?? '');

/** backward-word: to the start of the current or previous word. */
function wordStartBefore(value: string, cursor: number): number {
  let index = cursor;
  while (index > 0 && !isWord(value, index - 1)) index--;
  while (index > 0 && isWord(value, index - 1)) index--;
  return index;
}

/** forward-word: to the end of the next word. */
function wordEndAfter(value: string, cursor: number): number {
  let index = cursor;
  while (index < value.length && !isWord(value, index)) index++;
  while (index < value.length && isWord(value, index)) index++;
  return index;
}

/** unix-word-rubout (C-w): back over spaces, then to the previous white space. */
function spaceDelimitedWordStart(value: string, cursor: number): number {
  let index = cursor;
  while (index > 0 && isSpace(value, index - 1)) index--;
  while (index > 0 && !isSpace(value, index - 1)) index--;
  return index;
}
