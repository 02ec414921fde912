import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bracketedPaste, partingText, watchLineStart } from '../../source/ui/terminal-output.js';

/** A terminal that keeps what is written to it. */
function terminal(isTTY = true) {
  const written: string[] = [];
  const stream = {
    isTTY,
    write(chunk: string | Uint8Array) {
      written.push(String(chunk));
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('the parting message', () => {
  it('starts on its own line after a frame that filled the terminal (no final newline)', () => {
    const { stream, written } = terminal();
    const watch = watchLineStart(stream);
    // Ink's last frame when it is as tall as the terminal, then the cursor shown again.
    stream.write('\u001B[2K\u001B[1A\u001B[2K\u001B[GReview\n› Start the install');
    stream.write('\u001B[?25h');
    watch.stop();
    stream.write(partingText('Nothing was changed.', watch.atLineStart()));
    expect(stripVTControlCharacters(written.join(''))).toMatch(
      /Start the install\nNothing was changed\.\n$/,
    );
  });

  it('adds no blank line after a frame that ended its line', () => {
    const { stream, written } = terminal();
    const watch = watchLineStart(stream);
    stream.write(Buffer.from('› Start the install\n'));
    stream.write('\u001B[?25h\u001B[?2004l');
    watch.stop();
    stream.write(partingText('Nothing was changed.', watch.atLineStart()));
    expect(stripVTControlCharacters(written.join(''))).toMatch(
      /Start the install\nNothing was changed\.\n$/,
    );
  });
});

describe('bracketed paste', () => {
  it('is asked for on a terminal and turned off again', () => {
    const { stream, written } = terminal();
    const off = bracketedPaste(stream);
    off();
    expect(written).toEqual(['\u001B[?2004h', '\u001B[?2004l']);
  });

  it('is left alone when the output is not a terminal', () => {
    const { stream, written } = terminal(false);
    bracketedPaste(stream)();
    expect(written).toEqual([]);
  });
});
