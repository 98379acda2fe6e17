import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { hasRole } from '@samflyt/engine';
import type { AuthenticatedRequest } from './current-actor.decorator';
import { IS_PUBLIC } from './public.decorator';
import { MembershipRoles } from './membership-roles.service';
import { ANY_OF_ROLES } from './roles.decorator';
import { bearerToken } from './token.service';

/**
 * Global: every route needs a valid bearer token unless marked @Public(); @AnyOfRoles narrows it further.
 * The caller's roles are derived on the server (MembershipRoles), never taken from the token.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly memberships: MembershipRoles,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers.authorization;
    const token = bearerToken(header);
    if (!token) {
      throw new UnauthorizedException(
        header ? 'The Authorization header must be "Bearer <token>"' : 'A bearer token is required',
      );
    }
    const { actor, personId, login } = await this.memberships.authenticate(token);
    req.actor = actor;
    req.personId = personId;
    req.login = { issuer: login.issuer, subject: login.subject };
    const roles = this.reflector.getAllAndOverride<string[] | undefined>(ANY_OF_ROLES, targets);
    if (roles && !hasRole(req.actor, ...roles)) {
      throw new ForbiddenException(`This needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
