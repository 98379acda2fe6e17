import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { conflict, notFound, type Actor, type Dispatcher, type Queryable, type Transactional } from '@samflyt/engine';
import { normalIssuer, PersonIdentitiesRepository, type PersonIdentityView } from './person-identities.repository';
import { PersonInvitationsRepository, type PersonIdentityEventType } from './person-invitations.repository';

/** How long an invitation link works unless INVITATION_TTL_DAYS says otherwise. */
export const DEFAULT_INVITATION_TTL_DAYS = 7;

export interface InvitationSettings {
  /** The web app (`PUBLIC_WEB_URL`): the link is `<web>/invitasjon#<token>`, the token in the fragment. */
  web: string;
  ttlDays: number;
}

export interface InvitationView {
  id: string;
  personId: string;
  email: string;
  createdAt: string;
  expiresAt: string;
}

export interface PersonIdentitiesView {
  identities: PersonIdentityView[];
  /** The invitation that can still be accepted, if any (at most one: inviting again revokes the earlier). */
  openInvitation: Omit<InvitationView, 'personId' | 'email'> | null;
}

export interface AcceptedInvitation {
  personId: string;
  name: string;
  issuer: string;
  subject: string;
}

/** The login that accepts an invitation: the (issuer, subject) its token names. */
export interface InvitationLogin {
  issuer: string;
  subject: string;
}

const hashOf = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** The same answer for an unknown, used, revoked or expired token: it tells a guesser nothing. */
const noInvitation = () => notFound('open invitation with this token (it may be used, revoked or expired)');

const osloDate = (d: Date): string =>
  d.toLocaleString('nb-NO', { timeZone: 'Europe/Oslo', dateStyle: 'long', timeStyle: 'short' });

/**
 * Linking logins to persons by invitation: the secretariat invites a person (a single-use link by e-mail, expiring),
 * and the first login through the link binds its (issuer, subject) to the person. Inviting again revokes the open
 * invitation; identities can be unlinked. Every invitation sent, link and unlink is written to
 * person_identity_events in the same transaction.
 */
export class PersonInvitationService {
  constructor(
    private readonly db: Transactional,
    private readonly dispatcher: Dispatcher,
    private readonly settings: InvitationSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Creates an invitation and queues its e-mail; an earlier open invitation of the person stops working. */
  async invite(personId: string, actor: Actor): Promise<InvitationView> {
    const token = randomBytes(32).toString('base64url');
    const id = randomUUID();
    const messageId = randomUUID();
    const createdAt = this.now();
    const expiresAt = new Date(createdAt.getTime() + this.settings.ttlDays * 86_400_000);
    const view = await this.db.transaction(async (tx) => {
      const repo = new PersonInvitationsRepository(tx);
      const person = await repo.lockPerson(personId);
      if (!person) throw notFound('person', personId);
      await repo.revokeOpen(personId, createdAt);
      await repo.insert({
        id,
        personId,
        tokenHash: hashOf(token),
        email: person.email,
        createdBy: actor.id,
        createdAt,
        expiresAt,
      });
      await repo.queueMail({
        id: messageId,
        idempotencyKey: `person-invitation:${id}`,
        recipient: person.email,
        recipientName: person.name,
        subject: 'Invitasjon til innlogging i samflyt',
        body: invitationText(person.name, `${this.settings.web}/invitasjon#${token}`, expiresAt),
      });
      await this.journal(repo, personId, 'invitation.sent', actor, { invitationId: id });
      return {
        id,
        personId,
        email: person.email,
        createdAt: createdAt.toISOString(),
        expiresAt: expiresAt.toISOString(),
      };
    });
    // After commit; when Redis is away the worker's reconciler enqueues the pending message.
    await this.dispatcher.dispatch({ timers: [], messages: [messageId] }).catch(() => undefined);
    return view;
  }

  /**
   * Binds the login to the invited person and uses the invitation up. An unknown, used, revoked or expired token is
   * 404; a login already linked to another person is 409 (the invitation stays open). Nothing is written on error.
   */
  async accept(token: string, login: InvitationLogin, actor: Actor): Promise<AcceptedInvitation> {
    const issuer = normalIssuer(login.issuer);
    return this.db.transaction(async (tx) => {
      const repo = new PersonInvitationsRepository(tx);
      const invitation = await repo.lockByTokenHash(hashOf(token));
      if (!invitation || invitation.status !== 'open' || invitation.expiresAt <= this.now()) throw noInvitation();
      const identities = new PersonIdentitiesRepository(tx);
      const linkedTo = await identities.personOf(issuer, login.subject);
      if (linkedTo && linkedTo !== invitation.personId) {
        throw conflict('This login is already linked to another person; the secretariat can unlink it first');
      }
      if (!linkedTo) {
        if (!(await identities.link(invitation.personId, issuer, login.subject))) {
          throw conflict('This login was linked to a person meanwhile');
        }
        await this.journal(repo, invitation.personId, 'identity.linked', actor, {
          issuer,
          subject: login.subject,
          invitationId: invitation.id,
        });
      }
      // Under the row lock taken above it is still open; checked again so that a second acceptance can never win.
      if (!(await repo.markUsed(invitation.id, this.now()))) throw noInvitation();
      return { personId: invitation.personId, name: invitation.name, issuer, subject: login.subject };
    });
  }

  /** The person's linked identities and open invitation; 404 for no such person. */
  async identities(personId: string): Promise<PersonIdentitiesView> {
    const repo = new PersonInvitationsRepository(this.queryable());
    if (!(await repo.personExists(personId))) throw notFound('person', personId);
    const identities = await new PersonIdentitiesRepository(this.queryable()).list(personId);
    const open = await repo.open(personId, this.now());
    return {
      identities,
      openInvitation: open
        ? { id: open.id, createdAt: open.createdAt.toISOString(), expiresAt: open.expiresAt.toISOString() }
        : null,
    };
  }

  /** Unlinks one of the person's identities; 404 when the person has no such identity. */
  async unlink(personId: string, login: InvitationLogin, actor: Actor): Promise<void> {
    const issuer = normalIssuer(login.issuer);
    await this.db.transaction(async (tx) => {
      if (!(await new PersonIdentitiesRepository(tx).unlink(personId, issuer, login.subject))) {
        throw notFound(`identity (${issuer}, ${login.subject}) of the person ${personId}`);
      }
      await this.journal(new PersonInvitationsRepository(tx), personId, 'identity.unlinked', actor, {
        issuer,
        subject: login.subject,
      });
    });
  }

  private queryable(): Queryable {
    return this.db as unknown as Queryable;
  }

  private journal(
    repo: PersonInvitationsRepository,
    personId: string,
    type: PersonIdentityEventType,
    actor: Actor,
    about: { issuer?: string; subject?: string; invitationId?: string },
  ): Promise<void> {
    return repo.journal({ personId, type, ...about, actorId: actor.id, actorName: actor.name, at: this.now() });
  }
}

/** The invitation e-mail (Norwegian bokmål). */
function invitationText(name: string, link: string, expiresAt: Date): string {
  return [
    `Hei ${name},`,
    '',
    'Sekretariatet har invitert deg til å logge inn i samflyt, helsefellesskapets saksbehandlingsverktøy.',
    'Åpne lenken under og logg inn med ID-porten, HelseID eller jobbkontoen din. Den første innloggingen',
    'gjennom lenken knyttes til deg.',
    '',
    link,
    '',
    `Lenken kan brukes én gang og gjelder til ${osloDate(expiresAt)}.`,
    'Har du ikke ventet denne e-posten, kan du se bort fra den, eller si fra til sekretariatet.',
  ].join('\n');
}
