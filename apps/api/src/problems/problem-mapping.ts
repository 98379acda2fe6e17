import { HttpException, HttpStatus } from '@nestjs/common';
import { AttachmentQuotaError, FileTooLargeError, formatBytes, UnsupportedFileTypeError } from '@samflyt/domain';
import { ErrorCode, DomainError } from '@samflyt/engine';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable';
import { BEARER_CHALLENGE, problemType, statusTitle, type Problem } from './problem';
import { TooManyRequestsError } from './too-many-requests';

export interface MappedProblem {
  /** Without `instance`: the caller adds the request path. */
  problem: Problem;
  headers: Record<string, string>;
  /** Unexpected: log it with its stack. */
  unexpected: boolean;
}

function assertUnreachable(value: never): never {
  throw new Error(`Unhandled error code ${String(value)}`);
}

interface CodeInfo {
  status: number;
  title: string;
  /** Which members of the exception's details are part of the problem. */
  extensions: string[];
}

export function errorCodeInfo(code: ErrorCode): CodeInfo {
  switch (code) {
    case ErrorCode.NotFound:
      return { status: 404, title: 'Not found', extensions: [] };
    case ErrorCode.UnknownWorkflow:
      return { status: 404, title: 'Unknown workflow', extensions: ['known'] };
    case ErrorCode.InstanceNotFound:
      return { status: 404, title: 'Instance not found', extensions: [] };
    case ErrorCode.InvalidInput:
      return { status: 400, title: 'Invalid input', extensions: ['errors'] };
    case ErrorCode.Forbidden:
      return { status: 403, title: 'Forbidden', extensions: [] };
    case ErrorCode.EventNotAllowed:
      return { status: 409, title: 'Event not allowed in this state', extensions: ['state', 'allowedEvents'] };
    case ErrorCode.RuleViolated:
      return { status: 422, title: 'Rule violated', extensions: ['state'] };
    case ErrorCode.RevisionMismatch:
      return { status: 412, title: 'Revision mismatch', extensions: ['revision'] };
    case ErrorCode.IdempotencyKeyReused:
      return { status: 422, title: 'Idempotency-Key reused', extensions: [] };
    case ErrorCode.Conflict:
      return { status: 409, title: 'Conflict', extensions: ['constraint'] };
    case ErrorCode.ReferenceNotFound:
      return { status: 422, title: 'Referenced record not found', extensions: ['constraint'] };
    default:
      return assertUnreachable(code);
  }
}

function fromDomain(error: DomainError): MappedProblem {
  const info = errorCodeInfo(error.code);
  const extensions = Object.fromEntries(
    info.extensions.filter((k) => error.details[k] !== undefined).map((k) => [k, error.details[k]]),
  );
  const headers: Record<string, string> = {};
  if (error.code === ErrorCode.RevisionMismatch && typeof error.details.revision === 'number') {
    headers.ETag = `"${error.details.revision}"`;
  }
  return {
    problem: {
      type: problemType(error.code),
      title: info.title,
      status: info.status,
      detail: error.message,
      ...extensions,
    },
    headers,
    unexpected: false,
  };
}

/** Nest's own exceptions carry a string or `{ message: string | string[] }`. */
function httpDetail(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : error.message;
}

const httpSlugs: Partial<Record<number, string>> = {
  [HttpStatus.UNAUTHORIZED]: 'unauthorized',
  [HttpStatus.FORBIDDEN]: 'forbidden',
  [HttpStatus.NOT_FOUND]: 'not-found',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'payload-too-large',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'unsupported-media-type',
  [HttpStatus.TOO_MANY_REQUESTS]: 'too-many-requests',
};

function fromHttp(error: HttpException): MappedProblem {
  const status = error.getStatus();
  const slug = httpSlugs[status];
  const detail = status >= 500 ? 'The server could not complete the request' : httpDetail(error);
  const headers: Record<string, string> = status === 401 ? { 'WWW-Authenticate': BEARER_CHALLENGE } : {};
  // An unknown route is the same condition as an unknown resource: one type, one title.
  const title = status === 404 ? errorCodeInfo(ErrorCode.NotFound).title : statusTitle(status);
  return {
    problem: { type: slug ? problemType(slug) : 'about:blank', title, status, detail },
    headers,
    unexpected: status >= 500,
  };
}

/**
 * Errors thrown by Express middleware (body-parser, raw-body) are `http-errors`: a 4xx `status`,
 * `expose: true` and a `type` such as `entity.parse.failed` or `entity.too.large`.
 */
interface MiddlewareHttpError {
  status: number;
  expose: boolean;
  type?: string;
  message: string;
}

