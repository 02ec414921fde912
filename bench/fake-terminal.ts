import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';

/** A terminal of a given size that counts what Ink writes to it (writes ≈ frames, bytes). */
export class CountingTerminal extends Writable {
  writes = 0;
  bytes = 0;
  isTTY = true;
  constructor(
    readonly columns = 120,
    readonly rows = 40,
  ) {
    super();
  }
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.writes++;
    this.bytes += chunk.length;
    done();
  }
}

/** A terminal's keyboard nobody types on: the run screen reads keys, so it needs one. */
export class IdleKeyboard extends EventEmitter {
  isTTY = true;
  read() {
    return null;
  }
  setEncoding() {}
  setRawMode() {}
  ref() {}
  unref() {}
  resume() {}
  pause() {}
}
