import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '@samflyt/workflows';
import type { Request } from 'express';

export type AuthenticatedRequest = Request & { actor?: Actor };

/** The authenticated caller, set by the global guard. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});
