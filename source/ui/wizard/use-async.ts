import { useCallback, useEffect, useRef, useState } from 'react';

export type AsyncState<T> =
  { status: 'loading' } | { status: 'done'; value: T } | { status: 'failed'; error: string };

/**
 * Runs `load` once on mount (and again on `retry`). A result that arrives after
 * unmount or after a newer attempt is dropped.
 */
export function useAsync<T>(load: () => Promise<T>): AsyncState<T> & { retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  // The latest `load`, read once per attempt: callers pass inline functions.
  const latestLoad = useRef(load);
  latestLoad.current = load;

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    latestLoad.current().then(
      (value) => current && setState({ status: 'done', value }),
      (error: unknown) => current && setState({ status: 'failed', error: errorText(error) }),
    );
    return () => {
      current = false;
    };
    // `load` is read once per attempt on purpose: callers pass inline functions.
  }, [attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}

export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const remedy = (error as Error & { remedy?: unknown }).remedy;
    return typeof remedy === 'string' && remedy ? `${error.message}; ${remedy}` : error.message;
  }
  return String(error);
}
