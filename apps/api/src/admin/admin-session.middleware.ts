import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { hasRole } from '@samflyt/engine';
import type { NextFunction, Request, Response } from 'express';
import { MembershipRoles } from '../auth/membership-roles.service';
import { bearerToken } from '../auth/token.service';
import { instanceOf, sendProblem } from '../problems/problem';
import { toProblem } from '../problems/problem-mapping';

/**
 * Guards a browser page (the queue board) for the admin role: `Authorization: Bearer` only. A browser reaches it
 * through the web server (`/admin/queues` there), which adds the token of the admin's session; a token is never
 * taken from the address or a cookie, so none ends up in a URL, a history or a log line.
 */
export function adminSession(logins: MembershipRoles) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const token = bearerToken(req.headers.authorization);
      if (!token)
        throw new UnauthorizedException('Sign in as admin in the web application and open /admin/queues there');
      const { actor } = await logins.authenticate(token);
      if (!hasRole(actor, 'admin')) throw new ForbiddenException('The queue board needs the role admin');
      next();
    } catch (error) {
      const { problem, headers } = toProblem(error);
      sendProblem(res, { ...problem, instance: instanceOf(req.originalUrl) }, headers);
    }
  };
}
