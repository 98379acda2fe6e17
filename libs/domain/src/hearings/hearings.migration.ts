import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hearings (høringer): contact persons per organisation; the hearings, their recipients (each with
 * its own deadline when extended), attachments, answers with every version and their signatories,
 * and the sammendrag texts. The `hearing` workflow's projection writes them in the event's
 * transaction; one answer per organisation and hearing is the signatories' primary key.
 */
export class Hearings1732430000000 implements MigrationInterface {
  name = 'Hearings1732430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation_contacts (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
        title text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX organisation_contacts_email ON organisation_contacts (organisation_id, lower(email))`,
    );
    await q.query(`
      CREATE TABLE hearings (
        id uuid PRIMARY KEY,
        instance_id uuid NOT NULL UNIQUE REFERENCES workflow_instances (id),
        committee_id uuid NOT NULL REFERENCES committees (id),
        title text NOT NULL,
        origin text,
        proposal text NOT NULL,
        questions jsonb NOT NULL DEFAULT '[]',
        deadline timestamptz,
        reminder_offsets text[] NOT NULL DEFAULT '{}',
        accept_late_answers boolean NOT NULL DEFAULT true,
        link_key text NOT NULL,
        state text NOT NULL CHECK (state IN ('draft', 'open', 'closed', 'summary', 'presented', 'concluded', 'withdrawn')),
        created_by jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        closed_at timestamptz,
        case_id uuid REFERENCES cases (id),
        conclusion text,
        withdrawn_reason text
      )`);
    await q.query(`CREATE INDEX hearings_state ON hearings (state, deadline)`);
    await q.query(`
      CREATE TABLE hearing_recipients (
        hearing_id uuid NOT NULL REFERENCES hearings (id),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        contacts jsonb NOT NULL DEFAULT '[]',
        deadline timestamptz,
        extension_reason text,
        extended_at timestamptz,
        PRIMARY KEY (hearing_id, organisation_id)
      )`);
    await q.query(`
      CREATE TABLE hearing_answers (
        id uuid PRIMARY KEY,
        hearing_id uuid NOT NULL REFERENCES hearings (id),
        organisation_id uuid NOT NULL,
        current_version int NOT NULL CHECK (current_version >= 1),
        late boolean NOT NULL,
        withheld_reason text,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (hearing_id, organisation_id) REFERENCES hearing_recipients (hearing_id, organisation_id)
      )`);
    await q.query(`
      CREATE TABLE hearing_answer_versions (
        answer_id uuid NOT NULL REFERENCES hearing_answers (id),
        version int NOT NULL CHECK (version >= 1),
        text text NOT NULL,
        question_answers jsonb NOT NULL DEFAULT '[]',
        co_signers uuid[] NOT NULL DEFAULT '{}',
        attachment_ids uuid[] NOT NULL DEFAULT '{}',
        submitted_by jsonb NOT NULL,
        late boolean NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (answer_id, version)
      )`);
    await q.query(`
      CREATE TABLE hearing_answer_signatories (
        hearing_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        answer_id uuid NOT NULL REFERENCES hearing_answers (id),
        lead boolean NOT NULL,
        late boolean NOT NULL,
        signed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (hearing_id, organisation_id),
        FOREIGN KEY (hearing_id, organisation_id) REFERENCES hearing_recipients (hearing_id, organisation_id)
      )`);
    await q.query(`CREATE INDEX hearing_answer_signatories_answer ON hearing_answer_signatories (answer_id)`);
    await q.query(`
      CREATE TABLE hearing_attachments (
        id uuid PRIMARY KEY,
        hearing_id uuid NOT NULL REFERENCES hearings (id),
        answer_organisation_id uuid,
        answer_id uuid REFERENCES hearing_answers (id),
        in_proposal boolean NOT NULL DEFAULT false,
        filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
        media_type text NOT NULL,
        size int NOT NULL CHECK (size >= 0),
        sha256 text NOT NULL,
        content bytea NOT NULL,
        uploaded_by jsonb NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CHECK (NOT (in_proposal AND answer_organisation_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX hearing_attachments_hearing ON hearing_attachments (hearing_id)`);
    await q.query(`
      CREATE TABLE hearing_summary_texts (
        hearing_id uuid NOT NULL REFERENCES hearings (id),
        question_id text NOT NULL,
        text text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (hearing_id, question_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'hearing_summary_texts',
      'hearing_attachments',
      'hearing_answer_signatories',
      'hearing_answer_versions',
      'hearing_answers',
      'hearing_recipients',
      'hearings',
      'organisation_contacts',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
