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

/** A terminal's input that never types (screens that read keys can still mount). */
class QuietStdin extends EventEmitter {
  readonly isTTY = true;
  setRawMode() {}
  setEncoding() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = () => null;
}

/** Renders once on a `columns` × `rows` terminal and returns the frame. */
export function renderSized(tree: ReactElement, columns: number, rows: number): string {
  const stdout = new SizedStdout(columns, rows);
  const instance = render(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: new QuietStdin() as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const frame = stdout.frames.at(-1) ?? '';
  instance.unmount();
  instance.cleanup();
  return frame;
}
