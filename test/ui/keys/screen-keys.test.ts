import { describe, expect, it } from 'vitest';
import { namedKey } from '../../../source/ui/input/key-event.js';
import { readKeys } from '../../../source/ui/input/read-keys.js';
import {
  hintLines,
  hintLinesOf,
  isHelpKey,
  keysOf,
  screens,
  type ScreenId,
} from '../../../source/ui/keys/screen-keys.js';

const ids = Object.keys(screens) as ScreenId[];

describe('the keys of each screen', () => {
  it('every screen has a hint line ending with its help key, and says what Ctrl-C does', () => {
    for (const id of ids) {
      const keys = keysOf(id, { failed: false });
      expect(keys.at(-1), id).toEqual({ keys: expect.stringMatching(/^(\?|F1)$/), does: 'help' });
      if (id !== 'summary')
        expect(
          keys.some((k) => k.keys === 'Ctrl-C'),
          id,
        ).toBe(true);
    }
  });

  it('keys that depend on the moment show only while it holds', () => {
    const shown = (conditions: Parameters<typeof keysOf>[1]) =>
      keysOf('run', conditions).map((k) => `${k.keys} ${k.does}`);
    expect(shown({})).toEqual(['l log', 'Ctrl-C stop', '? help']);
    expect(shown({ waiting: true, pods: true })).toContain('c check now');
    expect(shown({ waiting: true, pods: true })).toContain('p pods');
    // After a failure Ctrl-C quits (the log view's and the pods view's say so too).
    for (const screen of ['run-failed', 'run-log', 'run-pods'] as const) {
      const keys = keysOf(screen, { failed: true }).filter((k) => k.keys.startsWith('Ctrl-C'));
      expect(keys, screen).toEqual([expect.objectContaining({ keys: 'Ctrl-C', does: 'quit' })]);
    }
  });

  it('the wizard says where Esc leads: one of three', () => {
    const esc = (conditions: Parameters<typeof keysOf>[1]) =>
      keysOf('choice', conditions).filter((k) => k.keys === 'Esc');
    expect(esc({})).toEqual([]);
    expect(esc({ escBack: true })).toEqual([expect.objectContaining({ does: 'back' })]);
    expect(esc({ escReview: true })).toEqual([
      expect.objectContaining({ does: 'back to the review' }),
    ]);
    expect(esc({ escQuit: true })).toEqual([
      expect.objectContaining({ does: 'quit (answers are kept)' }),
    ]);
  });

  it('help is ? where nothing is typed, F1 where a text field would take the ?', () => {
    const question = readKeys('?')[0]!;
    const f1 = namedKey('f1');
    expect(isHelpKey(question, 'choice')).toBe(true);
    expect(isHelpKey(question, 'run')).toBe(true);
    expect(isHelpKey(question, 'fields')).toBe(false);
    expect(isHelpKey(f1, 'fields')).toBe(true);
    expect(isHelpKey(f1, 'run')).toBe(true);
    expect(keysOf('path-fields').at(-1)!.keys).toBe('F1');
    // A typed run that only starts with ? is text for a field, not a request for help.
    expect(isHelpKey({ kind: 'text', text: '?x' }, 'choice')).toBe(false);
  });

  it('terminals send F1 in several ways; all of them are F1', () => {
    for (const raw of ['\u001BOP', '\u001B[11~', '\u001B[[A', '\u001B[1;2P']) {
      expect(readKeys(raw), JSON.stringify(raw)).toEqual([
        expect.objectContaining({ kind: 'key', name: 'f1' }),
      ]);
    }
    // The Linux console's ESC [ [ B is F2, not ↓.
    expect(readKeys('\u001B[[B')).toEqual([expect.objectContaining({ name: 'f2' })]);
  });
});

describe('hintLines', () => {
  const bindings = keysOf('path-fields', { escBack: true });

  it('joins the hints with dots, leaving out what only the help says', () => {
    expect(hintLines(bindings, 200)).toEqual([
      '↑↓ field · Tab complete · Enter next / check · Esc back · Ctrl-C quit · F1 help',
    ]);
  });

  it('breaks between hints, never inside one, when the line is too narrow', () => {
    const lines = hintLines(bindings, 40);
    expect(lines).toEqual([
      '↑↓ field · Tab complete',
      'Enter next / check · Esc back',
      'Ctrl-C quit · F1 help',
    ]);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
  });

  it('is what the hint line of a screen shows', () => {
    expect(hintLinesOf('path-fields', { escBack: true }, 40)).toEqual(hintLines(bindings, 40));
  });
});
