import { useEffect, useRef, useState } from 'react';
import { isChar } from '../input/key-event.js';
import { useKeys } from '../input/use-keys.js';

export interface ErrorKeysOptions {
  /** Keys only count while the error screen shows. */
  active: boolean;
  onRetry(): void;
  onQuit(): void;
}

export interface ErrorKeys {
  showTranscript: boolean;
  quitting: boolean;
}

/**
 * The error screen's keys: r retries, t shows the transcript path, q quits. Quitting
 * first renders the "session saved" note, then calls onQuit, so the note is the last
 * thing on screen even when the app exits at once.
 */
export function useErrorKeys({ active, onRetry, onQuit }: ErrorKeysOptions): ErrorKeys {
  const [showTranscript, setShowTranscript] = useState(false);
  const [quitting, setQuitting] = useState(false);
  useKeys(
    (key) => {
      if (isChar(key, 'r')) {
        setShowTranscript(false);
        onRetry();
      } else if (isChar(key, 't')) setShowTranscript((shown) => !shown);
      else if (isChar(key, 'q')) setQuitting(true);
    },
    { isActive: active && !quitting },
  );
  // Once, after the render that shows the note (a new onQuit each render must not call it again).
  const quitCalled = useRef(false);
  useEffect(() => {
    if (!quitting || quitCalled.current) return;
    quitCalled.current = true;
    onQuit();
  }, [quitting, onQuit]);
  return { showTranscript, quitting };
}
