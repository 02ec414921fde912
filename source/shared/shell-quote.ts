/** Characters POSIX sh takes literally outside quotes. */
const plain = String.raw`[\w@%+=:,./-]`;

/**
 * Bare words, possibly with `<PLACEHOLDER>`s in them: docs' "replace me" (`<VERSION>`,
 * `<redacted>`) is shown as such, not quoted as if it were to be typed.
 */
const bare = new RegExp(`^(?:${plain}|<[\\w.-]+>)+$`);

/**
 * An argument as a reader would type it into POSIX sh: bare when nothing in it is special,
 * else single-quoted (a quote inside becomes '\''). Used wherever we show or write a command.
 */
export function shellQuote(arg: string): string {
  if (bare.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** A whole command line, each argument quoted as needed. */
export function shellLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
