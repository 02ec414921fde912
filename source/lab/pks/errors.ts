/** A failure the fake CLI reports as `Error: ...` on stderr with exit code 1. */
export class PksCliError extends Error {
  constructor(
    message: string,
    /** Cobra prints the command's usage after flag and argument errors. */
    readonly showUsage = false,
  ) {
    super(message);
    this.name = 'PksCliError';
  }
}

/**
 * An error the PKS API answered; the real CLI prints Go's `<nil>` for the empty parts
 * (FACTS: `Error: Status: 500; ErrorMessage: <nil>; Description: ...; ResponseError: <nil>`).
 */
export function apiError(status: number, description: string): PksCliError {
  return new PksCliError(
    `Status: ${status}; ErrorMessage: <nil>; Description: ${description}; ResponseError: <nil>`,
  );
}

/**
 * What every command but login/logout/help says without a session: the wording the TKGI
 * troubleshooting docs show (pivotal-cf/docs-pks, "You are not currently authenticated").
 * Other versions may word it differently (unverified): detectors match broadly.
 */
export function notLoggedInError(_tool: string): PksCliError {
  return new PksCliError('You are not currently authenticated. Please log in to continue');
}

export function clusterNotFoundError(name: string): PksCliError {
  return new PksCliError(`cluster ${name} not found`);
}

/** The on-demand broker's answer while another operation runs on the instance. */
export function operationInProgressError(): PksCliError {
  return apiError(
    422,
    'An operation is in progress for your service instance. Please try again later.',
  );
}
