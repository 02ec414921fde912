import { PksCliError } from './errors.js';
import type { Invocation } from './command.js';

export const NON_INTERACTIVE_FLAG = {
  long: 'non-interactive',
  kind: 'bool',
  usage: "Don't ask for user input",
} as const;

export interface Confirmation {
  /** The prompt, as the CLI wrote it to stdout. */
  prompt: string;
  confirmed: boolean;
}

/**
 * Asks `question (y/n): ` and reads the answer from stdin, unless `--non-interactive`.
 * Like the real CLI reading a closed terminal, no input at all is an `EOF` error.
 */
export function confirm(inv: Invocation, question: string): Confirmation {
  if (inv.flags.bool('non-interactive')) return { prompt: '', confirmed: true };
  const prompt = `${question} (y/n): `;
  const stdin = inv.ctx.stdin;
  if (stdin === undefined || stdin === '') throw new PksCliError('EOF');
  const answer = (stdin.split(/\r?\n/)[0] ?? '').trim().toLowerCase();
  return { prompt, confirmed: answer === 'y' || answer === 'yes' };
}
