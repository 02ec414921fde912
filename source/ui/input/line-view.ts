import type { LineState } from './line-editor.js';

/** A line split around its cursor, for drawing the cursor as an inverted character. */
export interface LineView {
  before: string;
  /** The character under the cursor, or a space at the end of the line. */
  atCursor: string;
  after: string;
}

/** `mask` hides each character (a password) without hiding how many were typed. */
export function lineView(line: LineState, mask?: string): LineView {
  const show = (text: string) => (mask ? mask.repeat([...text].length) : text);
  const { value, cursor } = line;
  const rest = value.slice(cursor);
  const under = rest ? String.fromCodePoint(rest.codePointAt(0)!) : '';
  return {
    before: show(value.slice(0, cursor)),
    atCursor: under ? show(under) : ' ',
    after: show(rest.slice(under.length)),
  };
}
