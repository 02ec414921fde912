/** The exit codes every command keeps to (README documents them). */
export const ExitCode = {
  ok: 0,
  failed: 1,
  badInput: 2,
  interrupted: 130,
} as const;

/** Bad input: one line naming the field and the fix; exits 2, never with a stack trace. */
export class UsageError extends Error {}
