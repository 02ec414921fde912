import { useCallback, useEffect, useRef, useState } from 'react';

export interface PasswordRequest {
  /** A step is waiting for the password. */
  pending: boolean;
  /** What the install calls: resolves with the typed password, or undefined (nothing typed, quit). */
  ask(): Promise<string | undefined>;
  answer(password: string | undefined): void;
}

/**
 * The PKS password, asked when `get-credentials` turns out to need it. It passes straight
 * from the prompt to the waiting step: no state keeps it once answered.
 */
export function usePasswordRequest(): PasswordRequest {
  const [pending, setPending] = useState(false);
  const waiting = useRef<((password: string | undefined) => void) | undefined>(undefined);

  const answer = useCallback((password: string | undefined) => {
    const resolve = waiting.current;
    waiting.current = undefined;
    setPending(false);
    resolve?.(password || undefined);
  }, []);

  const ask = useCallback(
    () =>
      new Promise<string | undefined>((resolve) => {
        waiting.current?.(undefined);
        waiting.current = resolve;
        setPending(true);
      }),
    [],
  );

  // Leaving the screen answers "nothing": the step fails with its one-line reason.
  useEffect(() => () => waiting.current?.(undefined), []);

  return { pending, ask, answer };
}
