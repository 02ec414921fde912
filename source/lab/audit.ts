import { appendFileSync } from 'node:fs';

export type AuditEntry =
  | {
      kind: 'api';
      method: string;
      path: string;
      query?: string;
      status: number;
      /** Which simulated cluster served it. */
      cluster?: string;
      user?: string;
    }
  | { kind: 'cli'; tool: string; argv: string[]; status: number; mutating: boolean; cwd?: string }
  /** A token request to the PKS API's UAA (with --oidc); never the tokens themselves. */
  | { kind: 'oidc'; grant: string; client: string; status: number };

/** `DIR/audit.jsonl`: every mutating API request and every fake CLI invocation. */
export class Audit {
  constructor(private readonly file: string) {}

  record(entry: AuditEntry): void {
    const line = JSON.stringify({ time: new Date().toISOString(), ...entry });
    appendFileSync(this.file, line + '\n', { mode: 0o600 });
  }
}
