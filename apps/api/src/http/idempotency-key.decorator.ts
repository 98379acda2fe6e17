import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import { parseIdempotencyKey } from './request-headers';

/**
 * The `Idempotency-Key` header, checked (1–200 printable ASCII characters; 400 otherwise) and documented on the
 * operation. Optional unless `{ required: true }`: a retry with the same key gets the first answer and changes nothing.
 */
export const IdempotencyKey = (options: { required?: boolean } = {}): ParameterDecorator => {
  const required = options.required ?? false;
  const document: ParameterDecorator = (target, key) => {
    if (key === undefined) return;
    ApiHeader({
      name: 'Idempotency-Key',
      required,
      description: required
        ? 'A unique key per request (e.g. a UUID); a retry with the same key gets the first answer'
        : 'A retry with the same key gets the first answer and changes nothing',
    })(target, key, Object.getOwnPropertyDescriptor(target, key)!);
  };
  return createParamDecorator(
    (_: unknown, ctx: ExecutionContext): string | undefined =>
      parseIdempotencyKey(ctx.switchToHttp().getRequest<Request>().header('idempotency-key'), required),
    [document],
  )();
};
