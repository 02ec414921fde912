import { labelColumnWidth, labelLayout, type LabelLayout } from './label-layout.js';
import { useTerminalSize } from './use-terminal-size.js';

/** The layout of a form's labelled lines on this terminal (follows resizes). */
export function useLabelLayout(labels: readonly string[], prefix?: number): LabelLayout {
  const { columns } = useTerminalSize();
  return labelLayout(columns, labelColumnWidth(labels, prefix));
}
