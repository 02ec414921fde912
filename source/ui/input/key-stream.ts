import type { EventEmitter } from 'node:events';
import Scheduler from 'scheduler';
import { isInterrupt, type KeyEvent } from './key-event.js';
import { KeyReader } from './read-keys.js';

export type KeyListener = (key: KeyEvent) => void;

/**
 * One reader per Ink app, fanned out to every `useKeys`, one key at a time.
 *
 * The source is Ink's `internal_eventEmitter` (what `useStdin()` returns and Ink's own
 * `useInput` listens to): ink/build/components/App.js `handleReadable` emits one 'input'
 * event per piece its parser split off, all in one synchronous loop. React 19's reconciler
 * (0.33, which Ink 6.8 uses) renders an update from such a handler later, in a Scheduler
 * task at normal priority (react-reconciler.development.js `scheduleTaskForRootDuringMicrotask`),
 * so a second key handed over in the same loop meets the screen as it was before the first:
 * Enter Enter Enter submits one prompt three times, and text typed after Enter lands in the
 * field Enter just left.
 *
 * So the first key of a quiet stream is handed over at once, and each next key in a
 * low-priority task of that same Scheduler (node_modules/scheduler): every render, commit
 * and effect that the previous key queued (normal priority, an earlier deadline) runs first.
 * Each key meets the screen the previous one left, as a person typing ahead expects.
 */
class KeyStream {
  private readonly reader = new KeyReader();
  private readonly listeners = new Set<KeyListener>();
  /** Overlays (help, the log view) that take every key while open, the newest on top. */
  private readonly captures: KeyListener[] = [];
  private readonly queue: KeyEvent[] = [];
  private handing = false;

  constructor(source: EventEmitter) {
    source.on('input', (raw: unknown) => this.receive(String(raw)));
  }

  subscribe(listener: KeyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * While `listener` is subscribed it alone gets the keys: the screen beneath an overlay must
   * not act on them. Ctrl-C is the exception: it always reaches the screens (quit, stop the run).
   */
  capture(listener: KeyListener): () => void {
    this.captures.push(listener);
    return () => {
      const index = this.captures.lastIndexOf(listener);
      if (index >= 0) this.captures.splice(index, 1);
    };
  }

  private receive(raw: string): void {
    this.queue.push(...this.reader.read(raw));
    if (!this.handing) this.handNext();
  }

  private readonly handNext = (): void => {
    const key = this.queue.shift();
    this.handing = key !== undefined;
    if (key === undefined) return;
    const overlay = this.captures.at(-1);
    if (overlay && !isInterrupt(key)) overlay(key);
    else {
      // A key can unmount a screen: a listener removed meanwhile does not get it.
      for (const listener of [...this.listeners]) {
        if (this.listeners.has(listener)) listener(key);
      }
    }
    // React schedules its render from a microtask, and a Scheduler work loop runs task after
    // task without one: yield to the host first (as React does after a commit), then go on.
    Scheduler.unstable_requestPaint();
    Scheduler.unstable_scheduleCallback(Scheduler.unstable_LowPriority, this.handNext);
  };
}

const streams = new WeakMap<EventEmitter, KeyStream>();

export function keyStreamOf(source: EventEmitter): KeyStream {
  let stream = streams.get(source);
  if (!stream) {
    stream = new KeyStream(source);
    streams.set(source, stream);
  }
  return stream;
}

/**
 * Resolves once every key written so far has been handed over and React has drawn what they
 * did. First a setImmediate: Ink lets a lone ESC go in one (App.js `schedulePendingInputFlush`,
 * it waits to see whether a sequence follows); then an idle-priority task, which runs after
 * every normal and low one queued before or meanwhile. For tests and the benchmark, which
 * must not sleep.
 */
export function whenKeysHandled(): Promise<void> {
  return new Promise((resolve) => {
    setImmediate(() => {
      Scheduler.unstable_scheduleCallback(Scheduler.unstable_IdlePriority, () => resolve());
    });
  });
}
