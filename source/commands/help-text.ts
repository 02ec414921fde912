import type { Command } from 'commander';
import { ExitCode } from '../exit-codes.js';
import { commandLine } from '../invocation.js';

/**
 * What `--help` adds to commander's usage and command list, as `gh` does: examples, exit
 * codes, the environment. Examples are typed the way the user started the tool
 * (`node dist/cli.js …`, `npx ./rancher-pks-tui-0.1.0.tgz …`), so they can be pasted.
 */

/** A comment saying what it does, then the command's arguments. */
type Example = [what: string, args: string[]];

const rootExamples: Example[] = [
  ['Watch a whole install against the built-in lab (no PKS needed)', ['--demo']],
  ['The guided install in a terminal: questions, a review, then the run', []],
  [
    'Without prompts, from an answers file (CI, change windows)',
    ['install', '--answers', 'answers.yaml', '--yes'],
  ],
  ['Check everything up front; changes nothing', ['preflight', '--answers', 'answers.yaml']],
  ['Pick up an interrupted or failed install where it stopped', ['resume']],
  [
    'The runbook: every command and manifest, for a change-control board',
    ['plan', '--answers', 'answers.yaml'],
  ],
  ['Move a finished install to Traefik', ['migrate-ingress', '--to', 'traefik']],
  ['Day 2: check the running install end to end; changes nothing', ['status']],
  ['Remove Rancher and what the install made for it (the cluster stays)', ['uninstall']],
  [
    'A new certificate before the old one expires (status warns 30 days ahead)',
    ['rotate-certs', '--cert', 'rancher.cer', '--key', 'rancher.key', '--ca-certs', 'cacerts.pem'],
  ],
  ['Register a fleet of clusters in Rancher', ['import', '--inventory', 'clusters.yaml']],
  ['The simulated PKS lab, for your own tests', ['lab', 'up', '--dir', './lab']],
];

/** Per command, by its path below the root (`lab up`). */
const commandExamples: Record<string, Example[]> = {
  install: [
    [
      'Without prompts (no terminal needs --yes)',
      ['install', '--answers', 'answers.yaml', '--yes'],
    ],
    [
      'Go on despite the preflight warning dns.rancher (only that one)',
      ['install', '--answers', 'answers.yaml', '--yes', '--accept-warnings', 'dns.rancher'],
    ],
    [
      'In a terminal: the review screen with the file’s answers',
      ['install', '--answers', 'answers.yaml'],
    ],
    ['Against the built-in lab', ['install', '--demo']],
  ],
  resume: [
    ['The latest unfinished session', ['resume']],
    ['A session by its id', ['resume', '20261130-085700-czpksrancher05']],
  ],
  sessions: [
    ['The table, newest first', ['sessions']],
    [
      'For scripts: id, plan, demo, cluster, hostname, state, stage, updatedAt, resume',
      ['sessions', '-o', 'json'],
    ],
  ],
  plan: [
    ['What an install from this file would do', ['plan', '--answers', 'answers.yaml']],
    [
      'What a saved session ran, with the chart versions it chose',
      ['plan', '--session', '20261130-085700-czpksrancher05'],
    ],
  ],
  preflight: [
    ['A table in a terminal, plain lines in a pipe', ['preflight', '--answers', 'answers.yaml']],
    ['For scripts', ['preflight', '--answers', 'answers.yaml', '--json']],
  ],
  'migrate-ingress': [
    [
      'The latest finished install moves to ingress-nginx',
      ['migrate-ingress', '--to', 'ingress-nginx'],
    ],
    ['Without a confirmation', ['migrate-ingress', '--to', 'traefik', '--yes']],
  ],
  status: [
    ['The latest finished install: a table, or lines in a pipe', ['status']],
    ['For scripts and monitoring', ['status', '--json']],
    [
      'A live dashboard in a terminal, checked every 30 s',
      ['status', '--watch', '--interval', '30'],
    ],
  ],
  uninstall: [
    ['Rancher goes, the PKS cluster stays (asks first in a terminal)', ['uninstall']],
    ['The PKS cluster too, without prompts', ['uninstall', '--delete-cluster', '--yes']],
    ['Its runbook first', ['plan', '--uninstall', '--session', '20261130-085700-czpksrancher05']],
  ],
  'rotate-certs': [
    [
      'Same CA, new server certificate: Rancher keeps running (asks first in a terminal)',
      [
        'rotate-certs',
        '--cert',
        'rancher.cer',
        '--key',
        'rancher.key',
        '--ca-certs',
        'cacerts.pem',
      ],
    ],
    [
      'A new CA without prompts: Rancher restarts, imported clusters get the new checksum',
      [
        'rotate-certs',
        '--cert',
        'new/rancher.cer',
        '--key',
        'new/rancher.key',
        '--ca-certs',
        'new/cacerts.pem',
        '--yes',
      ],
    ],
    [
      'Its runbook first: every command, for a change-control board',
      [
        'plan',
        '--rotate-certs',
        '--session',
        '20261130-085700-czpksrancher05',
        '--cert',
        'new/rancher.cer',
        '--key',
        'new/rancher.key',
        '--ca-certs',
        'new/cacerts.pem',
      ],
    ],
  ],
  import: [
    [
      'Check first: changes nothing in Rancher',
      ['import', '--inventory', 'clusters.yaml', '--check'],
    ],
    [
      'Without prompts, 20 at a time, the result as JSON for a script',
      ['import', '--inventory', 'clusters.yaml', '--yes', '--concurrency', '20', '--json'],
    ],
    ['Every PKS cluster named edge-*', ['import', '--from-pks', 'edge-*', '--yes']],
    ['After Ctrl-C, kill or a fix: each cluster continues from what Rancher says', ['resume']],
    [
      'Unregister two clusters (Rancher, and the agent on each)',
      ['import', '--remove', 'edge-001', 'edge-002'],
    ],
  ],
  'lab up': [
    [
      'A lab in the foreground until Ctrl-C; ./lab/env.sh points pks, helm and kubectl at it',
      ['lab', 'up', '--dir', './lab'],
    ],
    [
      'With --manual-dns: add the Rancher A record, as an operator would',
      ['lab', 'dns', 'add', '--dir', './lab', 'rancher.lab.test', '127.100.1.10'],
    ],
  ],
};

