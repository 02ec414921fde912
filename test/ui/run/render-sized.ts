import { EventEmitter } from 'node:events';
import { render } from 'ink';
import type { ReactElement } from 'react';

/** A terminal of a given width (ink-testing-library's is always 100 columns). */
class SizedStdout extends EventEmitter {
  readonly frames: string[] = [];
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
    return true;
  };
}

/** A terminal's keyboard, as ink-testing-library's: raw mode is a no-op, writes are keys. */
class SizedStdin extends EventEmitter {
  readonly isTTY = true;
  private data: string | null = null;
  write = (data: string) => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = () => {
    const data = this.data;
    this.data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

export interface SizedApp {
  /** Every frame drawn (debug mode: each is the whole screen, static output included). */
  frames: string[];
  lastFrame(): string;
  stdin: { write(data: string): void };
  unmount(): void;
}

/** Renders on a `columns` × `rows` terminal, live: keys can be written, frames read. */
export function renderSizedApp(tree: ReactElement, columns: number, rows: number): SizedApp {
  const stdout = new SizedStdout(columns, rows);
  const stdin = new SizedStdin();
  const instance = render(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return {
    frames: stdout.frames,
    lastFrame: () => stdout.frames.at(-1) ?? '',
    stdin,
    unmount: () => {
      instance.unmount();
      instance.cleanup();
    },
  };
}

/** Renders once on a `columns` × `rows` terminal and returns the frame. */
export function renderSized(tree: ReactElement, columns: number, rows: number): string {
  const app = renderSizedApp(tree, columns, rows);
  const frame = app.lastFrame();
  app.unmount();
  return frame;
}
