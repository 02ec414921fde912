import { stdin, stdout } from 'node:process';

/** A person at a terminal: prompts and Ink screens are possible. */
export function interactive(): boolean {
  return Boolean(stdin.isTTY && stdout.isTTY);
}
