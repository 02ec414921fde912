import type { FlagSpec } from './argv.js';
import { productName, type CommandSpec, type PksTool } from './command.js';

const HELP_FLAG: FlagSpec = { long: 'help', short: 'h', kind: 'bool', usage: 'help for NAME' };

function withTool(text: string, tool: PksTool): string {
  // TOOL_CMD is the binary (`pks plans`); TOOL the product name (`Log in to PKS`).
  return text.replaceAll('TOOL_CMD', tool).replaceAll('TOOL', productName(tool));
}

/** pflag's flag listing: sorted by long name, usage aligned three spaces after the widest. */
export function flagUsages(flags: readonly FlagSpec[], helpFor: string): string {
  const all = [...flags, { ...HELP_FLAG, usage: `help for ${helpFor}` }].sort((a, b) =>
    a.long.localeCompare(b.long),
  );
  const left = all.map((f) => {
    const names = f.short ? `  -${f.short}, --${f.long}` : `      --${f.long}`;
    return f.kind === 'bool' ? names : `${names} ${f.kind}`;
  });
  const width = Math.max(...left.map((l) => l.length));
  return all.map((f, i) => `${(left[i] ?? '').padEnd(width)}   ${f.usage}`).join('\n');
}

export function commandUsage(spec: CommandSpec, tool: PksTool): string {
  const lines = ['Usage:', `  ${tool} ${spec.name} ${spec.usage}`, ''];
  if (spec.examples?.length) {
    lines.push('Examples:', ...spec.examples.map((e) => `  ${withTool(e, tool)}`), '');
  }
  lines.push('Flags:', withTool(flagUsages(spec.flags, spec.name), tool), '');
  return lines.join('\n');
}

export function commandHelp(spec: CommandSpec, tool: PksTool): string {
  return `${withTool(spec.summary, tool)}\n\n${commandUsage(spec, tool)}`;
}

function rootIntro(tool: PksTool): string {
  return tool === 'pks'
    ? 'The Pivotal Container Service (PKS) CLI is used to create, manage, and delete Kubernetes clusters. ' +
        'To deploy workloads to a Kubernetes cluster created using the PKS CLI, use the Kubernetes CLI, kubectl.'
    : 'The VMware Tanzu Kubernetes Grid Integrated Edition CLI is used to create, manage, and delete Kubernetes clusters. ' +
        'To deploy workloads to a Kubernetes cluster created using the TKGI CLI, use the Kubernetes CLI, kubectl.';
}

export function rootHelp(commands: readonly CommandSpec[], tool: PksTool, version: string): string {
  const entries = [
    ...commands.map((c) => [c.name, withTool(c.summary, tool)] as const),
    ['help', 'Help about any command'] as const,
  ].sort((a, b) => a[0].localeCompare(b[0]));
  const width = Math.max(...entries.map(([n]) => n.length)) + 1;
  return [
    rootIntro(tool),
    '',
    `Version: ${version}`,
    '',
    'Usage:',
    `  ${tool} [command]`,
    '',
    'Available Commands:',
    ...entries.map(([n, s]) => `  ${n.padEnd(width)}${s}`),
    '',
    'Flags:',
    `  -h, --help      help for ${tool}`,
    `      --version   version for ${tool}`,
    '',
    `Use "${tool} [command] --help" for more information about a command.`,
    '',
  ].join('\n');
}

/** Cobra's default version template. */
export function versionLine(tool: PksTool, version: string): string {
  return `${tool} version ${version}\n`;
}
