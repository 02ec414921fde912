/** Wide (two-cell) code points: CJK, Hangul, fullwidth forms and emoji, as terminals lay them out. */
const wideRanges: readonly [number, number][] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

/** How many terminal cells one character takes: 0 for combining marks, 2 for wide ones. */
export function cellWidth(char: string): number {
  const cp = char.codePointAt(0) ?? 0;
  if (cp === 0 || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200b || cp === 0xfe0f) return 0;
  return wideRanges.some(([lo, hi]) => cp >= lo && cp <= hi) ? 2 : 1;
}

/** The cells a string takes on a terminal. */
export function stringWidth(text: string): number {
  let width = 0;
  for (const char of text) width += cellWidth(char);
  return width;
}
