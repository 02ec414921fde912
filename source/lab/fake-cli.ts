import { redactArgv } from '../shared/redact.js';
import type { CliResult } from './context.js';
import type { CliCall } from './control-server.js';
import { runHelm } from './helm/run-helm.js';
import type { Lab } from './lab.js';
import { runPks } from './pks/run-pks.js';

const mutatingPks = /^(create-|delete-|update-|resize$|upgrade-|login$|logout$|get-credentials$)/;
const mutatingHelm = new Set([
  'install',
  'upgrade',
  'uninstall',
  'delete',
  'rollback',
  'init',
  'reset',
]);

/** Whether a call changes anything (PKS, the cluster, or local CLI state), for audit readers. */
export function isMutatingCall(tool: string, argv: string[]): boolean {
  const [first = '', second = ''] = argv.filter((a) => !a.startsWith('-'));
  if (tool === 'helm')
    return (
      mutatingHelm.has(first) ||
      (first === 'repo' && ['add', 'remove', 'rm', 'update', 'up'].includes(second))
    );
  return mutatingPks.test(first);
}

/** Runs a fake CLI call inside the lab and audits it (secrets redacted). */
export async function runFakeCli(lab: Lab, call: CliCall): Promise<CliResult> {
  const ctx = { cwd: call.cwd, env: call.env, stdin: call.stdin };
  let result: CliResult;
  try {
    if (call.tool === 'pks' || call.tool === 'tkgi') {
      result = await runPks(lab, lab.pks, call.tool, call.argv, ctx);
    } else if (call.tool === 'helm') {
      result = await runHelm(lab, call.argv, ctx);
    } else {
      result = { stdout: '', stderr: `${call.tool}: not a lab command\n`, exitCode: 127 };
    }
  } catch (e) {
    lab.log(`fake ${call.tool} crashed: ${(e as Error).stack ?? String(e)}`);
    result = { stdout: '', stderr: `Error: ${(e as Error).message}\n`, exitCode: 1 };
  }
  lab.audit.record({
    kind: 'cli',
    tool: call.tool,
    argv: redactArgv(call.argv),
    status: result.exitCode,
    mutating: isMutatingCall(call.tool, call.argv),
    cwd: call.cwd,
  });
  await answerLate(lab, call);
  return result;
}

/** The `slowCommands` fault: the call has taken effect; its answer waits. */
async function answerLate(lab: Lab, call: CliCall): Promise<void> {
  const words = [call.tool, ...call.argv.filter((a) => !a.startsWith('-'))];
  const slow = Object.entries(lab.faults.current.slowCommands ?? {}).find(([key]) => {
    const wanted = key.split(/\s+/).filter(Boolean);
    return wanted.length > 0 && wanted.every((word, i) => words[i] === word);
  });
  if (!slow || slow[1] <= 0) return;
  lab.log(`${slow[0]}: answering ${slow[1]} ms late (slowCommands)`);
  await new Promise((resolve) => setTimeout(resolve, slow[1]).unref());
}
