/** The curl options the lab understands in a container's command (curl(1) "OPTIONS"). */
export interface CurlArgs {
  url: string;
  /** `--cacert FILE`: the CA bundle to verify the peer with (instead of the system's). */
  cacert?: string;
  /** `-k`/`--insecure`: no verification of the server's certificate. */
  insecure: boolean;
  /** `--max-time SECONDS`. */
  maxTimeSeconds?: number;
  /** `-s` without `-S`: no error message. */
  quiet: boolean;
  /** `-f`/`--fail`: an HTTP error status is exit 22. */
  fail: boolean;
  /** `-o FILE`: the body is not printed. */
  output?: string;
}

const withValue = new Set([
  '--cacert',
  '--max-time',
  '-m',
  '-o',
  '--output',
  '--connect-timeout',
  '-H',
  '--header',
  '-X',
  '--request',
  '--stderr',
  '-w',
  '--write-out',
]);

/** The curl call of a container's command (`curl …`, or `sh -c "curl …"` left out); undefined when it is not one. */
export function parseCurlArgs(argv: readonly string[]): CurlArgs | undefined {
  if (argv.length === 0 || !/(^|\/)curl$/.test(argv[0]!)) return undefined;
  const args: CurlArgs = { url: '', insecure: false, quiet: false, fail: false };
  let silent = false;
  let showError = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (withValue.has(a)) {
      const value = argv[++i] ?? '';
      if (a === '--cacert') args.cacert = value;
      else if (a === '--max-time' || a === '-m') args.maxTimeSeconds = Number(value);
      else if (a === '-o' || a === '--output') args.output = value;
      continue;
    }
    if (a === '--insecure') args.insecure = true;
    else if (a === '--silent') silent = true;
    else if (a === '--show-error') showError = true;
    else if (a === '--fail') args.fail = true;
    else if (/^-[a-zA-Z]+$/.test(a)) {
      // Short options combine: `-sS`, `-fsSL`, `-sk`.
      for (const flag of a.slice(1)) {
        if (flag === 's') silent = true;
        else if (flag === 'S') showError = true;
        else if (flag === 'k') args.insecure = true;
        else if (flag === 'f') args.fail = true;
      }
    } else if (!a.startsWith('-')) args.url = a;
  }
  args.quiet = silent && !showError;
  return args.url ? args : undefined;
}
