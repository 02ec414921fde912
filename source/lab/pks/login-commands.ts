import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ok, type CommandSpec, type Invocation } from './command.js';
import { PksCliError } from './errors.js';

function requireFlags(inv: Invocation, names: string[]): void {
  const missing = names.filter((n) => !inv.flags.string(n));
  if (missing.length > 0) {
    const list = missing.map((n) => `"${n}"`).join(', ');
    throw new PksCliError(`required flag(s) ${list} not set`, true);
  }
}

/** `-p`, else the first stdin line (the CLI prompts `Password: `); never stored. */
function readPassword(inv: Invocation): string {
  const fromFlag = inv.flags.string('password');
  if (fromFlag !== undefined) return fromFlag;
  const line = inv.ctx.stdin?.split(/\r?\n/)[0];
  if (line === undefined || line === '') throw new PksCliError('EOF');
  return line;
}

/** `--ca-cert` must name a readable PEM certificate (relative to the caller's cwd). */
function checkCaCert(inv: Invocation, path: string): string {
  const full = resolve(inv.ctx.cwd, path);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch {
    throw new PksCliError(`open ${path}: no such file or directory`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new PksCliError(`The CA certificate at ${path} is not a valid PEM certificate`);
  }
  return full;
}

async function login(inv: Invocation) {
  requireFlags(inv, ['api', 'username']);
  const skipSsl = inv.flags.bool('skip-ssl-validation');
  const caCert = inv.flags.string('ca-cert');
  if (!skipSsl && caCert === undefined) {
    throw new PksCliError('Either --ca-cert or --skip-ssl-validation (-k) must be provided');
  }
  const caCertPath = caCert === undefined ? undefined : checkCaCert(inv, caCert);
  const password = readPassword(inv);
  if (password.trim() === '') throw new PksCliError('The user could not be authenticated.');
  const apiEndpoint = inv.flags.string('api') ?? '';
  const user = inv.flags.string('username') ?? '';
  inv.state.login({
    apiEndpoint,
    user,
    skipSslValidation: skipSsl,
    clusterAdmin: inv.state.clusterAdmin,
    ...(caCertPath ? { caCertPath } : {}),
  });
  const prompt = inv.flags.string('password') === undefined ? 'Password: ********\n' : '';
  return ok(`\n${prompt}API Endpoint: ${apiEndpoint}\nUser: ${user}\nLogin successful.\n\n`);
}

export const loginCommand: CommandSpec = {
  name: 'login',
  summary: 'Log in to TOOL',
  usage: '[flags]',
  args: 0,
  needsLogin: false,
  flags: [
    { long: 'api', short: 'a', kind: 'string', usage: 'The TOOL API server URI' },
    { long: 'username', short: 'u', kind: 'string', usage: 'Username' },
    { long: 'password', short: 'p', kind: 'string', usage: 'Password' },
    {
      long: 'skip-ssl-validation',
      short: 'k',
      kind: 'bool',
      usage: 'Skip SSL Validation',
      aliases: ['skip-ssl-verification'],
    },
    { long: 'ca-cert', kind: 'string', usage: 'Path to CA Cert for TOOL API' },
  ],
  examples: ['TOOL_CMD login -a api.example.com -u admin -p password --ca-cert ./ca.crt'],
  run: login,
};

export const logoutCommand: CommandSpec = {
  name: 'logout',
  summary: 'Log out of TOOL',
  usage: '[flags]',
  args: 0,
  needsLogin: false,
  flags: [],
  run: async (inv) => {
    inv.state.logout();
    return ok('\nLogout successful.\n\n');
  },
};
