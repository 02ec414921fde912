/** The SGR escapes in `text` that set a colour (foreground or background, 16/256/true colour). */
export function colorEscapes(text: string): string[] {
  const found: string[] = [];
  // eslint-disable-next-line no-control-regex
  for (const match of text.matchAll(/\u001b\[([0-9;:]*)m/g)) {
    const params = match[1]!.split(/[;:]/).map(Number);
    const color = params.some(
      (p) =>
        (p >= 30 && p <= 38) ||
        (p >= 40 && p <= 48) ||
        (p >= 90 && p <= 97) ||
        (p >= 100 && p <= 107),
    );
    if (color) found.push(JSON.stringify(match[0]));
  }
  return found;
}
