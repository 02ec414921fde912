import Anser from 'anser';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ansiToSvg } from './ansi-svg.js';

/** A terminal the pictures are taken in. */
export interface TerminalSize {
  columns: number;
  rows: number;
  /** Where its pictures go under media/ ('' for media/ itself). */
  folder: string;
}

/** The README's size (media/), and the smallest terminal people use (media/80x24/). */
export const terminalSizes: TerminalSize[] = [
  { columns: 100, rows: 30, folder: '' },
  { columns: 80, rows: 24, folder: '80x24' },
];

/** One captured terminal screen, to become media/NAME.svg (NAME may hold a folder). */
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
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, svg);
  return { path, bytes: Buffer.byteLength(svg) };
}
