export enum WorkflowErrorCode {
  UnknownWorkflow = 'unknown-workflow',
  InstanceNotFound = 'instance-not-found',
  InvalidInput = 'invalid-input',
  Forbidden = 'forbidden',
  EventNotAllowed = 'event-not-allowed',
  RuleViolated = 'rule-violated',
  RevisionMismatch = 'revision-mismatch',
  IdempotencyKeyReused = 'idempotency-key-reused',
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
  new WorkflowException(
    WorkflowErrorCode.InvalidInput,
    errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    { errors },
  );
