/**
 * One key, one run of typed text, or one paste: what a terminal sends, split apart.
 *
 * Ink's own `useInput` hands over a whole run of bytes as one "key" (see read-keys.ts for
 * why); everything in source/ui that edits text or moves a cursor reads these events instead.
 */
export type KeyEvent =
  /** Printable characters typed (several when they arrive together). */
  | { readonly kind: 'text'; readonly text: string }
  /** Text the terminal marked as pasted (bracketed paste, ESC[200~ … ESC[201~). */
  | { readonly kind: 'paste'; readonly text: string }
  | NamedKey;

export interface NamedKey {
  readonly kind: 'key';
  /**
   * `up`, `down`, `left`, `right`, `home`, `end`, `pageup`, `pagedown`, `insert`, `delete`
   * (forward), `backspace`, `return`, `tab`, `escape`, `f1`-`f5` (help is F1 where `?` is
   * typed); a letter with `ctrl` (Ctrl-A is `a`) or `meta` (Alt-B is `b`); `unknown` for
   * sequences no screen uses (other F-keys, mouse).
   */
  readonly name: string;
  readonly ctrl: boolean;
  /** Alt (Option) was held: ESC before the key, or modifier 3 in `ESC[1;3D`. */
  readonly meta: boolean;
  readonly shift: boolean;
}

export function namedKey(
  name: string,
  modifiers: Partial<Pick<NamedKey, 'ctrl' | 'meta' | 'shift'>> = {},
): NamedKey {
  return {
    kind: 'key',
    name,
    ctrl: modifiers.ctrl ?? false,
    meta: modifiers.meta ?? false,
    shift: modifiers.shift ?? false,
  };
}

/** `isKey(event, 'up')`: that key with no Ctrl or Alt held. */
export function isKey(event: KeyEvent, name: string): boolean {
  return event.kind === 'key' && event.name === name && !event.ctrl && !event.meta;
}

export function isCtrl(event: KeyEvent, letter: string): boolean {
  return event.kind === 'key' && event.ctrl && !event.meta && event.name === letter;
}

/** Ctrl-C: in raw mode the terminal sends 0x03 instead of raising SIGINT. */
export function isInterrupt(event: KeyEvent): boolean {
  return isCtrl(event, 'c');
}

/** A one-letter command (`r` retry, `p` preflight), either case. */
export function isChar(event: KeyEvent, letter: string): boolean {
  return event.kind === 'text' && event.text.toLowerCase() === letter;
}
