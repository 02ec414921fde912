/** What stands in for a secret in logs, transcripts and audit entries. */
export const REDACTED = '<redacted>';

const secretFlags = new Set(['--password', '--token', '--client-secret']);

/** `-p` is the password of `pks login` but the plan of `pks create-cluster`: only login hides it. */
function isSecretFlag(flag: string, argv: readonly string[]): boolean {
  return secretFlags.has(flag) || (flag === '-p' && argv.includes('login'));
}
const secretWords =
  'password|passwd|passphrase|secret|token|apikey|api-key|key-data|private[-_]?key|tls\\.key';
const secretKey = new RegExp(`(${secretWords})`, 'i');
const pemBlock = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/**
 * `key: value`, `key=value`, `"key": "value"` where the key names a secret: kubeconfig
 * `token:` and `client-key-data:` fields, `password=` in error text, JSON bodies.
 * The key may carry a prefix/suffix (`bootstrapPassword`, `id-token`).
 */
const secretAssignment = new RegExp(
  `([\\w.-]*(?:${secretWords})[\\w.-]*)(["']?[ \\t]*[:=][ \\t]*)("[^"\\n]*"|'[^'\\n]*'|[^\\s,;&"']+)`,
  'gi',
);
/** `Authorization: Basic abc` / `authorization=xyz`: the credential after the scheme. */
const authorizationHeader =
  /(\bauthorization["']?[ \t]*[:=][ \t]*["']?)((?:Bearer|Basic|Token|Negotiate)[ \t]+)?[^\s"',]+/gi;
/** `Bearer abc` anywhere, e.g. a curl line or an error quoting a header. */
const bearer = /\b(Bearer)([ \t]+)[A-Za-z0-9._~+/=-]+/g;
/** Base64 of `-----BEGIN` (Secret `data:` fields, kubeconfig `*-data:`): an encoded PEM. */
const base64Pem = /LS0tLS1CRUdJT[A-Za-z0-9+/=]*/g;
/** JWTs (service-account and OIDC tokens) wherever they turn up, labelled or not. */
const jwt = /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
/** Password flags echoed inside free text, e.g. a failed `pks login -p x` in an error. */
const secretFlagInText =
  /(^|\s)(-p|--password|--token|--client-secret)(=|[ \t]+)(?!<redacted>)\S+/g;
/**
 * A Rancher API token, `token-xxxxx:<secret>` (the login answer's `token`, rancher/rancher
 * pkg/auth/providers/publicapi/login.go), labelled or not: the name stays, the secret goes.
 */
const rancherToken = /\b(token-[a-z0-9]{5}):[A-Za-z0-9]+/g;
/**
 * A cluster registration URL, `/v3/import/<token>_<clusterId>.yaml`, holds the registration
 * token (Rancher's own audit log redacts the path: pkg/auth/audit/redact.go).
 */
const rancherImportPath = /(\/v3\/import\/)[A-Za-z0-9]+(?=[_.])/g;
/** `https://user:pass@host` → the password part. */
const urlCredentials = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi;

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
    if (isSecretFlag(flag, argv)) {
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

/** Redacts PEM blocks only (keys and certificates alike: they are bulky and keys are secret). */
export function redactPem(text: string): string {
  return text.replace(
    pemBlock,
    (_m, label: string) => `-----BEGIN ${label}-----${REDACTED}-----END ${label}-----`,
  );
}

/**
 * Redacts whatever secrets free text can carry: PEM blocks, bearer/basic credentials,
 * JWTs, `token:`/`password=`-style assignments, password flags and URL credentials.
 * Errs on the side of hiding too much: a transcript is read by people, not parsed.
 */
export function redactText(text: string): string {
  return redactPem(text)
    .replace(base64Pem, REDACTED)
    .replace(authorizationHeader, (_m, head: string, scheme: string | undefined) =>
      [head, scheme ?? '', REDACTED].join(''),
    )
    .replace(bearer, (_m, scheme: string, gap: string) => `${scheme}${gap}${REDACTED}`)
    .replace(jwt, REDACTED)
    .replace(rancherToken, (_m, name: string) => `${name}:${REDACTED}`)
    .replace(rancherImportPath, (_m, head: string) => `${head}${REDACTED}`)
    .replace(urlCredentials, (_m, head: string) => `${head}${REDACTED}@`)
    .replace(secretFlagInText, (_m, lead: string, flag: string, sep: string) =>
      [lead, flag, sep, REDACTED].join(''),
    )
    .replace(secretAssignment, (match, key: string, sep: string, value: string) =>
      isAlreadyRedacted(value) || value.startsWith('-----BEGIN')
        ? match
        : `${key}${sep}${quoteLike(value, REDACTED)}`,
    );
}

function isAlreadyRedacted(value: string): boolean {
  return value.replace(/^["']|["']$/g, '') === REDACTED;
}

/** Keeps the quoting of the original value so JSON/YAML stays readable. */
function quoteLike(original: string, replacement: string): string {
  const quote = original[0];
  return quote === '"' || quote === "'" ? `${quote}${replacement}${quote}` : replacement;
}
