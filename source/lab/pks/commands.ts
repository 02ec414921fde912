import {
  clusterCommand,
  clustersCommand,
  createClusterCommand,
  deleteClusterCommand,
} from './cluster-commands.js';
import type { CommandSpec } from './command.js';
import { getCredentialsCommand } from './credentials-command.js';
import { loginCommand, logoutCommand } from './login-commands.js';
import {
  createNetworkProfileCommand,
  deleteNetworkProfileCommand,
  networkProfileCommand,
  networkProfilesCommand,
} from './network-profile-commands.js';
import { plansCommand } from './plan-commands.js';

/** Every subcommand the fake CLI knows (cobra adds `help`). */
export const COMMANDS: readonly CommandSpec[] = [
  clusterCommand,
  clustersCommand,
  createClusterCommand,
  createNetworkProfileCommand,
  deleteClusterCommand,
  deleteNetworkProfileCommand,
  getCredentialsCommand,
  loginCommand,
  logoutCommand,
  networkProfileCommand,
  networkProfilesCommand,
  plansCommand,
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
