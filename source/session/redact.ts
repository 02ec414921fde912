/** What stands in for a secret in logs, transcripts and audit entries. */
export const REDACTED = '<redacted>';

const secretFlags = new Set(['-p', '--password', '--token', '--client-secret']);
const secretKey = /(password|passwd|secret|token|apikey|api-key)/i;
const pemBlock = /-----BEGIN ([A-Z ]+)-----[\s\S]*?-----END \1-----/g;

/** `--set a.bootstrapPassword=x` → `--set a.bootstrapPassword=<redacted>`, per comma-separated item. */
function redactSetValue(value: string): string {
  return value
    .split(/(?<!\\),/)
    .map((item) => {
      const eq = item.indexOf('=');
      return eq > 0 && secretKey.test(item.slice(0, eq))
        ? `${item.slice(0, eq + 1)}${REDACTED}`
        : item;
    })
    .join(',');
}

/** Redacts the secrets a command line can carry: password flags, `--set *password*=`, tokens. */
export function redactArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    if (secretFlags.has(flag)) {
      if (inline !== undefined) out.push(`${flag}=${REDACTED}`);
      else {
        out.push(arg);
        if (i + 1 < argv.length) {
          out.push(REDACTED);
          i++;
        }
      }
    } else if (flag === '--set' || flag === '--set-string') {
      if (inline !== undefined) out.push(`${flag}=${redactSetValue(inline)}`);
      else {
        out.push(arg);
        if (i + 1 < argv.length) out.push(redactSetValue(argv[++i]!));
      }
    } else out.push(redactText(arg));
  }
  return out;
}

/** Redacts PEM blocks (keys and certificates alike: they are bulky and keys are secret). */
export function redactText(text: string): string {
  return text.replace(
    pemBlock,
    (_m, label: string) => `-----BEGIN ${label}-----${REDACTED}-----END ${label}-----`,
  );
}
