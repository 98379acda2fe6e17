import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inhabilitet per case and member; votes on cases and their ballots. Votes and ballots are written
 * by the `vote` workflow's projection in the event's transaction: one ballot per voter is the
 * ballots primary key, one open vote per case a partial unique index.
 */
export class Votes1732410000000 implements MigrationInterface {
  name = 'Votes1732410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inhabil_declarations (
        case_id uuid NOT NULL REFERENCES cases (id),
        person_id uuid NOT NULL REFERENCES persons (id),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        declared_by text NOT NULL,
        declared_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, person_id)
      )`);
    await q.query(`
      CREATE TABLE votes (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        meeting_id uuid REFERENCES meetings (id),
        mode text NOT NULL CHECK (mode IN ('meeting', 'written')),
        rule text NOT NULL CHECK (rule IN ('consensus', 'simple-majority', 'party-majority')),
        instance_id uuid NOT NULL UNIQUE REFERENCES workflow_instances (id),
        deadline timestamptz,
        eligible jsonb NOT NULL,
        excluded jsonb NOT NULL DEFAULT '[]',
        voting_seats int NOT NULL CHECK (voting_seats >= 0),
        state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed', 'cancelled')),
        result jsonb,
        cancelled_reason text,
        opened_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        CHECK ((mode = 'written') = (deadline IS NOT NULL)),
        CHECK ((state = 'open') = (closed_at IS NULL)),
        CHECK ((state = 'closed') = (result IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX votes_case ON votes (case_id, opened_at)`);
    await q.query(`CREATE UNIQUE INDEX votes_one_open_per_case ON votes (case_id) WHERE state = 'open'`);
    await q.query(`
      CREATE TABLE ballots (
        vote_id uuid NOT NULL REFERENCES votes (id),
        person_id uuid NOT NULL REFERENCES persons (id),
        choice text NOT NULL CHECK (choice IN ('for', 'against', 'abstain')),
        recorded_by text NOT NULL,
        cast_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (vote_id, person_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ballots`);
    await q.query(`DROP TABLE votes`);
    await q.query(`DROP TABLE inhabil_declarations`);
  }
}
