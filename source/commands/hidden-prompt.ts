import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/**
 * Asks for a secret in the terminal without echoing it (readline over a muted output, the
 * question written first); resolves '' on Ctrl-D. Used before any screen starts.
 */
export function askHidden(question: string): Promise<string> {
  process.stdout.write(question);
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  return new Promise((resolve) => {
    let answered = false;
    rl.on('line', (line) => {
      answered = true;
      rl.close();
      process.stdout.write('\n');
      resolve(line);
    });
    rl.on('close', () => {
      if (!answered) resolve('');
    });
  });
}
