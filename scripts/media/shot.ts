import Anser from 'anser';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ansiToSvg } from './ansi-svg.js';

/** One captured terminal screen, to become media/NAME.svg. */
export interface Shot {
  name: string;
  /** The screen as `tmux capture-pane -e -p` prints it. */
  ansi: string;
  columns: number;
  title: string;
}

/** The screen's text without escapes. */
export function plainText(ansi: string): string {
  return Anser.ansiToText(ansi);
}

/** Lines up to the last one with text: blank rows under a short screen are left out. */
function usedRows(ansi: string): number {
  const lines = plainText(ansi).split('\n');
  let last = lines.length;
  while (last > 1 && !lines[last - 1]!.trim()) last--;
  return last;
}

/** Writes the shot as DIR/NAME.svg; returns the path and its size in bytes. */
export function writeShot(dir: string, shot: Shot): { path: string; bytes: number } {
  const svg = ansiToSvg(shot.ansi, {
    columns: shot.columns,
    rows: usedRows(shot.ansi),
    title: shot.title,
  });
  const path = join(dir, `${shot.name}.svg`);
  writeFileSync(path, svg);
  return { path, bytes: Buffer.byteLength(svg) };
}
