import { describe, expect, it } from 'vitest';
import { namedKey, type KeyEvent } from '../../../source/ui/input/key-event.js';
import { KeyReader, readKeys } from '../../../source/ui/input/read-keys.js';

const key = namedKey;
const text = (t: string): KeyEvent => ({ kind: 'text', text: t });

describe('readKeys: one event per key, however many arrive in one chunk', () => {
  it.each<[string, string, KeyEvent[]]>([
    [
      'three Backspaces (DEL)',
      '\x7f\x7f\x7f',
      [key('backspace'), key('backspace'), key('backspace')],
    ],
    ['Backspace as ^H', '\b', [key('backspace')]],
    ['three Up arrows', '\x1b[A\x1b[A\x1b[A', [key('up'), key('up'), key('up')]],
    ['application-mode arrows', '\x1bOB\x1bOD', [key('down'), key('left')]],
    ['typed text then Enter', 'abc\r', [text('abc'), key('return')]],
    ['text, Backspace, text', 'ab\x7fc', [text('ab'), key('backspace'), text('c')]],
    ['Tab inside text', '/tm\t', [text('/tm'), key('tab')]],
    ['Ctrl-A', '\x01', [key('a', { ctrl: true })]],
    ['Ctrl-E', '\x05', [key('e', { ctrl: true })]],
    ['Ctrl-U', '\x15', [key('u', { ctrl: true })]],
    ['Ctrl-W', '\x17', [key('w', { ctrl: true })]],
    ['Ctrl-K', '\x0b', [key('k', { ctrl: true })]],
    ['Ctrl-C', '\x03', [key('c', { ctrl: true })]],
    ['Alt-B', '\x1bb', [key('b', { meta: true })]],
    ['Alt-F', '\x1bf', [key('f', { meta: true })]],
    ['Alt-Backspace', '\x1b\x7f', [key('backspace', { meta: true })]],
    ['Ctrl-Left (xterm)', '\x1b[1;5D', [key('left', { ctrl: true })]],
    ['Ctrl-Right (xterm)', '\x1b[1;5C', [key('right', { ctrl: true })]],
    ['Alt-Left (xterm)', '\x1b[1;3D', [key('left', { meta: true })]],
    ['Option-Left (ESC ESC [ D)', '\x1b\x1b[D', [key('left', { meta: true })]],
    ['Ctrl-Left (rxvt)', '\x1bOd', [key('left', { ctrl: true })]],
    [
      'Home and End',
      '\x1b[H\x1b[F\x1b[1~\x1b[4~',
      [key('home'), key('end'), key('home'), key('end')],
    ],
    ['Delete', '\x1b[3~', [key('delete')]],
    ['Shift-Tab', '\x1b[Z', [key('tab', { shift: true })]],
    ['a lone Escape', '\x1b', [key('escape')]],
    ['F5 (no screen uses it)', '\x1b[15~', [key('unknown')]],
  ])('%s', (_what, raw, expected) => {
    expect(readKeys(raw)).toEqual(expected);
  });

  it('never turns an escape sequence into text', () => {
    const events = readKeys('\x1b[15~\x1b[<0;10;5M\x1b[99x\x1b[');
    expect(events.filter((e) => e.kind === 'text')).toEqual([]);
  });

  it('drops control characters no key means', () => {
    expect(readKeys('a\x00\x1cb')).toEqual([text('a'), text('b')]);
  });
});

describe('bracketed paste', () => {
  it('is one paste event, keys inside it are text', () => {
    expect(readKeys('\x1b[200~/a b\x7f\r\x1b[A\x1b[201~x')).toEqual([
      { kind: 'paste', text: '/a b\x7f\r\x1b[A' },
      text('x'),
    ]);
  });

  it('spans chunks, as a 2 KB paste arrives, and as Ink splits it at each ESC', () => {
    const path = `/${'d'.repeat(200)}`.repeat(10) + '/rancher.cer';
    const reader = new KeyReader();
    const events = [
      ...reader.read('\x1b[200~'),
      ...reader.read(path.slice(0, 1024)),
      ...reader.read(path.slice(1024)),
      ...reader.read('\x1b[201~'),
    ];
    expect(events).toEqual([{ kind: 'paste', text: path }]);
  });
});
