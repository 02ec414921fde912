import { describe, expect, it } from 'vitest';
import { ansiToSpans } from '../../scripts/media/ansi-cells.js';
import { ansiToSvg, cell } from '../../scripts/media/ansi-svg.js';
import { darkTheme } from '../../scripts/media/palette.js';

const esc = '\x1b';
const tspans = (svg: string) => [...svg.matchAll(/<tspan ([^>]*)>([^<]*)<\/tspan>/g)];
const tspanFor = (svg: string, text: string) => tspans(svg).find((m) => m[2]!.trim() === text)?.[1];

describe('ansiToSvg', () => {
  it('colours spans from the 16-colour palette, 256 colours and truecolor', () => {
    const svg = ansiToSvg(
      `${esc}[32mok${esc}[39m plain ${esc}[91mbright${esc}[38;5;196mcube${esc}[38;2;1;2;3mtrue${esc}[0m`,
      { columns: 40 },
    );
    expect(tspanFor(svg, 'ok')).toContain(`fill="${darkTheme.ansi[2]}"`);
    expect(tspanFor(svg, 'plain')).not.toContain('fill=');
    expect(tspanFor(svg, 'bright')).toContain(`fill="${darkTheme.ansi[9]}"`);
    expect(tspanFor(svg, 'cube')).toContain('fill="#ff0000"');
    expect(tspanFor(svg, 'true')).toContain('fill="#010203"');
  });

  it('bold and dim become classes; SGR 0 and 22 end them', () => {
    const svg = ansiToSvg(`${esc}[1mTitle${esc}[22m body ${esc}[2mhint${esc}[0m end`, {
      columns: 40,
    });
    expect(tspanFor(svg, 'Title')).toContain('class="b"');
    expect(tspanFor(svg, 'body')).not.toContain('class=');
    expect(tspanFor(svg, 'hint')).toContain('class="d"');
    expect(tspanFor(svg, 'end')).not.toContain('class=');
    expect(svg).toMatch(/\.b\{font-weight:700\}/);
  });

  it('keeps styles across lines, as tmux capture-pane -e writes them', () => {
    const lines = ansiToSpans(`${esc}[33mone\ntwo${esc}[39m\nthree`);
    expect(lines.map((l) => l.map((s) => [s.text, s.fg ?? null]))).toEqual([
      [['one', darkTheme.ansi[3]]],
      [['two', darkTheme.ansi[3]]],
      [['three', null]],
    ]);
  });

  it('XML-escapes <, & and > in text and in the title', () => {
    const svg = ansiToSvg('if a < b && c > d', { columns: 40, title: 'x <&> "y"' });
    expect(svg).toContain('&lt;');
    expect(svg).toContain('&amp;&amp;');
    expect(svg).toContain('&gt;');
    expect(svg).toContain('x &lt;&amp;&gt; &quot;y&quot;');
    const text = tspans(svg)
      .map((m) => m[2])
      .join('');
    expect(text).toBe('if a &lt; b &amp;&amp; c &gt; d');
    expect(svg).toContain('xml:space="preserve"');
  });

  it('places spans by column, also after wide and box-drawing characters', () => {
    const svg = ansiToSvg(`│ ✓ 漢 ${esc}[36mx${esc}[0m`, { columns: 20 });
    // │(1) space ✓(1) space 漢(2) space → x is in column 7.
    expect(tspanFor(svg, 'x')).toContain(`x="${Math.round((14 + 7 * cell.width) * 10) / 10}"`);
  });

  it('sizes the picture from columns × rows, default rows from the input', () => {
    const size = (svg: string) =>
      /width="(\d+)" height="(\d+)"/.exec(svg)!.slice(1).map(Number) as [number, number];
    const [w100, h30] = size(ansiToSvg('a\n', { columns: 100, rows: 30 }));
    const [w50, h3] = size(ansiToSvg('a\nb\nc\n', { columns: 50 }));
    expect(w100 - w50).toBe(Math.round(50 * cell.width));
    expect(h30 - h3).toBe(27 * cell.height);
    expect(w100).toBeGreaterThanOrEqual(840);
    expect(h30).toBeGreaterThanOrEqual(30 * cell.height);
    // Rows past the given number are left out.
    expect(ansiToSvg('a\nb\nc', { columns: 10, rows: 2 })).not.toContain('>c<');
  });

  it('draws a background for coloured backgrounds and reverse video', () => {
    const svg = ansiToSvg(`${esc}[44m bg ${esc}[0m ${esc}[7mcursor${esc}[27m`, { columns: 20 });
    expect(svg).toContain(`fill="${darkTheme.ansi[4]}"/>`);
    expect(svg).toContain(`fill="${darkTheme.foreground}"/>`); // the reversed default background
    expect(tspanFor(svg, 'cursor')).toContain(`fill="${darkTheme.background}"`);
  });
});
