import { truncate } from '../panels/fit-columns.js';

function wrapParagraph(paragraph: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (let word of paragraph.split(/\s+/).filter((w) => w !== '')) {
    if (line && line.length + 1 + word.length <= width) {
      line = `${line} ${word}`;
      continue;
    }
    if (line) lines.push(line);
    // Words longer than a line (URLs, paths) are cut where the line ends.
    while (word.length > width) {
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    line = word;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * Word-wraps `text` to `width` in at most `maxLines` lines (the last one ends in
 * `…` when some was left out), so the caller knows exactly how tall it is.
 */
export function wrapText(text: string, width: number, maxLines: number): string[] {
  if (maxLines <= 0) return [];
  const w = Math.max(1, width);
  const lines = text.split('\n').flatMap((p) => wrapParagraph(p, w));
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = last.length < w ? `${last}…` : truncate(last, w);
  return kept;
}
