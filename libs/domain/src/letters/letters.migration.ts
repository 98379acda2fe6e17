import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Letters as documents: every letter rendered once as a PDF and kept with its SHA-256 (`letters`; no row is ever
 * changed), the texts the secretariat writes per grant round, each change a new version (`letter_templates`), and the
 * outbox column that carries the letter an e-mail is to attach.
 */
export class Letters1732460000200 implements MigrationInterface {
  name = 'Letters1732460000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_messages ADD COLUMN letter jsonb`);
    await q.query(`
      CREATE TABLE letter_templates (
        scope text NOT NULL,
        kind text NOT NULL,
        version int NOT NULL CHECK (version >= 1),
        subject text NOT NULL,
        body text NOT NULL,
        created_by text NOT NULL,
        created_by_name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, kind, version)
      )`);
    await q.query(`
      CREATE TABLE letters (
        id uuid PRIMARY KEY,
        letter_key text NOT NULL UNIQUE,
        instance_id uuid REFERENCES workflow_instances (id),
        outbox_id uuid NOT NULL REFERENCES outbox_messages (id),
        kind text NOT NULL,
        addressee_person_id text,
        addressee_name text NOT NULL,
        addressee_organisation text,
        addressee_email text,
        case_ref text,
        their_ref text,
        subject text NOT NULL,
        template_scope text,
        template_version int NOT NULL CHECK (template_version >= 0),
        checksum_sha256 text NOT NULL CHECK (checksum_sha256 ~ '^[0-9a-f]{64}$'),
        size int NOT NULL,
        bytes bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX letters_instance ON letters (instance_id, created_at)`);
    // Kept as sent: a letter or a template version is never changed. Corrections are new rows.
    await q.query(`
      CREATE FUNCTION refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% rows are never changed', TG_TABLE_NAME USING ERRCODE = 'check_violation';
      END $$`);
    await q.query(
      `CREATE TRIGGER letters_immutable BEFORE UPDATE ON letters FOR EACH ROW EXECUTE FUNCTION refuse_update()`,
    );
    await q.query(
      `CREATE TRIGGER letter_templates_immutable BEFORE UPDATE ON letter_templates FOR EACH ROW EXECUTE FUNCTION refuse_update()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE letters`);
    await q.query(`DROP TABLE letter_templates`);
    await q.query(`DROP FUNCTION refuse_update()`);
    await q.query(`ALTER TABLE outbox_messages DROP COLUMN letter`);
  }
}
