import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { hasRole } from '@samflyt/engine';
import type { NextFunction, Request, Response } from 'express';
import { MembershipRoles } from '../auth/membership-roles.service';
import { bearerToken } from '../auth/token.service';
import { instanceOf, sendProblem } from '../problems/problem';
import { toProblem } from '../problems/problem-mapping';

export const ADMIN_COOKIE = 'samflyt_token';

/**
 * Guards a browser page (the queue board) for the admin role. A browser cannot send a bearer
 * header, so `?token=<jwt>` is exchanged once for an HttpOnly cookie scoped to the page and the
 * token is taken out of the address; API clients may send `Authorization: Bearer` as usual.
 */
export function adminSession(logins: MembershipRoles, basePath: string) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const fromQuery = typeof req.query.token === 'string' ? req.query.token : undefined;
      const token = fromQuery ?? bearerToken(req.headers.authorization) ?? cookie(req, ADMIN_COOKIE);
      if (!token) throw new UnauthorizedException('Sign in as admin: open this page with ?token=<jwt>');
      const { actor, expiresAt } = await logins.authenticate(token);
      if (!hasRole(actor, 'admin')) throw new ForbiddenException('The queue board needs the role admin');
      if (fromQuery !== undefined) {
        res.setHeader('Set-Cookie', sessionCookie(token, basePath, expiresAt, req.secure));
        res.redirect(303, withoutToken(req.originalUrl));
        return;
      }
      next();
    } catch (error) {
      const { problem, headers } = toProblem(error);
      sendProblem(res, { ...problem, instance: instanceOf(req.originalUrl) }, headers);
    }
  };
}

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function sessionCookie(token: string, path: string, expiresAt: number | undefined, secure: boolean): string {
  const maxAge = expiresAt ? Math.max(0, expiresAt - Math.floor(Date.now() / 1000)) : undefined;
  return [
    `${ADMIN_COOKIE}=${encodeURIComponent(token)}`,
    `Path=${path}`,
    'HttpOnly',
    'SameSite=Strict',
    maxAge !== undefined ? `Max-Age=${maxAge}` : null,
    secure ? 'Secure' : null,
  ]
    .filter(Boolean)
    .join('; ');
}

function withoutToken(originalUrl: string): string {
  const url = new URL(originalUrl, 'http://localhost');
  url.searchParams.delete('token');
  return url.pathname + url.search;
}
