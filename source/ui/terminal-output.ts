import { stripVTControlCharacters } from 'node:util';

/**
 * Bracketed paste (xterm's private mode 2004): while on, the terminal wraps a paste in
 * ESC[200~ … ESC[201~, so a pasted path arrives as one piece (read-keys.ts). Turned off
 * again when the app ends, and on any exit, so the shell is not left with it.
 */
export function bracketedPaste(stream: NodeJS.WriteStream): () => void {
  if (!stream.isTTY) return () => {};
  const off = () => {
    stream.write('\u001B[?2004l');
  };
  stream.write('\u001B[?2004h');
  process.once('exit', off);
  return () => {
    process.removeListener('exit', off);
    off();
  };
}

/**
 * Watches what is written to `stream` to tell whether the cursor sits at the start of a
 * line. Ink ends its last frame without a newline when the frame fills the terminal
 * (ink/build/ink.js: `isFullscreen ? output : output + '\n'`), so a message printed after
 * it would be glued to the frame's last line.
 */
export function watchLineStart(stream: NodeJS.WriteStream): {
  atLineStart: () => boolean;
  stop: () => void;
} {
  let atLineStart = true;
  const write = stream.write;
  stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    const text = stripVTControlCharacters(
      typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'),
    );
    if (text) atLineStart = /[\r\n]$/.test(text);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof stream.write;
  return {
    atLineStart: () => atLineStart,
    stop: () => {
      stream.write = write;
    },
  };
}

/** The parting message on a line of its own, whatever the last frame left. */
export function partingText(message: string, atLineStart: boolean): string {
  return `${atLineStart ? '' : '\n'}${message}\n`;
}
