/**
 * Where a value goes beside its label. A value gets at least this many columns beside
 * the label, or it goes under it: 40 holds a typical absolute path or FQDN
 * (`/etc/ssl/rancher/rancher.example.com.crt` is 40) on one line. With the wizard's
 * longest label (the certificate's, 50 columns with its marker and colon) that puts the
 * switch at 90 columns: at 80 the certificate step stacks, at 100 it is side by side.
 * Labels are never wrapped or cut beside a value, so a label cannot break mid-word
 * or lose its colon.
 */
export const minValueWidth = 40;

/** How far a value is indented under its label when stacked. */
export const stackedIndent = 4;

export type LabelLayout =
  | { kind: 'side'; labelWidth: number; valueWidth: number }
  | { kind: 'stacked'; indent: number; valueWidth: number };

/** The label column for these labels: the widest, with `prefix` before and ": " after. */
export function labelColumnWidth(labels: readonly string[], prefix = 2): number {
  return prefix + Math.max(0, ...labels.map((label) => label.length)) + 2;
}

/** Side by side when the value keeps `minValueWidth` columns beside the label column; else stacked. */
export function labelLayout(columns: number, labelWidth: number): LabelLayout {
  const beside = columns - labelWidth;
  if (beside >= minValueWidth) return { kind: 'side', labelWidth, valueWidth: beside };
  return {
    kind: 'stacked',
    indent: stackedIndent,
    valueWidth: Math.max(1, columns - stackedIndent),
  };
}
