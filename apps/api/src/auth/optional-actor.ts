import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { Actor } from '@samflyt/engine';
import type { AuthenticatedRequest } from './current-actor.decorator';
import { MembershipRoles } from './membership-roles.service';
import { bearerToken } from './token.service';

/**
 * On a public route: a caller who sends a bearer token is authenticated as on any other route (an
 * invalid token is still a 401), so the secretariat sees drafts where the public sees published calls.
 */
@Injectable()
export class OptionalAuthGuard implements CanActivate {
  constructor(private readonly memberships: MembershipRoles) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(req.headers.authorization);
    if (!token) return true;
    const { actor, personId } = await this.memberships.authenticate(token);
    req.actor = actor;
    req.personId = personId;
    return true;
  }
}

/** The caller when authenticated, null for the public. */
export const OptionalActor = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Actor | null =>
    ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor ?? null,
);
