/** The result of one external command, as systems modules report it to the transcript. */
export interface CommandRecord {
  argv: string[];
  exitCode: number;
  durationMs: number;
  stdoutTail?: string;
  stderrTail?: string;
}

/** Where systems report what they ran (the transcript and the UI's command panel listen). */
export interface CommandListener {
  started?(argv: string[]): void;
  output?(argv: string[], chunk: string): void;
  finished(record: CommandRecord): void;
}
