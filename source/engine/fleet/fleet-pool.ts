/**
 * Runs `worker` over `items`, at most `concurrency` at a time. A worker's failure is its own
 * (workers settle their row themselves; a throw here is a bug, recorded and passed on after
 * the others finish). On abort no new item starts; those running end on the same signal.
 */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  worker: (item: T) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const lane = async () => {
    while (!signal.aborted && next < items.length) {
      const item = items[next++]!;
      try {
        await worker(item);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane);
  await Promise.all(lanes);
  if (errors.length > 0) throw errors[0];
}
