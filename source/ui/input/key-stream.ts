import type { EventEmitter } from 'node:events';
import type { KeyEvent } from './key-event.js';
import { KeyReader } from './read-keys.js';

export type KeyListener = (key: KeyEvent) => void;

/**
 * One reader per Ink app, fanned out to every `useKeys`: a paste that started before a
 * field mounted still ends as one paste, and each key is read once.
 *
 * The source is Ink's `internal_eventEmitter` (what `useStdin()` returns and Ink's own
 * `useInput` listens to, ink/build/hooks/use-input.js): App.js `handleReadable` emits one
 * 'input' event per piece its parser split off, synchronously, in order.
 */
class KeyStream {
  private readonly reader = new KeyReader();
  private readonly listeners = new Set<KeyListener>();

  constructor(source: EventEmitter) {
    source.on('input', (raw: unknown) => this.dispatch(String(raw)));
  }

  subscribe(listener: KeyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private dispatch(raw: string): void {
    for (const key of this.reader.read(raw)) {
      // A key can unmount a screen: a listener removed meanwhile does not get it.
      for (const listener of [...this.listeners]) {
        if (this.listeners.has(listener)) listener(key);
      }
    }
  }
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
