import Anser from 'anser';
import { stringWidth } from './cell-width.js';
import { ansiIndex, darkTheme, truecolor, xterm256, type Theme } from './palette.js';

/** A run of text in one style, placed on its line by terminal column. */
export interface StyledSpan {
  text: string;
  /** The first cell (0-based) and the number of cells it covers. */
  column: number;
  width: number;
  /** Colours as `#rrggbb`; undefined is the terminal's default. */
  fg?: string;
  bg?: string;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  strikethrough: boolean;
}

function color(
  cls: string | null,
  value: string | null,
  theme: Theme,
  inverted: boolean,
): string | undefined {
  if (!cls) return undefined;
  if (cls === 'ansi-truecolor') return value ? truecolor(value) : undefined;
  const palette = /^ansi-palette-(\d+)$/.exec(cls);
  if (palette) return xterm256(Number(palette[1]), theme);
  const index = ansiIndex(cls);
  if (index === undefined) return undefined;
  // anser stands in black and white for the default colours it swaps on reverse video.
  if (inverted && index === 0) return theme.background;
  if (inverted && index === 7) return theme.foreground;
  return theme.ansi[index];
}

/** The screen's lines as styled spans: SGR colours and attributes kept, other escapes dropped. */
export function ansiToSpans(ansi: string, theme: Theme = darkTheme): StyledSpan[][] {
  const entries = Anser.ansiToJson(ansi.replace(/\r/g, ''), {
    use_classes: true,
    remove_empty: true,
  }) as (Anser.AnserJsonEntry & { isInverted?: boolean })[];
  const lines: StyledSpan[][] = [[]];
  let column = 0;
  for (const entry of entries) {
    const inverted = entry.isInverted === true;
    const decorations = new Set(entry.decorations);
    const style = {
      fg: color(entry.fg, entry.fg_truecolor, theme, inverted),
      bg: color(entry.bg, entry.bg_truecolor, theme, inverted),
      bold: decorations.has('bold'),
      dim: decorations.has('dim'),
      italic: decorations.has('italic'),
      underline: decorations.has('underline'),
      strikethrough: decorations.has('strikethrough'),
    };
    entry.content.split('\n').forEach((text, i) => {
      if (i > 0) {
        lines.push([]);
        column = 0;
      }
      if (!text) return;
      const width = stringWidth(text);
      lines[lines.length - 1]!.push({ text, column, width, ...style });
      column += width;
    });
  }
  return lines;
}
