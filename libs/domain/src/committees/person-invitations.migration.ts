import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitations to link a login to a person (single use, expiring; only the token's SHA-256 is stored) and the
 * journal of a person's identities: every invitation sent, identity linked and identity unlinked, written in the
 * same transaction as the change.
 */
export class PersonInvitations1732450000400 implements MigrationInterface {
  name = 'PersonInvitations1732450000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person_invitations (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE CHECK (length(token_hash) = 64),
        email text NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'used', 'revoked')),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        closed_at timestamptz
      )`);
    await q.query(`CREATE INDEX person_invitations_open ON person_invitations (person_id) WHERE status = 'open'`);
    await q.query(`
      CREATE TABLE person_identity_events (
        id bigserial PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('invitation.sent', 'identity.linked', 'identity.unlinked')),
        issuer text,
        subject text,
        invitation_id uuid REFERENCES person_invitations (id) ON DELETE SET NULL,
        actor_id text NOT NULL,
        actor_name text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX person_identity_events_person ON person_identity_events (person_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE person_identity_events`);
    await q.query(`DROP TABLE person_invitations`);
  }
}
