import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person's logins: (issuer, subject) pairs of identity providers (ID-porten, HelseID, Entra ID, …). One identity
 * belongs to one person; a person may have several. Roles still come from the person's memberships.
 */
export class PersonIdentities1732450000001 implements MigrationInterface {
  name = 'PersonIdentities1732450000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person_identities (
        issuer text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 300),
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
        person_id uuid NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
        linked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (issuer, subject)
      )`);
    await q.query(`CREATE INDEX person_identities_person ON person_identities (person_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE person_identities`);
  }
}
