import { readLink, recipientLinkKey, verifyLink } from '@samflyt/workflows';
import type { HearingsRepository } from './hearings.repository';
import { sessionOf, type LinkRefusal, type RecipientSession } from './recipient-session';

/**
 * Personal answer links: a token names a hearing, a recipient and one of its contact persons, signed with the
 * hearing's own key. Checked on every request: signature, expiry, and that the contact is still a recipient's.
 */
export class RecipientLinkService {
  constructor(
    private readonly repo: HearingsRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async authenticate(token: string | undefined): Promise<RecipientSession | LinkRefusal> {
    if (!token) return 'missing';
    const claims = readLink(token);
    if (!claims) return 'malformed';
    const keys = await this.repo.recipientLinkKey(claims.hearingId, claims.organisationId);
    if (keys === null) return 'forged';
    // A re-issued link: those signed with an earlier key of the recipient fail the signature, like forged ones.
    const key = recipientLinkKey(keys.hearingKey, claims.organisationId, keys.generation);
    const check = verifyLink(key, token, this.now());
    return check.ok ? sessionOf(check, await this.repo.recipients(claims.hearingId)) : check.reason;
  }
}
