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
 * An error the PKS API answered; the real CLI prints these in this shape
 * (`Error: Status: 500; ErrorMessage: ; Description: ...; ResponseError: `).
 */
export function apiError(status: number, description: string): PksCliError {
  return new PksCliError(
    `Status: ${status}; ErrorMessage: ; Description: ${description}; ResponseError: `,
  );
}

/**
 * What every command but login/logout/help says without a session.
 * The exact wording of the real CLI could not be confirmed; detectors should match
 * "not currently logged in" (and, to be safe, "not currently authenticated").
 */
export function notLoggedInError(tool: string): PksCliError {
  return new PksCliError(
    `You are not currently logged in. Please log in with '${tool} login' and try again.`,
  );
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
