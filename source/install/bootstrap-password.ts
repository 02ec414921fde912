import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';

/** Reads a line without echoing it (the bootstrap password). */
export function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const output = process.stdout as Writable & { write: typeof process.stdout.write };
    const rl = createInterface({ input: process.stdin, output, terminal: true });
    const write = output.write.bind(output);
    let muted = false;
    output.write = ((chunk: string | Uint8Array, ...rest: unknown[]) =>
      muted
        ? true
        : (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(
            chunk,
            ...rest,
          )) as typeof output.write;
    rl.question(question, (answer) => {
      output.write = write;
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

/**
 * The bootstrap password comes from RANCHER_BOOTSTRAP_PASSWORD or a prompt, never
 * from a file. Empty means the chart generates one (the summary says how to read it).
 */
export async function bootstrapPassword(
  env: Record<string, string | undefined>,
  interactive: boolean,
): Promise<string | undefined> {
  const fromEnv = env.RANCHER_BOOTSTRAP_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!interactive) return undefined;
  const typed = await promptHidden(
    'Rancher bootstrap password (empty: let Rancher generate one): ',
  );
  return typed || undefined;
}
