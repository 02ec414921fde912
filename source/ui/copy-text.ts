/**
 * Text meant to be copied (a command, a DNS zone line, a URL, a path) is printed whole,
 * on lines of its own, outside any border, so a triple-click or a drag selects it and
 * nothing else.
 *
 * Written once (Ink's <Static>, or after Ink leaves), a line longer than the terminal
 * is left to the terminal to soft-wrap: the terminal knows the rows are one line and
 * copies them as one. In the live area it cannot be: Ink counts a frame's rows by its
 * newlines (ink/build/log-update.js), so a soft-wrapped row would be left behind on the
 * next redraw. There the text is cut at the terminal's edge, character by character,
 * with nothing inserted and no space lost (a word wrap would drop the space at the break).
 */
export function rowsAtEdge(text: string, columns: number): string[] {
  const width = Math.max(1, columns);
  if (text.length <= width) return [text];
  const rows: string[] = [];
  for (let at = 0; at < text.length; at += width) rows.push(text.slice(at, at + width));
  return rows;
}

/** How many rows these texts take in the live area (each cut at the edge). */
export function liveRows(texts: readonly string[], columns: number): number {
  return texts.reduce((sum, text) => sum + rowsAtEdge(text, columns).length, 0);
}
