import type { Queryable } from '@samflyt/engine';

export type PersonIdentityEventType = 'invitation.sent' | 'identity.linked' | 'identity.unlinked';

export interface InvitationRow {
  id: string;
  personId: string;
  name: string;
  status: 'open' | 'used' | 'revoked';
  expiresAt: Date;
}

export interface OpenInvitationRow {
  id: string;
  createdAt: Date;
  expiresAt: Date;
}

/** Invitations (person_invitations), the journal of a person's identities and the invitation e-mails' outbox rows. */
export class PersonInvitationsRepository {
  constructor(private readonly db: Queryable) {}

  /** The person, locked for the invitation; undefined when unknown. */
  async lockPerson(personId: string): Promise<{ id: string; name: string; email: string } | undefined> {
    const rows = (await this.db.query(`SELECT id, name, email FROM persons WHERE id = $1 FOR UPDATE`, [personId])) as {
      id: string;
      name: string;
      email: string;
    }[];
    return rows[0];
  }

  async personExists(personId: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM persons WHERE id = $1`, [personId])).length === 1;
  }

  async revokeOpen(personId: string, at: Date): Promise<void> {
    await this.db.query(
      `UPDATE person_invitations SET status = 'revoked', closed_at = $2 WHERE person_id = $1 AND status = 'open'`,
      [personId, at],
    );
  }

  async insert(i: {
    id: string;
    personId: string;
    tokenHash: string;
    email: string;
    createdBy: string;
    createdAt: Date;
    expiresAt: Date;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO person_invitations (id, person_id, token_hash, email, status, created_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, 'open', $5, $6, $7)`,
      [i.id, i.personId, i.tokenHash, i.email, i.createdBy, i.createdAt, i.expiresAt],
    );
  }

  /** The invitation with this token hash, locked; undefined when none. */
  async lockByTokenHash(tokenHash: string): Promise<InvitationRow | undefined> {
    const rows = (await this.db.query(
      `SELECT i.id, i.person_id AS "personId", p.name, i.status, i.expires_at AS "expiresAt"
         FROM person_invitations i JOIN persons p ON p.id = i.person_id
        WHERE i.token_hash = $1 FOR UPDATE OF i`,
      [tokenHash],
    )) as InvitationRow[];
    return rows[0];
  }

  /** Uses the invitation up; false when it was no longer open (another acceptance got there first). */
  async markUsed(id: string, at: Date): Promise<boolean> {
    // As a SELECT: TypeORM answers a bare UPDATE with [rows, rowCount], not the rows.
    const rows: unknown[] = await this.db.query(
      `WITH u AS (UPDATE person_invitations SET status = 'used', closed_at = $2 WHERE id = $1 AND status = 'open'
                  RETURNING id)
       SELECT id FROM u`,
      [id, at],
    );
    return rows.length === 1;
  }

  /** The newest invitation of the person that can still be accepted at `now`. */
  async open(personId: string, now: Date): Promise<OpenInvitationRow | undefined> {
    const rows = (await this.db.query(
      `SELECT id, created_at AS "createdAt", expires_at AS "expiresAt" FROM person_invitations
        WHERE person_id = $1 AND status = 'open' AND expires_at > $2 ORDER BY created_at DESC LIMIT 1`,
      [personId, now],
    )) as OpenInvitationRow[];
    return rows[0];
  }

  /** An e-mail for the worker to send (outbox_messages, no workflow instance). */
  async queueMail(m: {
    id: string;
    idempotencyKey: string;
    recipient: string;
    recipientName: string;
    subject: string;
    body: string;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO outbox_messages (id, instance_id, idempotency_key, channel, recipient, recipient_name, subject, body, status)
       VALUES ($1, NULL, $2, 'email', $3, $4, $5, $6, 'pending')`,
      [m.id, m.idempotencyKey, m.recipient, m.recipientName, m.subject, m.body],
    );
  }

  async journal(e: {
    personId: string;
    type: PersonIdentityEventType;
    issuer?: string;
    subject?: string;
    invitationId?: string;
    actorId: string;
    actorName?: string;
    at: Date;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO person_identity_events (person_id, type, issuer, subject, invitation_id, actor_id, actor_name, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        e.personId,
        e.type,
        e.issuer ?? null,
        e.subject ?? null,
        e.invitationId ?? null,
        e.actorId,
        e.actorName ?? null,
        e.at,
      ],
    );
  }
}
