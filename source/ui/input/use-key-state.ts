import { useCallback, useRef, useState } from 'react';

/**
 * State that a key handler can read back at once: `current()` sees the value the previous
 * key set even when React has not rendered in between (several keys in one chunk).
 */
export function useKeyState<T>(
  initial: T | (() => T),
): [T, (next: T | ((previous: T) => T)) => void, () => T] {
  const [value, setValue] = useState(initial);
  const latest = useRef(value);
  const set = useCallback((next: T | ((previous: T) => T)) => {
    const resolved =
      typeof next === 'function' ? (next as (previous: T) => T)(latest.current) : next;
    latest.current = resolved;
    setValue(resolved);
  }, []);
  const current = useCallback(() => latest.current, []);
  return [value, set, current];
}
