/** The colours of the pictured terminal: a dark theme, its 16 ANSI colours and xterm's 256. */
export interface Theme {
  background: string;
  titleBar: string;
  foreground: string;
  /** black, red, green, yellow, blue, magenta, cyan, white, then the bright eight. */
  ansi: readonly string[];
}

export const darkTheme: Theme = {
  background: '#1e1f29',
  titleBar: '#2b2d3a',
  foreground: '#d8dae5',
  ansi: [
    '#3b3f51',
    '#f07178',
    '#9ccc65',
    '#ffcb6b',
    '#82aaff',
    '#c792ea',
    '#89ddff',
    '#d8dae5',
    '#676e95',
    '#ff8b92',
    '#c3e88d',
    '#ffe08a',
    '#a6c4ff',
    '#ddb3f5',
    '#b2ebff',
    '#ffffff',
  ],
};

const names = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

/** The palette index (0–15) of one of anser's class names (`ansi-red`, `ansi-bright-cyan`). */
export function ansiIndex(className: string): number | undefined {
  const m = /^ansi-(bright-)?([a-z]+)$/.exec(className);
  if (!m) return undefined;
  const i = names.indexOf(m[2]!);
  return i < 0 ? undefined : i + (m[1] ? 8 : 0);
}

const hex = (n: number) => n.toString(16).padStart(2, '0');
const rgb = (r: number, g: number, b: number) => `#${hex(r)}${hex(g)}${hex(b)}`;

/** xterm's 256-colour palette: 0–15 from the theme, a 6×6×6 cube, then 24 greys. */
export function xterm256(n: number, theme: Theme = darkTheme): string {
  if (n < 16) return theme.ansi[n] ?? theme.foreground;
  if (n < 232) {
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    const i = n - 16;
    return rgb(level(Math.floor(i / 36)), level(Math.floor(i / 6) % 6), level(i % 6));
  }
  const grey = 8 + (n - 232) * 10;
  return rgb(grey, grey, grey);
}

/** `"r, g, b"` (anser's truecolor form) as `#rrggbb`. */
export function truecolor(value: string): string | undefined {
  const parts = value.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 3 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255))
    return undefined;
  return rgb(parts[0]!, parts[1]!, parts[2]!);
}
