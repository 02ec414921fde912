import { afterEach, describe, expect, it, vi } from 'vitest';
import { allocateLines } from '../../../source/ui/run/allocate-lines.js';
import {
  appendCommandOutput,
  commandLine,
  commandTail,
} from '../../../source/ui/run/command-tail.js';
import type { StepRow } from '../../../source/ui/run/run-state.js';
import { stepWindow } from '../../../source/ui/run/step-window.js';
import { throttle } from '../../../source/ui/run/throttle.js';
import { wrapText } from '../../../source/ui/run/wrap-text.js';

describe('appendCommandOutput', () => {
  const argv = ['helm', 'upgrade', '--install', 'rancher'];

  it('joins lines split across chunks and keeps the partial one', () => {
    let view = appendCommandOutput(undefined, argv, 'Release "ran');
    view = appendCommandOutput(view, argv, 'cher" does not exist.\nInstalling');
    expect(view.lines).toEqual(['Release "rancher" does not exist.']);
    expect(commandTail(view)).toEqual(['Release "rancher" does not exist.', 'Installing']);
  });

  it('starts afresh for another command', () => {
    const first = appendCommandOutput(undefined, argv, 'one\n');
    const second = appendCommandOutput(first, ['pks', 'cluster', 'x'], 'two\n');
    expect(second.lines).toEqual(['two']);
    expect(second.argv).toEqual(['pks', 'cluster', 'x']);
  });

  it('drops colours and keeps what a carriage return rewrote', () => {
    const view = appendCommandOutput(undefined, argv, '\u001b[32mok\u001b[0m\r\n10%\r55%\r99%');
    expect(commandTail(view)).toEqual(['ok', '99%']);
  });

  it('hides secrets in the output and the command line', () => {
    const view = appendCommandOutput(undefined, argv, 'token: abc.def\n');
    expect(commandTail(view)[0]).not.toContain('abc.def');
    expect(commandLine(['helm', 'install', '--set', 'bootstrapPassword=hunter2'])).not.toContain(
      'hunter2',
    );
  });
});

describe('stepWindow', () => {
  const steps = (statuses: StepRow['status'][]): StepRow[] =>
    statuses.map((status, i) => ({ id: `s${i}`, title: `step ${i}`, status, retries: 0 }));

  it('shows every step when they fit', () => {
    const all = steps(['done', 'running', 'pending']);
    expect(stepWindow(all, 5)).toEqual({ before: 0, shown: all, after: 0 });
  });

  it('keeps the running step in view with the one before it, and counts the rest', () => {
    const all = steps([
      'done',
      'done',
      'done',
      'running',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    const window = stepWindow(all, 4);
    expect(window.shown.map((s) => s.id)).toEqual(['s2', 's3']);
    expect(window.before).toBe(2);
    expect(window.after).toBe(4);
  });

  it('never takes more lines than it has, summaries included', () => {
    const all = steps(['done', 'done', 'done', 'done', 'done', 'done', 'done', 'running']);
    for (let lines = 1; lines <= 8; lines++) {
      const w = stepWindow(all, lines);
      const used = w.shown.length + (w.before ? 1 : 0) + (w.after ? 1 : 0);
      expect(used).toBeLessThanOrEqual(lines);
      expect(w.shown.map((s) => s.id)).toContain('s7');
    }
  });
});

describe('allocateLines', () => {
  it('gives minimums first, in order, then the rest up to what each wants', () => {
    expect(
      allocateLines(10, [
        { min: 3, want: 8 },
        { min: 3, want: 5 },
      ]),
    ).toEqual([7, 3]);
    expect(
      allocateLines(20, [
        { min: 3, want: 8 },
        { min: 3, want: 5 },
      ]),
    ).toEqual([8, 5]);
  });

  it('leaves out what cannot get its minimum', () => {
    expect(
      allocateLines(5, [
        { min: 3, want: 3 },
        { min: 3, want: 6 },
        { min: 2, want: 2 },
      ]),
    ).toEqual([3, 0, 2]);
    expect(allocateLines(-2, [{ min: 1, want: 1 }])).toEqual([0]);
  });
});

describe('wrapText', () => {
  it('wraps on words and says when it cut', () => {
    expect(wrapText('one two three four', 9, 5)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('one two three four', 9, 2)).toEqual(['one two', 'three…']);
  });

  it('cuts words longer than a line', () => {
    expect(wrapText('/a/very/long/path', 6, 5)).toEqual(['/a/ver', 'y/long', '/path']);
  });

  it('keeps paragraphs', () => {
    expect(wrapText('first\nsecond', 20, 5)).toEqual(['first', 'second']);
  });

  it('keeps the indent of a line that wraps: continuation lines start under its first word', () => {
    expect(wrapText('Error: two problems\n  - spec.replicas: must be 3 or more', 24, 9)).toEqual([
      'Error: two problems',
      '  - spec.replicas: must',
      '    be 3 or more',
    ]);
    expect(wrapText('    → set rancher.replicas to 3', 22, 5)).toEqual([
      '    → set',
      '      rancher.replicas',
      '      to 3',
    ]);
    expect(wrapText('   indented text that wraps', 14, 5)).toEqual([
      '   indented',
      '   text that',
      '   wraps',
    ]);
    // Words longer than the room left are cut at the indent's edge, not the line's start.
    expect(wrapText('  /a/very/long/path', 8, 5)).toEqual(['  /a/ver', '  y/long', '  /path']);
  });
});

describe('throttle', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls at once, then at most once per interval, always with a trailing call', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const t = throttle(fn, 250);
    t.request();
    expect(fn).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 10; i++) t.request();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(250);
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('cancels a pending call', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const t = throttle(fn, 250);
    t.request();
    t.request();
    t.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
