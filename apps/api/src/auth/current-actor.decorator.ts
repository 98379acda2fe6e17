import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '@samflyt/engine';
import type { Request } from 'express';

export type AuthenticatedRequest = Request & {
  actor?: Actor;
  /** persons.id of the caller (by token `sub` or `email`), null when the register does not know them. */
  personId?: string | null;
  /** The (issuer, subject) the caller's token names. */
  login?: { issuer: string; subject: string };
};

/** The authenticated caller, set by the global guard. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});

/** persons.id of the authenticated caller, or null when no person in the register has their login. */
export const CurrentPersonId = createParamDecorator((_: unknown, ctx: ExecutionContext): string | null => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!req.actor) throw new Error('CurrentPersonId used on a route without authentication');
  return req.personId ?? null;
});

/**
 * The caller as a person of the register: the actor with `id` = persons.id when the register knows their login
 * (ballots, scores and declarations are recorded per person), else the actor as the token names it.
 */
export const CurrentPerson = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!req.actor) throw new Error('CurrentPerson used on a route without authentication');
  return req.personId ? { ...req.actor, id: req.personId } : req.actor;
});

/** The (issuer, subject) of the authenticated caller's token (`samflyt-dev` is the issuer of development tokens). */
export const CurrentLogin = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): { issuer: string; subject: string } => {
    const login = ctx.switchToHttp().getRequest<AuthenticatedRequest>().login;
    if (!login) throw new Error('CurrentLogin used on a route without authentication');
    return login;
  },
);
