/**
 * Helm's `--set` grammar (pkg/strvals): `a.b=c,d[0]=e`, `{x,y}` lists, `\` escapes,
 * and typed scalars (true/false/null/integers) unless `--set-string`.
 */
export type Values = { [key: string]: unknown };

const maxIndex = 65536;

class Scanner {
  private pos = 0;
  constructor(private readonly runes: string[]) {}

  next(): string | undefined {
    return this.runes[this.pos++];
  }

  peek(): string | undefined {
    return this.runes[this.pos];
  }

  /** Reads up to one of `stop`, honouring `\` escapes; the stop rune is consumed. */
  until(stop: string): { text: string; last: string | undefined } {
    let text = '';
    for (;;) {
      const r = this.next();
      if (r === undefined) return { text, last: undefined };
      if (r === '\\') {
        const escaped = this.next();
        if (escaped !== undefined) text += escaped;
        continue;
      }
      if (stop.includes(r)) return { text, last: r };
      text += r;
    }
  }
}

/** Helm's typedVal: only booleans, null and base-10 integers are typed; floats stay strings. */
export function typedValue(text: string, stringOnly: boolean): unknown {
  if (stringOnly) return text;
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (text === '0') return 0;
  if (text !== '' && text[0] !== '0' && /^[+-]?\d+$/.test(text)) {
    const n = Number(text);
    if (Number.isSafeInteger(n)) return n;
  }
  return text;
}

function isMap(v: unknown): v is Values {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Each step returns true once the input is used up; parse errors throw. */
class SetParser {
  private readonly sc: Scanner;
  constructor(
    input: string,
    private readonly stringOnly: boolean,
  ) {
    this.sc = new Scanner([...input]);
  }

  parseInto(target: Values): void {
    if (this.sc.peek() === undefined) return;
    while (!this.key(target)) {
      if (this.sc.peek() === undefined) return;
    }
  }

  /** One `key...=value` term. */
  private key(data: Values): boolean {
    const { text: k, last } = this.sc.until('=[,.');
    if (last === undefined) {
      if (k === '') return true;
      throw new Error(`key "${k}" has no value`);
    }
    switch (last) {
      case '[': {
        const index = this.index();
        const existing = data[k];
        const result = this.listItem(Array.isArray(existing) ? existing : [], index);
        data[k] = result.list;
        return result.done;
      }
      case '=':
        return this.assign((v) => (data[k] = v));
      case ',':
        data[k] = '';
        throw new Error(`key "${k}" has no value (cannot end with ,)`);
      default: {
        const existing = data[k];
        const inner = isMap(existing) ? existing : {};
        const done = this.key(inner);
        if (Object.keys(inner).length === 0) throw new Error(`key map "${k}" has no value`);
        data[k] = inner;
        return done;
      }
    }
  }

  /** The value after `=`: a `{a,b}` list or a scalar up to the next comma. */
  private assign(store: (v: unknown) => void): boolean {
    const first = this.sc.peek();
    if (first === undefined) {
      store('');
      return true;
    }
    if (first === '{') return this.valueList(store);
    const { text, last } = this.sc.until(',');
    store(typedValue(text, this.stringOnly));
    return last === undefined;
  }

  private valueList(store: (v: unknown) => void): boolean {
    this.sc.next();
    const list: unknown[] = [];
    for (;;) {
      const { text, last } = this.sc.until(',}');
      if (last === undefined) throw new Error("list must terminate with '}'");
      list.push(typedValue(text, this.stringOnly));
      if (last === '}') break;
    }
    store(list);
    const after = this.sc.next();
    if (after === undefined) return true;
    if (after !== ',') throw new Error(`expected end of list or ',' but got '${after}'`);
    return false;
  }

  private index(): number {
    const { text } = this.sc.until(']');
    if (!/^-?\d+$/.test(text)) throw new Error(`strconv.Atoi: parsing "${text}": invalid syntax`);
    return Number(text);
  }

  private listItem(list: unknown[], index: number): { list: unknown[]; done: boolean } {
    if (index < 0) throw new Error(`negative ${index} index not allowed`);
    const { last } = this.sc.until('[.=');
    switch (last) {
      case '=': {
        let value: unknown;
        const done = this.assign((v) => (value = v));
        return { list: setIndex(list, index, value), done };
      }
      case '.': {
        const existing = list[index];
        const inner = isMap(existing) ? existing : {};
        const done = this.key(inner);
        return { list: setIndex(list, index, inner), done };
      }
      case '[': {
        const next = this.index();
        const existing = list[index];
        const inner = this.listItem(Array.isArray(existing) ? existing : [], next);
        return { list: setIndex(list, index, inner.list), done: inner.done };
      }
      default:
        throw new Error(`parse error: unexpected token ${last ?? 'EOF'}`);
    }
  }
}

function setIndex(list: unknown[], index: number, value: unknown): unknown[] {
  if (index > maxIndex) {
    throw new Error(`index of ${index} is greater than maximum supported index of ${maxIndex}`);
  }
  const copy = [...list];
  while (copy.length <= index) copy.push(null);
  copy[index] = value;
  return copy;
}

/**
 * Applies one `--set` (or `--set-string`) argument to `target`.
 * Throws with helm's wording (callers prefix `failed parsing --set data: `).
 */
export function parseSet(expression: string, target: Values, stringOnly = false): Values {
  new SetParser(expression, stringOnly).parseInto(target);
  return target;
}
