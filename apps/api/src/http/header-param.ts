import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';

/**
 * A request header as a handler parameter: read and checked by `read` (which throws the 400 for a malformed value)
 * and documented on the operation, so the header's rule and its documentation are one declaration.
 */
export function HeaderParam<T>(
  header: { name: string; required: boolean; description: string },
  read: (value: string | undefined) => T,
): ParameterDecorator {
  const document: ParameterDecorator = (target, key) => {
    if (key === undefined) return;
    ApiHeader(header)(target, key, Object.getOwnPropertyDescriptor(target, key)!);
  };
  return createParamDecorator(
    (_: unknown, ctx: ExecutionContext): T => read(ctx.switchToHttp().getRequest<Request>().header(header.name)),
    [document],
  )();
}
