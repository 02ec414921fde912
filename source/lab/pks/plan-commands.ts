import { JSON_FLAG, jsonOut, ok, type CommandSpec } from './command.js';
import { table } from './output.js';
import { planJson } from './plans.js';

export const plansCommand: CommandSpec = {
  name: 'plans',
  summary: 'View the preconfigured plans available',
  usage: '[flags]',
  args: 0,
  needsLogin: true,
  flags: [JSON_FLAG],
  examples: ['TOOL_CMD plans --json'],
  run: async ({ state, flags }) => {
    if (flags.bool('json')) return ok(jsonOut(state.plans.map(planJson)));
    const rows = state.plans.map((p) => [p.name, p.id, p.description]);
    return ok(`\n${table([['Name', 'ID', 'Description'], ...rows])}\n\n`);
  },
};
