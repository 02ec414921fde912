/** A part of the live area that can grow: it needs `min` lines to be worth showing. */
export interface LineDemand {
  min: number;
  want: number;
}

/**
 * Shares `budget` lines among sections, in order of importance: first each gets its
 * minimum (a section that cannot gets 0 and is not shown), then what is left goes
 * to them in the same order, up to what each wants.
 */
export function allocateLines(budget: number, demands: LineDemand[]): number[] {
  let left = Math.max(0, budget);
  const given = demands.map((d) => {
    const min = Math.min(d.min, d.want);
    if (min <= 0 || min > left) return 0;
    left -= min;
    return min;
  });
  return given.map((lines, i) => {
    if (lines === 0) return 0;
    const extra = Math.min(left, demands[i]!.want - lines);
    left -= extra;
    return lines + extra;
  });
}
