/**
 * The body of DIR/bin/{pks,tkgi,helm}: sends the call to the running lab and
 * replays its output and exit code. Kept free of dependencies so it starts fast.
 */
import { request } from 'node:http';

const passedEnv = [
  'KUBECONFIG',
  'HOME',
  'HELM_REPOSITORY_CONFIG',
  'HELM_REPOSITORY_CACHE',
  'HELM_NAMESPACE',
  'HELM_KUBECONTEXT',
  'PKS_USER_PASSWORD',
  'TKGI_USER_PASSWORD',
];

function readStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', () => resolve(undefined));
  });
}

/** A masked line from the terminal, as the real CLI's `Password: ` prompt reads it. */
function readPasswordFromTty(): Promise<string | undefined> {
  return new Promise((resolve) => {
    process.stderr.write('Password: ');
    let typed = '';
    process.stdin.setRawMode(true);
    process.stdin.resume();
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\u0003') process.exit(130);
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          process.stdin.setRawMode(false);
          process.stdin.pause();
          process.stdin.off('data', onData);
          process.stderr.write('\n');
          return resolve(typed + '\n');
        }
        if (ch === '\u007f') typed = typed.slice(0, -1);
        else {
          typed += ch;
          process.stderr.write('*');
        }
      }
    };
    process.stdin.on('data', onData);
  });
}

/** With OIDC and no password variable, get-credentials prompts for the password. */
function asksPassword(tool: string, argv: string[]): boolean {
  return (
    tool !== 'helm' &&
    process.env.RANCHER_PKS_TUI_LAB_OIDC === '1' &&
    argv[0] === 'get-credentials' &&
    !argv.includes('--help') &&
    !argv.includes('-h') &&
    !process.env.PKS_USER_PASSWORD &&
    !process.env.TKGI_USER_PASSWORD
  );
}

/** `helm … -f -` (or `--values -`, `--values=-`): values piped in, as secrets are. */
function valuesFromStdin(argv: string[]): boolean {
  return argv.some(
    (arg, i) =>
      ((arg === '-f' || arg === '--values') && argv[i + 1] === '-') ||
      arg === '--values=-' ||
      arg === '-f=-',
  );
}

/** Only a confirmation, a password or piped values read stdin; other calls must not wait on it. */
function needsStdin(tool: string, argv: string[]): boolean {
  return (
    (tool !== 'helm' && argv[0] === 'delete-cluster' && !argv.includes('--non-interactive')) ||
    asksPassword(tool, argv) ||
    (tool === 'helm' && valuesFromStdin(argv))
  );
}

function stdinFor(tool: string, argv: string[]): Promise<string | undefined> {
  if (!needsStdin(tool, argv)) return Promise.resolve(undefined);
  return asksPassword(tool, argv) && process.stdin.isTTY ? readPasswordFromTty() : readStdin();
}

/**
 * `helm install` and `helm upgrade` catch SIGINT and SIGTERM: they print "Release NAME has been
 * cancelled." and cancel the operation, ending when it returns (helm v3.18.0
 * cmd/helm/install.go:302-315 and upgrade.go:226-239; v4.1.0 pkg/cmd/install.go:312-324 and
 * upgrade.go:239-249). The lab's operation cannot be cancelled: the shim says so and waits for
 * its answer (how long a real helm takes to wind down is unverified). Other calls die at once:
 * Go's default for SIGINT/SIGTERM is to exit (os/signal package docs, "Default behavior of
 * signals in Go programs"); that pks/tkgi add no handler of their own is unverified.
 */
function catchCancel(tool: string, argv: string[]): void {
  const words = argv.filter((a) => !a.startsWith('-'));
  if (tool !== 'helm' || !['install', 'upgrade'].includes(words[0] ?? '')) return;
  let said = false;
  // helm keeps catching the signals after the first (signal.Notify stays registered).
  const cancelled = () => {
    if (!said) process.stdout.write(`Release ${words[1] ?? ''} has been cancelled.\n`);
    said = true;
  };
  process.on('SIGINT', cancelled);
  process.on('SIGTERM', cancelled);
}

async function main(): Promise<void> {
  const [tool = '', ...argv] = process.argv.slice(2);
  catchCancel(tool, argv);
  const url = process.env.RANCHER_PKS_TUI_LAB_CONTROL;
  const token = process.env.RANCHER_PKS_TUI_LAB_TOKEN;
  if (!url || !token) {
    process.stderr.write(
      `${tool}: this is the rancher-pks-tui lab's ${tool}; the lab is not running\n`,
    );
    process.exit(1);
  }
  const env: Record<string, string> = {};
  for (const k of passedEnv) if (process.env[k] !== undefined) env[k] = process.env[k]!;
  const stdin = await stdinFor(tool, argv);
  const body = JSON.stringify({ tool, argv, cwd: process.cwd(), env, stdin });
  const req = request(`${url}/cli`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
  });
  req.on('response', (res) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => {
      const result = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        stdout?: string;
        stderr?: string;
        exitCode?: number;
        error?: string;
      };
      if (result.error) {
        process.stderr.write(`${tool}: lab error: ${result.error}\n`);
        process.exit(1);
      }
      // Let the streams drain; exiting at once could cut output going to a pipe.
      process.exitCode = result.exitCode ?? 1;
      process.stdout.write(result.stdout ?? '');
      process.stderr.write(result.stderr ?? '');
    });
  });
  req.on('error', (e) => {
    process.stderr.write(
      `${tool}: cannot reach the rancher-pks-tui lab (${e.message}); is \`rancher-pks-tui lab up\` still running?\n`,
    );
    process.exit(1);
  });
  req.end(body);
}

void main();
