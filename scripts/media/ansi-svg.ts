import { ansiToSpans, type StyledSpan } from './ansi-cells.js';
import { stringWidth } from './cell-width.js';
import { darkTheme, type Theme } from './palette.js';
import { xmlEscape } from './xml-escape.js';

export interface AnsiSvgOptions {
  /** The terminal's width in cells. */
  columns: number;
  /** Lines to show; default: every line of the input (a final newline ends the last one). */
  rows?: number;
  /** The window's title, shown in the title bar. */
  title?: string;
  theme?: Theme;
}

/** The picture's geometry, in px: a 14px monospace font is about 8.4 wide. */
export const cell = { width: 8.4, height: 17, fontSize: 14, baseline: 13 } as const;
const pad = { x: 14, top: 10, bottom: 14 } as const;
const titleBarHeight = 30;
const radius = 8;
const fontFamily =
  "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace";

const num = (n: number) => String(Math.round(n * 10) / 10);

/** Splits text at each change between ASCII and other characters (box drawing, symbols). */
function runs(text: string): { text: string; offset: number; ascii: boolean }[] {
  const out: { text: string; offset: number; ascii: boolean }[] = [];
  let offset = 0;
  for (const m of text.matchAll(/[\x20-\x7e]+|[^\x20-\x7e]+/g)) {
    out.push({ text: m[0], offset, ascii: /^[\x20-\x7e]/.test(m[0]) });
    offset += stringWidth(m[0]);
  }
  return out;
}

function classes(span: StyledSpan): string {
  const names = [
    span.bold ? 'b' : '',
    span.dim ? 'd' : '',
    span.italic ? 'i' : '',
    span.underline ? 'u' : span.strikethrough ? 's' : '',
  ].filter(Boolean);
  return names.length ? ` class="${names.join(' ')}"` : '';
}

function lineSvg(spans: StyledSpan[], y: number, columns: number): { text: string; rects: string } {
  let text = '';
  let rects = '';
  for (const span of spans) {
    if (span.column >= columns) break;
    if (span.bg)
      rects += `<rect x="${num(pad.x + span.column * cell.width)}" y="${num(y)}" width="${num(Math.min(span.width, columns - span.column) * cell.width)}" height="${cell.height}" fill="${span.bg}"/>`;
    const attrs = `${span.fg ? ` fill="${span.fg}"` : ''}${classes(span)}`;
    for (const run of runs(span.text)) {
      const column = span.column + run.offset;
      if (column >= columns) break;
      // Blanks need no glyphs unless a line is drawn through or under them.
      if (!run.text.trim() && !span.underline && !span.strikethrough) continue;
      const cells = stringWidth(run.text);
      // Other characters may come from a fallback font: fit them to their cells.
      const fit =
        !run.ascii && run.text.length > 1
          ? ` textLength="${num(cells * cell.width)}" lengthAdjust="spacingAndGlyphs"`
          : '';
      text += `<tspan x="${num(pad.x + column * cell.width)}"${attrs}${fit}>${xmlEscape(run.text)}</tspan>`;
    }
  }
  return { text, rects };
}

/** A terminal screen (text with ANSI SGR escapes) as an SVG picture of a terminal window. */
export function ansiToSvg(ansi: string, options: AnsiSvgOptions): string {
  const theme = options.theme ?? darkTheme;
  const lines = ansiToSpans(ansi, theme);
  // What follows the final newline (at most escapes) is no line of its own.
  if (lines.length > 1 && lines[lines.length - 1]!.length === 0) lines.pop();
  const rows = options.rows ?? lines.length;
  const width = Math.round(options.columns * cell.width + 2 * pad.x);
  const top = titleBarHeight + pad.top;
  const height = Math.round(top + rows * cell.height + pad.bottom);
  const title = options.title ?? '';
  const body: string[] = [];
  const backgrounds: string[] = [];
  lines.slice(0, rows).forEach((spans, i) => {
    const y = top + i * cell.height;
    const line = lineSvg(spans, y, options.columns);
    if (line.rects) backgrounds.push(line.rects);
    if (line.text) body.push(`<text y="${num(y + cell.baseline)}">${line.text}</text>`);
  });
  const bar = `M0,${radius}a${radius},${radius} 0 0 1 ${radius},-${radius}h${width - 2 * radius}a${radius},${radius} 0 0 1 ${radius},${radius}v${titleBarHeight - radius}h-${width}z`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xml:space="preserve" role="img" aria-label="${xmlEscape(title)}">`,
    `<style>text{font-family:${fontFamily};font-size:${cell.fontSize}px;fill:${theme.foreground};white-space:pre}.b{font-weight:700}.d{fill-opacity:.6}.i{font-style:italic}.u{text-decoration:underline}.s{text-decoration:line-through}</style>`,
    `<rect width="${width}" height="${height}" rx="${radius}" fill="${theme.background}"/>`,
    `<path d="${bar}" fill="${theme.titleBar}"/>`,
    ['#ff5f57', '#febc2e', '#28c840']
      .map((fill, i) => `<circle cx="${18 + i * 20}" cy="15" r="6" fill="${fill}"/>`)
      .join(''),
    title
      ? `<text x="${width / 2}" y="19.5" text-anchor="middle" style="font-size:12px;fill:#9aa0b8">${xmlEscape(title)}</text>`
      : '',
    ...backgrounds,
    ...body,
    '</svg>',
    '',
  ]
    .filter(Boolean)
    .join('\n');
}
