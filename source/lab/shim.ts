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

/** Only an interactive confirmation reads stdin; other calls must not wait on it. */
function needsStdin(tool: string, argv: string[]): boolean {
  return tool !== 'helm' && argv[0] === 'delete-cluster' && !argv.includes('--non-interactive');
}

async function main(): Promise<void> {
  const [tool = '', ...argv] = process.argv.slice(2);
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
  const stdin = needsStdin(tool, argv) ? await readStdin() : undefined;
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
