import { applyDecorators, HttpCode, HttpStatus, Post, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, type ApiResponseOptions } from '@nestjs/swagger';
import { AnyOfRoles } from '../auth/roles.decorator';
import { ApiProblems } from '../problems/api-problems.decorator';

export interface EventEndpointOptions {
  summary: string;
  description?: string;
  /** Who may call it at all; the workflow's own rules still decide per instance and state. */
  roles?: string[];
  /** The answer: the resource after the event. */
  response: Type<unknown> | [Type<unknown>];
  /** Response headers of the answer, e.g. its `ETag`. */
  headers?: ApiResponseOptions['headers'];
  /** Problem statuses besides 401, which the controller documents. */
  problems: number[];
}

/**
 * `POST <path>` that sends one event to a process and answers 200 with the resource after it: one decorator for what
 * every such endpoint declares (status, roles, summary, answer, problems).
 */
export function EventEndpoint(path: string, options: EventEndpointOptions): MethodDecorator {
  return applyDecorators(
    Post(path),
    HttpCode(HttpStatus.OK),
    ...(options.roles ? [AnyOfRoles(...options.roles)] : []),
    ApiOperation({ summary: options.summary, description: options.description }),
    ApiOkResponse({ type: options.response, headers: options.headers }),
    ApiProblems(...options.problems),
  );
}
