import type { ServerResponse } from 'node:http';

/** A lab bug behind the front: a 500 naming it, never a hung connection. */
export function answerFailure(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = 500;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(`lab upstream failed: ${(error as Error).message ?? String(error)}\n`);
}