function isMiddlewareHttpError(error: unknown): error is MiddlewareHttpError {
  const e = error as Partial<MiddlewareHttpError> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    e.expose === true &&
    typeof e.status === 'number' &&
    e.status >= 400 &&
    e.status < 500
  );
}

function fromMiddleware(error: MiddlewareHttpError): MappedProblem {
  switch (error.type) {
    case 'entity.parse.failed':
      return clientProblem(400, 'malformed-json', 'Malformed JSON', `The body is malformed JSON: ${error.message}`);
    case 'entity.too.large':
      return clientProblem(413, 'payload-too-large', 'Payload Too Large', 'The body is larger than the limit of 1 MB');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return clientProblem(415, 'unsupported-media-type', 'Unsupported Media Type', error.message);
    default:
      return clientProblem(error.status, undefined, statusTitle(error.status), error.message);
  }
}

/** An upload over the limit of its endpoint or form field: 413 naming the field and the limit. */
function fromTooLarge(error: FileTooLargeError): MappedProblem {
  return {
    problem: {
      type: problemType('payload-too-large'),
      title: 'Payload Too Large',
      status: 413,
      detail: `${error.message}; nothing was written`,
      errors: [{ field: error.field, message: `must be at most ${formatBytes(error.limit)} (${error.limit} bytes)` }],
      limit: error.limit,
    },
    headers: {},
    unexpected: false,
  };
}

/** A rate limit reached: 429 with the seconds to wait in `Retry-After`. */
function fromTooMany(error: TooManyRequestsError): MappedProblem {
  return {
    problem: {
      type: problemType('too-many-requests'),
      title: 'Too Many Requests',
      status: 429,
      detail: `${error.message}; nothing was written`,
    },
    headers: { 'Retry-After': String(error.retryAfter) },
    unexpected: false,
  };
}

/** A file whose content is no type samflyt takes: 415 naming the field. */
function fromFileType(error: UnsupportedFileTypeError): MappedProblem {
  return {
    problem: {
      type: problemType('unsupported-media-type'),
      title: 'Unsupported Media Type',
      status: 415,
      detail: `${error.message}; nothing was written`,
      errors: [{ field: error.field, message: 'its content is not a type taken here' }],
    },
    headers: {},
    unexpected: false,
  };
}

/** One file too many, or too many bytes, for a hearing answer or a grant application: 413 naming the rule. */
function fromQuota(error: AttachmentQuotaError): MappedProblem {
  return {
    problem: {
      type: problemType('attachment-quota'),
      title: 'Payload Too Large',
      status: 413,
      detail: `${error.message}; nothing was written`,
      errors: [{ field: 'file', message: error.message }],
      rule: `attachments.${error.rule}`,
      limit: error.limit,
    },
    headers: {},
    unexpected: false,
  };
}

function clientProblem(status: number, slug: string | undefined, title: string, detail: string): MappedProblem {
  return {
    problem: { type: slug ? problemType(slug) : 'about:blank', title, status, detail },
    headers: {},
    unexpected: false,
  };
}

/**
 * The database is away (restarting, failed over, out of connections): 503 with `Retry-After`, so clients wait and
 * retry; the transaction did not commit, or, if the connection broke during COMMIT, a retry with the same
 * Idempotency-Key finds the answer recorded. Not logged with a stack: the health check and the pool say it already.
 */
function databaseUnavailable(): MappedProblem {
  return {
    problem: {
      type: problemType('service-unavailable'),
      title: 'Service Unavailable',
      status: 503,
      detail: `The database cannot be reached just now; try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds (with the same Idempotency-Key)`,
    },
    headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
    unexpected: false,
  };
}

/** Maps anything thrown while handling a request to a problem. Unknown errors are 500, never 400. */
export function toProblem(error: unknown): MappedProblem {
  if (error instanceof DomainError) return fromDomain(error);
  if (error instanceof FileTooLargeError) return fromTooLarge(error);
  if (error instanceof TooManyRequestsError) return fromTooMany(error);
  if (error instanceof UnsupportedFileTypeError) return fromFileType(error);
  if (error instanceof AttachmentQuotaError) return fromQuota(error);
  if (error instanceof HttpException) return fromHttp(error);
  if (isMiddlewareHttpError(error)) return fromMiddleware(error);
  if (isDatabaseUnavailable(error)) return databaseUnavailable();
  return {
    problem: {
      type: problemType('internal-error'),
      title: 'Internal Server Error',
      status: 500,
      detail: 'The server could not complete the request; it has been logged',
    },
    headers: {},
    unexpected: true,
  };
}
