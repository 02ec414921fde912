/**
 * Whether output gets ANSI colour. In order: `--no-color` (turned into FORCE_COLOR=0 at
 * start, see settleColor), FORCE_COLOR (`0`/`false` off, anything else on, as chalk and
 * Node's tty.getColorDepth read it; Node, too, lets it win over NO_COLOR), NO_COLOR set
 * and non-empty (https://no-color.org), TERM=dumb, then whether the stream is a terminal.
 */
export function colorWanted(
  env: Readonly<Record<string, string | undefined>>,
  isTTY: boolean,
): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR) return false;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

/**
 * Ink colours through chalk 5, whose supports-color reads FORCE_COLOR and `--no-color` in
 * process.argv once, when it loads, and never NO_COLOR
 * (node_modules/chalk/source/vendor/supports-color/index.js, chalk 5.6.2). So before Ink
 * loads, the choice is written as FORCE_COLOR=0. Child processes inherit it.
 */
export function settleColor(env: NodeJS.ProcessEnv, noColorFlag: boolean): void {
  if (noColorFlag) env.FORCE_COLOR = '0';
  else if (env.FORCE_COLOR === undefined && env.NO_COLOR) env.FORCE_COLOR = '0';
}

/** `--no-color` anywhere before `--` (a global flag: every command takes it). */
export function takeNoColorFlag(argv: string[]): { argv: string[]; noColor: boolean } {
  const end = argv.indexOf('--');
  const head = end === -1 ? argv : argv.slice(0, end);
  const tail = end === -1 ? [] : argv.slice(end);
  const rest = head.filter((a) => a !== '--no-color');
  return { argv: [...rest, ...tail], noColor: rest.length !== head.length };
}
