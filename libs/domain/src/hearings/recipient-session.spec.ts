import { recipientActor, sessionOf } from './recipient-session';
import type { RecipientRow } from './hearings.repository';

const claims = { hearingId: 'h', organisationId: 'o', contactId: 'c', expiresAt: 0 };
const recipient = (contactIds: string[]): RecipientRow => ({
  organisationId: 'o',
  name: 'Malvik kommune',
  kind: 'kommune',
  contacts: contactIds.map((id) => ({ id, name: 'Postmottak', email: 'post@malvik.test' })),
  deadline: null,
  extensionReason: null,
});

describe('a personal link', () => {
  it('belongs to a contact person who is still a recipient’s contact', () => {
    const session = sessionOf({ ok: true, claims }, [recipient(['c'])]);
    expect(session).toEqual({
      hearingId: 'h',
      organisationId: 'o',
      organisationName: 'Malvik kommune',
      contact: { id: 'c', name: 'Postmottak', email: 'post@malvik.test' },
    });
    expect(sessionOf({ ok: true, claims }, [recipient(['d'])])).toBe('revoked');
    expect(sessionOf({ ok: true, claims }, [])).toBe('revoked');
    expect(sessionOf({ ok: false, reason: 'expired' }, [recipient(['c'])])).toBe('expired');
  });

  it('acts as a recipient of its hearing, for its own organisation, through the hearings API', () => {
    const session = sessionOf({ ok: true, claims }, [recipient(['c'])]);
    expect(typeof session === 'object' && recipientActor(session)).toEqual({
      id: 'contact:c',
      name: 'Postmottak (Malvik kommune)',
      email: 'post@malvik.test',
      roles: ['hearing-recipient', 'hearing-recipient:h:o'],
      via: ['hearings-api'],
    });
  });
});
