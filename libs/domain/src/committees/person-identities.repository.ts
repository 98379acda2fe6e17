import type { Queryable } from '@samflyt/engine';

export interface PersonIdentityView {
  issuer: string;
  subject: string;
  linkedAt: string;
}

/** `https://idp/` and `https://idp` are the same issuer: identities are stored without trailing slashes. */
export const normalIssuer = (issuer: string): string => issuer.replace(/\/+$/, '');

/** The (issuer, subject) identities linked to persons (table person_identities). */
export class PersonIdentitiesRepository {
  constructor(private readonly db: Queryable) {}

  /** The person this identity is linked to, or null. */
  async personOf(issuer: string, subject: string): Promise<string | null> {
    const rows: { person_id: string }[] = await this.db.query(
      `SELECT person_id FROM person_identities WHERE issuer = $1 AND subject = $2`,
      [normalIssuer(issuer), subject],
    );
    return rows[0]?.person_id ?? null;
  }

  /** Links the identity to the person; false when it is already linked (to this person or another). */
  async link(personId: string, issuer: string, subject: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO person_identities (issuer, subject, person_id) VALUES ($1, $2, $3)
       ON CONFLICT (issuer, subject) DO NOTHING RETURNING subject`,
      [normalIssuer(issuer), subject, personId],
    );
    return rows.length === 1;
  }

  /** Unlinks the identity from the person; false when the person had no such identity. */
  async unlink(personId: string, issuer: string, subject: string): Promise<boolean> {
    // As a SELECT: TypeORM answers a bare DELETE with [rows, rowCount], not the rows.
    const rows: unknown[] = await this.db.query(
      `WITH d AS (DELETE FROM person_identities WHERE issuer = $1 AND subject = $2 AND person_id = $3 RETURNING subject)
       SELECT subject FROM d`,
      [normalIssuer(issuer), subject, personId],
    );
    return rows.length === 1;
  }

  async list(personId: string): Promise<PersonIdentityView[]> {
    const rows: { issuer: string; subject: string; linked_at: Date }[] = await this.db.query(
      `SELECT issuer, subject, linked_at FROM person_identities WHERE person_id = $1 ORDER BY linked_at, issuer, subject`,
      [personId],
    );
    return rows.map((r) => ({ issuer: r.issuer, subject: r.subject, linkedAt: r.linked_at.toISOString() }));
  }
}
