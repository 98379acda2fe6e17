import { CanActivate, createParamDecorator, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { RecipientLinkService, type LinkRefusal, type RecipientSession } from '@samflyt/domain';
import type { Request } from 'express';

/** The header a recipient's personal link token travels in (the web app reads it from `#token=` of the link). */
export const HEARING_TOKEN_HEADER = 'x-hearing-token';

type RecipientRequest = Request & { recipient?: RecipientSession };

const refusals: Record<LinkRefusal, string> = {
  missing: 'A personal hearing link token is required in the X-Hearing-Token header',
  malformed: 'The hearing link token is malformed',
  forged: 'The hearing link token is not valid',
  expired: 'The hearing link has expired; ask the secretariat for a new one',
  revoked: 'The hearing link belongs to a contact person who is no longer a recipient; ask the secretariat',
};

/**
 * A recipient's personal link: checked on every request (signature, expiry, still a contact of a
 * recipient). The routes it guards are @Public() for the staff JWT guard; the link is not a login
 * and gives only its own organisation's view of its own hearing.
 */
@Injectable()
export class RecipientLinkGuard implements CanActivate {
  constructor(private readonly links: RecipientLinkService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<RecipientRequest>();
    const header = req.headers[HEARING_TOKEN_HEADER];
    const result = await this.links.authenticate(typeof header === 'string' ? header.trim() : undefined);
    if (typeof result === 'string') throw new UnauthorizedException(refusals[result]);
    req.recipient = result;
    return true;
  }
}

export const CurrentRecipient = createParamDecorator((_: unknown, ctx: ExecutionContext): RecipientSession => {
  const recipient = ctx.switchToHttp().getRequest<RecipientRequest>().recipient;
  if (!recipient) throw new Error('CurrentRecipient used on a route without RecipientLinkGuard');
  return recipient;
});
