import { truncate } from '../panels/fit-columns.js';

/**
 * Where a paragraph's wrapped lines start: under its first word, past its own indent and
 * a list marker (`- `, `* `, `• `, `→ `, `1. `), as in `  - spec.replicas: …`.
 */
function hangingIndent(paragraph: string, width: number): number {
  const lead = /^\s*(?:[-*•→]\s+|\d+[.)]\s+)?/.exec(paragraph)![0].length;
  // A lead that leaves too little room for words is dropped rather than honoured.
  return lead <= width / 2 ? lead : 0;
}

function wrapParagraph(paragraph: string, width: number): string[] {
  const indent = hangingIndent(paragraph, width);
  const prefix = paragraph.slice(0, indent);
  const pad = ' '.repeat(indent);
  const room = width - indent;
  const lines: string[] = [];
  let line = '';
  for (let word of paragraph
    .slice(indent)
    .split(/\s+/)
    .filter((w) => w !== '')) {
    if (line && line.length + 1 + word.length <= room) {
      line = `${line} ${word}`;
      continue;
    }
    if (line) lines.push(line);
    // Words longer than a line (URLs, paths) are cut where the line ends.
    while (word.length > room) {
      lines.push(word.slice(0, room));
      word = word.slice(room);
    }
    line = word;
  }
  if (!line && lines.length === 0) return [''];
  if (line) lines.push(line);
  return lines.map((l, i) => (i === 0 ? prefix : pad) + l);
}

/**
 * Word-wraps `text` to `width` in at most `maxLines` lines (the last one ends in
 * `…` when some was left out), so the caller knows exactly how tall it is. A line
 * that wraps keeps its indent: its continuation lines start under its first word.
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
