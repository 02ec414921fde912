/**
 * Where JSON text first goes wrong, as a character offset.
 * Node 20's JSON.parse errors carry no position, and a file error must name line and column.
 */
export function jsonErrorOffset(text: string): number | undefined {
  const scanner = new JsonScanner(text);
  try {
    scanner.value();
    scanner.whitespace();
    if (scanner.offset < text.length) return scanner.offset;
    return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error.offset;
    throw error;
  }
}

class JsonSyntaxError extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at ${offset}`);
  }
}

const numberPattern = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
// JSON strings may not hold raw control characters, so the pattern must name them.
// eslint-disable-next-line no-control-regex
const stringPattern = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

class JsonScanner {
  offset = 0;

  constructor(private readonly text: string) {}

  whitespace(): void {
    while (/[ \t\n\r]/.test(this.text[this.offset] ?? '')) this.offset++;
  }

  value(): void {
    this.whitespace();
    const char = this.text[this.offset];
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return this.match(stringPattern);
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.offset)) {
        this.offset += word.length;
        return;
      }
    }
    this.match(numberPattern);
  }

  private object(): void {
    this.offset++;
    this.whitespace();
    if (this.text[this.offset] === '}') {
      this.offset++;
      return;
    }
    for (;;) {
      this.whitespace();
      this.match(stringPattern);
      this.whitespace();
      this.expect(':');
      this.value();
      this.whitespace();
      if (this.text[this.offset] === '}') {
        this.offset++;
        return;
      }
      this.expect(',');
    }
  }

  private array(): void {
    this.offset++;
    this.whitespace();
    if (this.text[this.offset] === ']') {
      this.offset++;
      return;
    }
    for (;;) {
      this.value();
      this.whitespace();
      if (this.text[this.offset] === ']') {
        this.offset++;
        return;
      }
      this.expect(',');
    }
  }

  private expect(char: string): void {
    if (this.text[this.offset] !== char) throw new JsonSyntaxError(this.offset);
    this.offset++;
  }

  private match(pattern: RegExp): void {
    pattern.lastIndex = this.offset;
    const found = pattern.exec(this.text);
    if (!found) throw new JsonSyntaxError(this.offset);
    this.offset += found[0].length;
  }
}

/** 1-based line and column of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
