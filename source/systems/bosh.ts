import { z } from 'zod';
import type { CommandListener } from './command.js';
import { cliErrorLine } from './cli-error-line.js';
import { PermanentError, TransientError } from './errors.js';
import { findOnPath } from './on-path.js';
import { runCommand, type StopSignals } from './run-command.js';
import type { Env } from '../shared/env.js';

export interface BoshVm {
  /** `master/4f1c...` or `worker/9a2b...`. */
  instance: string;
  vmCid: string;
  ips: string[];
  az: string;
  processState: string;
}

export interface BoshOptions extends StopSignals {
  binary?: string;
  listener?: CommandListener;
  env?: Env;
}

const VMS_TIMEOUT_MS = 120_000;

/**
 * `bosh --json` prints its UI as `{Tables: [{Content, Header, Rows, Notes}], Blocks, Lines}`;
 * row keys are the headers lower-cased with `_` (`Process State` → `process_state`).
 */
const boshJson = z.looseObject({
  Tables: z
    .array(z.looseObject({ Rows: z.array(z.record(z.string(), z.unknown())).nullable().catch([]) }))
    .nullable()
    .catch([]),
  Lines: z.array(z.string()).nullable().catch([]),
});

/** The BOSH deployment PKS made for a cluster. */
export function deploymentFor(uuid: string): string {
  return `service-instance_${uuid}`;
}

function cell(row: Record<string, unknown>, key: string): string {
  const v = row[key];
  return typeof v === 'string' ? v.trim() : '';
}

function toVm(row: Record<string, unknown>): BoshVm {
  return {
    instance: cell(row, 'instance'),
    vmCid: cell(row, 'vm_cid'),
    // A VM with several addresses lists them one per line in the cell.
    ips: cell(row, 'ips')
      .split(/[\s,]+/)
      .filter(Boolean),
    az: cell(row, 'az'),
    processState: cell(row, 'process_state'),
  };
}

/** The BOSH CLI (optional): lists a cluster's VMs for the DRS anti-affinity rules. */
export class Bosh {
  readonly binary: string;
  private readonly listener: CommandListener | undefined;
  private readonly env: Env | undefined;
  private readonly stop: StopSignals;

  constructor(options: BoshOptions = {}) {
    this.binary = options.binary ?? 'bosh';
    this.listener = options.listener;
    this.env = options.env;
    this.stop = { signal: options.signal, killSignal: options.killSignal };
  }

  static deploymentFor = deploymentFor;

  async available(): Promise<boolean> {
    return findOnPath(this.binary, this.env ?? process.env) !== undefined;
  }

  async vms(deployment: string): Promise<BoshVm[]> {
    const args = ['-d', deployment, 'vms', '--json'];
    const result = await runCommand([this.binary, ...args], {
      timeoutMs: VMS_TIMEOUT_MS,
      ...this.stop,
      ...(this.env ? { env: this.env } : {}),
      ...(this.listener ? { listener: this.listener } : {}),
      missingRemedy:
        'install the BOSH CLI v2+ and target the PKS BOSH director (BOSH_ENVIRONMENT, BOSH_CLIENT, BOSH_CLIENT_SECRET, BOSH_CA_CERT)',
    });
    const parsed = boshJson.safeParse(safeJson(result.stdout));
    if (result.exitCode !== 0)
      throw boshFailure(args, result, parsed.success ? (parsed.data.Lines ?? []) : []);
    if (!parsed.success) {
      throw new PermanentError(
        'could not read `bosh vms --json`',
        'check that the BOSH CLI is v2 or later',
      );
    }
    const rows = parsed.data.Tables?.[0]?.Rows ?? [];
    return rows.map(toVm);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** bosh puts its error in the JSON `Lines` (`Exit code 1` last); else in stderr. */
function boshFailure(args: string[], output: { stdout: string; stderr: string }, lines: string[]) {
  const message =
    lines
      .filter((l) => !/^Exit code \d+/.test(l) && !/^Using environment/.test(l))
      .join(' ')
      .trim() || cliErrorLine(output.stderr, output.stdout);
  if (
    /dial tcp|connection refused|i\/o timeout|no such host|TLS handshake timeout/i.test(message)
  ) {
    return new TransientError(`bosh ${args.join(' ')}: ${message}`);
  }
  return new PermanentError(
    `bosh ${args.join(' ')}: ${message}`,
    'target the PKS BOSH director (BOSH_ENVIRONMENT, BOSH_CLIENT, BOSH_CLIENT_SECRET, BOSH_CA_CERT) and check the deployment name with `bosh deployments`',
  );
}
