import { useStdin } from 'ink';
import { useLayoutEffect, useRef } from 'react';
import type { KeyEvent } from './key-event.js';
import { keyStreamOf } from './key-stream.js';

export interface KeysOptions {
  /** Keys reach the handler only while active (the focused field, the screen on top). */
  isActive?: boolean;
  /** An overlay (help, the log view): while active it alone gets the keys, Ctrl-C aside. */
  capture?: boolean;
}

/**
 * Calls `handler` once per key, typed run or paste (see read-keys.ts), in the order they
 * were sent, however many arrive in one chunk.
 *
 * Unlike Ink's `useInput`, which re-subscribes in a passive `useEffect` whenever the handler
 * changes (ink/build/hooks/use-input.js), the handler is read from a ref at call time and the
 * subscription is made in a layout effect: a key sent right after a screen appears is not
 * lost, and a key never reaches the closure of an older render. Handlers still must not
 * derive the next state from render-time values alone: several keys can arrive before React
 * renders again (use functional updates or `useKeyState`).
 */
export function useKeys(handler: (key: KeyEvent) => void, options: KeysOptions = {}): void {
  const isActive = options.isActive ?? true;
  const capture = options.capture ?? false;
  const { internal_eventEmitter: source, setRawMode } = useStdin();
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useLayoutEffect(() => {
    if (!isActive) return;
    setRawMode(true);
    const stream = keyStreamOf(source);
    const listener = (key: KeyEvent) => latest.current(key);
    const unsubscribe = capture ? stream.capture(listener) : stream.subscribe(listener);
    return () => {
      unsubscribe();
      setRawMode(false);
    };
  }, [isActive, capture, source, setRawMode]);
}
