import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { ProblemDto } from './problem.dto';

export const problemDescriptions: Record<number, string> = {
  400: 'Bad request: malformed JSON, or a field or header is invalid (named in `errors`); nothing was written',
  401: 'Missing, invalid or expired bearer token',
  403: 'The token is valid but its holder may not do this',
  404: 'Not found: no such resource, or a malformed id (which finds nothing)',
  409: 'The event is not allowed in the current state (`state`, `allowedEvents`); nothing was written',
  412: 'If-Match names another revision than the current (`revision`); nothing was written',
  413:
    'The body is larger than 1 MB, or an uploaded file is larger than the limit of the endpoint or form field ' +
    '(the field in `errors`, the limit in bytes in `limit`); nothing was written',
  415: 'The JSON body is in a charset or content encoding other than UTF-8 / identity, gzip, deflate',
  422: 'A rule of the process is violated, or the Idempotency-Key was used for another request',
  429:
    'A rate limit of this endpoint was reached (requests a minute from one address); `Retry-After` says how many ' +
    'seconds to wait. Nothing was written',
  500: 'An unexpected error; it has been logged and nothing was written',
};

/** Documents problem+json responses for the given statuses (500 is added to every operation in openapi.ts). */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: problemDescriptions[status] ?? 'Error',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
