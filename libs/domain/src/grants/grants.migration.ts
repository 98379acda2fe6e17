import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Grant rounds (utlysninger) and applications (søknader), written by the `grant-round` and
 * `grant-application` projections in each event's transaction; attachments written by the API
 * (bytea: durable in Postgres, never only in memory); and `case_followers`, the link by which a
 * decided or withdrawn case signals the instances that put it up (the round's innstilling, a klage).
 */
export class Grants1732420000000 implements MigrationInterface {
  name = 'Grants1732420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_followers (
        case_id uuid NOT NULL REFERENCES cases (id),
        instance_id uuid NOT NULL REFERENCES workflow_instances (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, instance_id)
      )`);
    await q.query(`
      CREATE TABLE grant_rounds (
        id uuid PRIMARY KEY,
        instance_id uuid NOT NULL UNIQUE REFERENCES workflow_instances (id),
        title text NOT NULL,
        state text NOT NULL,
        settings jsonb NOT NULL,
        created_by jsonb NOT NULL,
        approval text,
        innstilling jsonb,
        non_scorers jsonb NOT NULL DEFAULT '[]',
        decision_case_id uuid REFERENCES cases (id),
        decision jsonb,
        cancelled_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX grant_rounds_state ON grant_rounds (state, created_at)`);
    await q.query(`
      CREATE TABLE grant_applications (
        id uuid PRIMARY KEY,
        round_id uuid NOT NULL REFERENCES grant_rounds (id),
        instance_id uuid NOT NULL UNIQUE REFERENCES workflow_instances (id),
        applicant_person_id text NOT NULL,
        applicant_name text NOT NULL,
        applicant_email text NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        organisation_name text NOT NULL,
        title text NOT NULL,
        requested_amount bigint NOT NULL CHECK (requested_amount >= 0),
        answers jsonb NOT NULL DEFAULT '{}',
        state text NOT NULL,
        submitted_at timestamptz,
        granted_amount bigint,
        decision jsonb,
        appeal jsonb,
        rejection_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX grant_applications_round ON grant_applications (round_id, state)`);
    await q.query(`CREATE INDEX grant_applications_applicant ON grant_applications (applicant_person_id)`);
    await q.query(`
      CREATE TABLE grant_attachments (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES grant_applications (id),
        field_key text NOT NULL,
        filename text NOT NULL,
        content_type text NOT NULL,
        size int NOT NULL CHECK (size > 0),
        sha256 text NOT NULL,
        data bytea NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX grant_attachments_application ON grant_attachments (application_id, field_key)`);
    await q.query(`
      CREATE TABLE grant_scores (
        application_id uuid NOT NULL REFERENCES grant_applications (id),
        scorer_id text NOT NULL,
        criterion text NOT NULL,
        score numeric NOT NULL,
        comment text NOT NULL,
        round_id uuid NOT NULL REFERENCES grant_rounds (id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (application_id, scorer_id, criterion)
      )`);
    await q.query(`
      CREATE TABLE grant_recusals (
        application_id uuid NOT NULL REFERENCES grant_applications (id),
        person_id text NOT NULL,
        name text NOT NULL,
        reason text NOT NULL,
        round_id uuid NOT NULL REFERENCES grant_rounds (id),
        declared_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (application_id, person_id)
      )`);
    await q.query(`
      CREATE TABLE grant_letters (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES grant_applications (id),
        kind text NOT NULL CHECK (kind IN ('tilskuddsbrev', 'avslag', 'avvisning', 'klagevedtak')),
        subject text NOT NULL,
        body text NOT NULL,
        recipient text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX grant_letters_application ON grant_letters (application_id, created_at)`);
    await q.query(`
      CREATE TABLE grant_reports (
        application_id uuid NOT NULL REFERENCES grant_applications (id),
        key text NOT NULL,
        title text NOT NULL,
        due_at timestamptz NOT NULL,
        text text,
        submitted_at timestamptz,
        accepted boolean NOT NULL DEFAULT false,
        PRIMARY KEY (application_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'grant_reports',
      'grant_letters',
      'grant_recusals',
      'grant_scores',
      'grant_attachments',
      'grant_applications',
      'grant_rounds',
      'case_followers',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
