import type { Actor } from '@samflyt/engine';
import { recipientRole, type LinkCheck } from '@samflyt/workflows';
import { viaHearingsApi } from './hearing-access';
import type { RecipientRow } from './hearings.repository';

/** Who a personal link belongs to, once checked. */
export interface RecipientSession {
  hearingId: string;
  organisationId: string;
  organisationName: string;
  contact: { id: string; name: string; email: string };
}

export type LinkRefusal = 'missing' | 'malformed' | 'forged' | 'expired' | 'revoked';

/**
 * Whose a checked link is: its contact person must still be a contact of a recipient of the hearing (a contact
 * taken off the recipient list is refused, though its link's signature holds).
 */
export function sessionOf(check: LinkCheck, recipients: RecipientRow[]): RecipientSession | LinkRefusal {
  if (!check.ok) return check.reason;
  const { hearingId, organisationId, contactId } = check.claims;
  const recipient = recipients.find((r) => r.organisationId === organisationId);
  const contact = recipient?.contacts.find((p) => p.id === contactId);
  if (!recipient || !contact) return 'revoked';
  return { hearingId, organisationId, organisationName: recipient.name, contact };
}

/** The actor a personal link acts as: a recipient of this hearing, for its own organisation. */
export const recipientActor = (session: RecipientSession): Actor =>
  viaHearingsApi({
    id: `contact:${session.contact.id}`,
    name: `${session.contact.name} (${session.organisationName})`,
    email: session.contact.email,
    roles: ['hearing-recipient', recipientRole(session.hearingId, session.organisationId)],
  });
