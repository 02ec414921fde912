import type { ResourceType } from './resources.js';

/** The `reason` values of a Kubernetes `Status`, with their HTTP codes. */
const codes = {
  BadRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  NotAcceptable: 406,
  AlreadyExists: 409,
  Conflict: 409,
  Gone: 410,
  Expired: 410,
  UnsupportedMediaType: 415,
  Invalid: 422,
  TooManyRequests: 429,
  InternalError: 500,
  ServiceUnavailable: 503,
  Timeout: 504,
} as const;

export type StatusReason = keyof typeof codes;

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: { reason?: string; message?: string; field?: string }[];
  retryAfterSeconds?: number;
}

/** schema.GroupKind.String(): `Kind.group`, or the kind alone in the core group. */
function groupKind(t: ResourceType): string {
  return t.group ? `${t.kind}.${t.group}` : t.kind;
}

/** An error the API server returns as a `Status` object, exactly as kube-apiserver words it. */
export class ApiError extends Error {
  readonly code: number;
  constructor(
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.code = codes[reason];
  }

  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

function qualified(t: ResourceType): string {
  return t.group ? `${t.resource}.${t.group}` : t.resource;
}

export const errors = {
  notFound: (t: ResourceType, name: string) =>
    new ApiError('NotFound', `${qualified(t)} "${name}" not found`, {
      name,
      group: t.group,
      kind: t.resource,
    }),
  alreadyExists: (t: ResourceType, name: string) =>
    new ApiError('AlreadyExists', `${qualified(t)} "${name}" already exists`, {
      name,
      group: t.group,
      kind: t.resource,
    }),
  conflict: (t: ResourceType, name: string) =>
    new ApiError(
      'Conflict',
      `Operation cannot be fulfilled on ${qualified(t)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      { name, group: t.group, kind: t.resource },
    ),
  // NewInvalid words the GroupKind: `Ingress.networking.k8s.io "x" is invalid: ...`.
  invalid: (t: ResourceType, name: string, field: string, message: string) =>
    new ApiError('Invalid', `${groupKind(t)} "${name}" is invalid: ${field}: ${message}`, {
      name,
      group: t.group,
      kind: t.kind,
      causes: [{ reason: 'FieldValueInvalid', message, field }],
    }),
  expired: (rv: string) => new ApiError('Expired', `too old resource version: ${rv}`),
  terminating: (t: ResourceType, name: string, namespace: string) =>
    new ApiError(
      'Forbidden',
      `${qualified(t)} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
      { name, group: t.group, kind: t.resource },
    ),
};
