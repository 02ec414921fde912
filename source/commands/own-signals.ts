/** What `process.rawListeners` gives for a listener added with `once`. */
type OnceWrapper = ((...args: unknown[]) => void) & { listener?: unknown };

/**
 * Answers these signals with `handler` while a run is on, setting aside the one-shot
 * (`once`) listeners until the returned function puts them back. Why: conf's atomically
 * loads when-exit, which catches SIGINT/SIGTERM once, runs its clean-ups and sends the
 * signal to the process again to end it (when-exit 2.1.5 dist/node/interceptor.js `exit`);
 * here the run decides when to end, and that echo would read as a second Ctrl-C. Its
 * clean-ups still run: it hooks process exit too.
 */
export function ownSignals(signals: NodeJS.Signals[], handler: () => void): () => void {
  const setAside = signals.map((signal) => {
    const once = (process.rawListeners(signal) as OnceWrapper[]).filter((l) => 'listener' in l);
    for (const wrapper of once) process.off(signal, wrapper);
    process.on(signal, handler);
    return { signal, once };
  });
  return () => {
    for (const { signal, once } of setAside) {
      process.off(signal, handler);
      // A once-wrapper removes itself when it fires, as before.
      for (const wrapper of once) process.on(signal, wrapper);
    }
  };
}