const exitCodes: [number, string][] = [
  [ExitCode.ok, 'done (preflight: nothing fails)'],
  [
    ExitCode.failed,
    'failed: a step or a preflight check failed, or warnings were not accepted; the session stays resumable',
  ],
  [
    ExitCode.badInput,
    'bad input: a flag, the answers file or an environment variable (one line names it and the fix)',
  ],
  [
    ExitCode.interrupted,
    'interrupted (Ctrl-C); answers and session are kept, the resume command is printed',
  ],
];

/** Only variables the tool really reads (config/, systems/, session/, shared/color.ts). */
const environment: [string, string][] = [
  [
    'RANCHER_PKS_TUI_HOME',
    'where sessions, transcripts and the wizard draft live (default: ~/.config/rancher-pks-tui-nodejs)',
  ],
  [
    'RANCHER_BOOTSTRAP_PASSWORD',
    'Rancher’s bootstrap password (never read from a file; empty: Rancher makes one)',
  ],
  [
    'TKGI_USER_PASSWORD',
    'the PKS password `get-credentials` needs on OIDC clusters (never stored)',
  ],
  [
    'PKS_USER_PASSWORD',
    'the same, by the name the PKS CLI reference gives (read if the other is unset)',
  ],
  ['KUBECONFIG', 'where `get-credentials` writes, and the cluster the tool talks to'],
  ['NODE_EXTRA_CA_CERTS', 'the PKS API’s CA, when the answers have no pks.caCert'],
  ['NO_COLOR', 'set, not empty: no colours (as --no-color)'],
  [
    'FORCE_COLOR',
    '0 or false: no colours; anything else: colours, even in a pipe or with NO_COLOR',
  ],
  ['RANCHER_PKS_TUI_DNS_SERVERS', 'IP[:PORT],… resolvers for the DNS checks, over dns.servers'],
  ['RANCHER_PKS_TUI_INGRESS_HTTPS_PORT', 'the port of the HTTPS checks (default 443)'],
  ['RANCHER_PKS_TUI_WAIT_SCALE', 'multiplies every wait’s timeout (0.1: ten times shorter)'],
  ['RANCHER_TOKEN', 'import: a Rancher API token (token-xxxxx:…); never stored'],
  [
    'RANCHER_PASSWORD',
    'import: the Rancher admin password for a short-lived token, when no RANCHER_TOKEN',
  ],
  ['RANCHER_PKS_TUI_LAB_RANGES', 'A-B: the 127.N ranges labs started from here may take'],
];

/** `label` then `text`, wrapped and aligned as commander lays out its options. */
function table(rows: [string, string][], command: Command): string[] {
  const help = command.createHelp();
  help.prepareContext({ helpWidth: command.configureOutput().getOutHelpWidth?.() });
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, text]) => help.formatItem(label, width, text, help));
}

function examples(list: Example[]): string[] {
  return list.flatMap(([what, args]) => [`  # ${what}`, `  $ ${commandLine(...args)}`]);
}

function rootHelp(command: Command): string {
  return [
    '',
    'Examples:',
    ...examples(rootExamples),
    '',
    'Exit codes:',
    ...table(
      exitCodes.map(([code, text]) => [String(code), text]),
      command,
    ),
    '',
    'Environment:',
    ...table(environment, command),
    '',
    `Each command has its own help: ${commandLine('install', '--help')}`,
  ].join('\n');
}

/** What a command says below its examples (import: exit codes, tokens, bundles). */
const commandNotes: Record<string, string[]> = {
  import: [
    'Rancher access: RANCHER_TOKEN (an API token), else a login as admin with RANCHER_PASSWORD',
    '(or asked in a terminal) that makes a short-lived token. Never stored: resume reads them again.',
    'Offline rows: a bundle folder per cluster next to the sessions (<install id>.bundles/NAME, 0700)',
    "holds import.yaml and command.txt (`kubectl apply -f import.yaml`). import.yaml is Rancher's",
    'registration manifest and carries its registration token: the one place a token is on disk. Hand',
    'it to the site privately; the import keeps watching until each turns Active.',
    'Exit codes: 0 every cluster Active; 1 any failed (the summary names each with its reason and fix),',
    'or offline bundles not applied before the wait ended (not a failure: apply them, then resume);',
    '2 bad input; 130 stopped (resume continues each cluster from what Rancher says).',
  ],
};

function commandHelp(list: Example[], notes: string[] = []): string {
  return [
    '',
    'Examples:',
    ...examples(list),
    ...(notes.length ? ['', ...notes] : []),
    '',
    `Exit codes and environment variables: ${commandLine('--help')}`,
  ].join('\n');
}

function pathOf(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Adds the examples, exit codes and environment to `--help`; built only when help is shown. */
export function addHelpTexts(root: Command): Command {
  root.addHelpText('after', ({ command }) => rootHelp(command));
  const visit = (command: Command) => {
    const list = commandExamples[pathOf(command)];
    if (list) command.addHelpText('after', () => commandHelp(list, commandNotes[pathOf(command)]));
    command.commands.forEach(visit);
  };
  root.commands.forEach(visit);
  return root;
}
