import { redactArgv } from '../session/redact.js';
import type { CliResult } from './context.js';
import type { CliCall } from './control-server.js';
import { runHelm } from './helm/run-helm.js';
import type { Lab } from './lab.js';
import { runPks } from './pks/run-pks.js';

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
    cwd: call.cwd,
  });
  return result;
}
