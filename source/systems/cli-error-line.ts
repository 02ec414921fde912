/**
 * The line a Go CLI (cobra) reports its failure on: the first `Error: ...` line of
 * stderr (or stdout), else the first non-empty stderr line, else the last stdout line.
 */
export function cliErrorLine(stderr: string, stdout = ''): string {
  const lines = (text: string) =>
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
  const errorLine = [...lines(stderr), ...lines(stdout)].find((l) => /^Error:/i.test(l));
  return errorLine ?? lines(stderr)[0] ?? lines(stdout).at(-1) ?? '(no output)';
}
