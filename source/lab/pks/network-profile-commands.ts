import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSON_FLAG, jsonOut, ok, type CommandSpec, type Invocation } from './command.js';
import { NON_INTERACTIVE_FLAG, confirm } from './confirm.js';
import { PksCliError, apiError } from './errors.js';
import { parseNetworkProfile, type NetworkProfile } from './network-profiles.js';
import { details, table } from './output.js';

function profileNotFound(name: string): PksCliError {
  return apiError(404, `network profile ${name} not found`);
}

/** Creating and deleting profiles needs the `pks.clusters.admin` scope (FACTS). */
function requireAdmin(inv: Invocation): void {
  if (!inv.state.session?.clusterAdmin) {
    throw new PksCliError('You do not have enough privileges to perform this action');
  }
}

function readProfileFile(inv: Invocation, path: string): string {
  try {
    return readFileSync(resolve(inv.ctx.cwd, path), 'utf8');
  } catch {
    throw new PksCliError(`open ${path}: no such file or directory`);
  }
}

function profileDetails(profile: NetworkProfile): string {
  return details(
    [
      ['Name', profile.name],
      ['Description', profile.description],
      ['Parameters', JSON.stringify(profile.parameters)],
    ],
    14,
  );
}

export const networkProfilesCommand: CommandSpec = {
  name: 'network-profiles',
  summary: 'Show all network profiles created with TOOL',
  usage: '[flags]',
  args: 0,
  needsLogin: true,
  flags: [JSON_FLAG],
  run: async ({ state, flags }) => {
    const profiles = state.networkProfiles();
    if (flags.bool('json')) return ok(jsonOut(profiles));
    const rows = profiles.map((p) => [p.name, p.description]);
    return ok(`\n${table([['Name', 'Description'], ...rows])}\n\n`);
  },
};

export const networkProfileCommand: CommandSpec = {
  name: 'network-profile',
  summary: 'View a network profile',
  usage: '<profile-name> [flags]',
  args: 1,
  needsLogin: true,
  flags: [JSON_FLAG],
  run: async ({ state, flags, args }) => {
    const name = args[0] ?? '';
    const profile = state.networkProfile(name);
    if (!profile) throw profileNotFound(name);
    if (flags.bool('json')) return ok(jsonOut(profile));
    return ok(`\n${profileDetails(profile)}\n\n`);
  },
};

export const createNetworkProfileCommand: CommandSpec = {
  name: 'create-network-profile',
  summary: 'Create a network profile',
  usage: '<path-to-network-profile-file> [flags]',
  args: 1,
  needsLogin: true,
  flags: [],
  examples: ['TOOL_CMD create-network-profile ./lb-medium.json'],
  run: async (inv) => {
    requireAdmin(inv);
    const profile = parseNetworkProfile(readProfileFile(inv, inv.args[0] ?? ''));
    if (inv.state.networkProfile(profile.name)) {
      throw apiError(409, `Network profile ${profile.name} already exists`);
    }
    inv.state.addNetworkProfile(profile);
    return ok(`\nNetwork profile ${profile.name} successfully created\n\n`);
  },
};

export const deleteNetworkProfileCommand: CommandSpec = {
  name: 'delete-network-profile',
  summary: 'Delete a network profile',
  usage: '<profile-name> [flags]',
  args: 1,
  needsLogin: true,
  flags: [NON_INTERACTIVE_FLAG],
  run: async (inv) => {
    requireAdmin(inv);
    const name = inv.args[0] ?? '';
    if (!inv.state.networkProfile(name)) throw profileNotFound(name);
    const users = inv.state.clusterList().filter((c) => c.networkProfileName === name);
    if (users.length > 0) {
      const names = users.map((c) => c.name).join(', ');
      throw apiError(422, `Network profile ${name} is in use by cluster(s): ${names}`);
    }
    const answer = confirm(inv, `Are you sure you want to delete the network profile ${name}?`);
    if (!answer.confirmed) return ok(answer.prompt + '\n');
    inv.state.deleteNetworkProfile(name);
    return ok(`${answer.prompt}\nDeletion of ${name} completed\n\n`);
  },
};
