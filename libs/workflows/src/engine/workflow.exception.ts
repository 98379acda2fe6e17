export enum WorkflowErrorCode {
  UnknownWorkflow = 'unknown-workflow',
  InstanceNotFound = 'instance-not-found',
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

/** A domain error with a code the API maps to an HTTP status and an RFC 9457 problem document. */
export class WorkflowException extends Error {
  constructor(
    readonly code: WorkflowErrorCode,
    message: string,
    readonly details: {
      errors?: FieldError[];
      state?: string;
      allowedEvents?: string[];
      revision?: number;
      [key: string]: unknown;
    } = {},
  ) {
    super(message);
    this.name = 'WorkflowException';
  }
}

export const invalidInput = (errors: FieldError[]): WorkflowException =>
  new WorkflowException(WorkflowErrorCode.InvalidInput, errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
    errors,
  });

/** Maps a Postgres constraint violation raised by a projection to a domain error; other errors pass. */
export function constraintError(error: unknown): unknown {
  const pg = error as { code?: string; constraint?: string; detail?: string };
  if (pg?.code === '23505') {
    return new WorkflowException(
      WorkflowErrorCode.Conflict,
      `Already exists (${pg.constraint ?? 'unique constraint'})`,
      {
        constraint: pg.constraint,
      },
    );
  }
  if (pg?.code === '23503') {
    return new WorkflowException(
      WorkflowErrorCode.ReferenceNotFound,
      `A referenced record does not exist (${pg.constraint ?? 'foreign key'})`,
      { constraint: pg.constraint },
    );
  }
  return error;
}
