import { UnauthorizedException } from '@nestjs/common';
import { JsonWebTokenError, TokenExpiredError } from 'jsonwebtoken';
import type { z } from 'zod';

/** A verification failure as the 401 the caller gets; `otherwise` words an error that is not jsonwebtoken's. */
export function tokenRejected(error: unknown, otherwise: (error: unknown) => Error = (e) => e as Error): Error {
  if (error instanceof TokenExpiredError) return new UnauthorizedException('The bearer token has expired');
  if (error instanceof JsonWebTokenError)
    return new UnauthorizedException(`The bearer token is invalid: ${error.message}`);
  return otherwise(error);
}

/** The verified payload's claims as `schema` wants them, or a 401 naming the claims that are missing or malformed. */
export function claimsOf<T>(schema: z.ZodType<T>, payload: unknown): T {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(payload)'))].join(', ');
  throw new UnauthorizedException(`The bearer token lacks valid claims: ${fields}`);
}
