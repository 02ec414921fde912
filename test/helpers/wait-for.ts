export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Keep polling when `check` throws (a server still starting); report the last error on timeout. */
  retryErrors?: boolean;
}

type Check<T> = () => T | undefined | null | false | Promise<T | undefined | null | false>;

/** Polls until `check` gives something truthy; no timing is asserted, only the outcome. */
export async function waitFor<T>(
  check: Check<T>,
  what: string,
  options: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      if (!options.retryErrors) throw error;
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out waiting for ${what}${cause}`);
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 20));
  }
}
