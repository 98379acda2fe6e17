/**
 * The one error vocabulary of samflyt. Every lib throws a `DomainError` with a code; the API maps each code to an
 * HTTP status and an RFC 9457 problem document in one exhaustive switch (apps/api/src/problems/problem-mapping.ts).
 */
export enum ErrorCode {
  /** A resource of a feature (a hearing, a round, an organisation, a committee …) does not exist, or is not yours. */
  NotFound = 'not-found',
  /** The generic instances API (`/instances/{id}`): no workflow instance with that id. */
  InstanceNotFound = 'instance-not-found',
  UnknownWorkflow = 'unknown-workflow',
  InvalidInput = 'invalid-input',
  Forbidden = 'forbidden',
  EventNotAllowed = 'event-not-allowed',
  RuleViolated = 'rule-violated',
  RevisionMismatch = 'revision-mismatch',
  IdempotencyKeyReused = 'idempotency-key-reused',
  /** A unique constraint said no: the thing exists already (a second ballot, a taken number). */
  Conflict = 'conflict',
  /** A referenced row does not exist (a foreign key said no). */
  ReferenceNotFound = 'reference-not-found',
}

export interface FieldError {
  /** Dotted path of the offending field, e.g. `input.dueAt` or `type`. */
  field: string;
  message: string;
}

export interface ErrorDetails {
  errors?: FieldError[];
  state?: string;
  allowedEvents?: string[];
  revision?: number;
  [key: string]: unknown;
}

/** A domain error with a code the API maps to an HTTP status and an RFC 9457 problem document. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** 404: `what` names the thing looked for, e.g. `notFound('hearing', id)` → `No hearing with id "…"`. */
export const notFound = (what: string, id?: string): DomainError =>
  new DomainError(ErrorCode.NotFound, id === undefined ? `No ${what}` : `No ${what} with id "${id}"`);

/** 403 with the reason. */
export const forbidden = (message: string): DomainError => new DomainError(ErrorCode.Forbidden, message);

/** 422: the request is well-formed but a rule of the process says no; `state` when a state is the reason. */
export const ruleViolated = (message: string, details: ErrorDetails = {}): DomainError =>
  new DomainError(ErrorCode.RuleViolated, message, details);

/** 409: the process is not where this can happen now (its state, or its deadline has passed); `state` says where. */
export const eventNotAllowed = (message: string, details: ErrorDetails = {}): DomainError =>
  new DomainError(ErrorCode.EventNotAllowed, message, details);

/** 409: the thing exists already, or the request conflicts with what is there. */
export const conflict = (message: string, details: ErrorDetails = {}): DomainError =>
  new DomainError(ErrorCode.Conflict, message, details);

/** 400 naming each field. */
export const invalidInput = (errors: FieldError[]): DomainError =>
  new DomainError(ErrorCode.InvalidInput, errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });

/** Maps a Postgres constraint violation to a domain error; other errors pass. */
export function constraintError(error: unknown): unknown {
  const pg = error as { code?: string; constraint?: string; detail?: string };
  if (pg?.code === '23505') {
    return conflict(`Already exists (${pg.constraint ?? 'unique constraint'})`, { constraint: pg.constraint });
  }
  if (pg?.code === '23503') {
    return new DomainError(
      ErrorCode.ReferenceNotFound,
      `A referenced record does not exist (${pg.constraint ?? 'foreign key'})`,
      { constraint: pg.constraint },
    );
  }
  return error;
}
