/**
 * What a rule says about the world: the shape preflight checks report (with an id) and the
 * stages act on (a failure stops the step with its remedy).
 */
export type VerdictStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface Verdict {
  status: VerdictStatus;
  message: string;
  /** What to do about it; empty when there is nothing to do. */
  remedy: string;
}

export const passes = (message: string): Verdict => ({ status: 'pass', message, remedy: '' });

export const warns = (message: string, remedy: string): Verdict => ({
  status: 'warn',
  message,
  remedy,
});

export const fails = (message: string, remedy: string): Verdict => ({
  status: 'fail',
  message,
  remedy,
});

export const skips = (because: string, remedy = ''): Verdict => ({
  status: 'skip',
  message: `not checked: ${because}`,
  remedy,
});
