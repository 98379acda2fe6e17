import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meetings, their agenda (sakliste) and attendance; cases (saker) numbered NN/YY per committee and
 * year, their track through meetings, innspill, and the assignments their vedtak created. Rows are
 * written by the `meeting` and `case` workflows' projections, in the event's transaction.
 */
export class Meetings1732400000000 implements MigrationInterface {
  name = 'Meetings1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meetings (
        id uuid PRIMARY KEY,
        committee_id uuid NOT NULL REFERENCES committees (id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        place text NOT NULL,
        chair_person_id uuid REFERENCES persons (id),
        minute_taker_person_id uuid REFERENCES persons (id),
        next_meeting_note text,
        instance_id uuid UNIQUE REFERENCES workflow_instances (id),
        CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX meetings_committee_starts ON meetings (committee_id, starts_at)`);
    await q.query(`
      CREATE TABLE case_numbers (
        committee_id uuid NOT NULL REFERENCES committees (id),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2099),
        last int NOT NULL CHECK (last BETWEEN 1 AND 999),
        PRIMARY KEY (committee_id, year)
      )`);
    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY,
        committee_id uuid NOT NULL REFERENCES committees (id),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2099),
        number int NOT NULL CHECK (number BETWEEN 1 AND 999),
        title text NOT NULL,
        proposed_resolution text NOT NULL,
        resolution text,
        minutes_text text,
        responsible text,
        case_officer text,
        instance_id uuid NOT NULL UNIQUE REFERENCES workflow_instances (id),
        meeting_id uuid REFERENCES meetings (id),
        UNIQUE (committee_id, year, number)
      )`);
    await q.query(`CREATE INDEX cases_meeting ON cases (meeting_id)`);
    await q.query(`
      CREATE TABLE case_meetings (
        case_id uuid NOT NULL REFERENCES cases (id),
        meeting_id uuid NOT NULL REFERENCES meetings (id),
        outcome text NOT NULL CHECK (outcome IN ('scheduled', 'postponed', 'decided', 'withdrawn')),
        resolution text,
        minutes_text text,
        PRIMARY KEY (case_id, meeting_id)
      )`);
    await q.query(`CREATE INDEX case_meetings_meeting ON case_meetings (meeting_id)`);
    await q.query(`
      CREATE TABLE agenda_items (
        id uuid PRIMARY KEY,
        meeting_id uuid NOT NULL REFERENCES meetings (id),
        position int NOT NULL CHECK (position > 0),
        kind text NOT NULL CHECK (kind IN ('case', 'break', 'other')),
        case_id uuid REFERENCES cases (id),
        title text,
        details text,
        starts_at time,
        duration_minutes int CHECK (duration_minutes BETWEEN 0 AND 1440),
        responsible text,
        CHECK ((kind = 'case') = (case_id IS NOT NULL)),
        CHECK (kind = 'case' OR title IS NOT NULL),
        UNIQUE (meeting_id, position),
        UNIQUE (meeting_id, case_id)
      )`);
    await q.query(`CREATE INDEX agenda_items_case ON agenda_items (case_id)`);
    await q.query(`
      CREATE TABLE attendance (
        meeting_id uuid NOT NULL REFERENCES meetings (id),
        person_id uuid NOT NULL REFERENCES persons (id),
        status text NOT NULL CHECK (status IN ('present', 'remote', 'absent')),
        stands_in_for_person_id uuid REFERENCES persons (id),
        responded_at timestamptz,
        recorded_at timestamptz,
        PRIMARY KEY (meeting_id, person_id),
        CHECK (stands_in_for_person_id IS NULL OR (stands_in_for_person_id <> person_id AND status <> 'absent'))
      )`);
    await q.query(`
      CREATE UNIQUE INDEX attendance_one_stand_in ON attendance (meeting_id, stands_in_for_person_id)
        WHERE stands_in_for_person_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE case_inputs (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        meeting_id uuid REFERENCES meetings (id),
        text text NOT NULL,
        author text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_inputs_case ON case_inputs (case_id, created_at)`);
    await q.query(`
      CREATE TABLE case_assignments (
        case_id uuid NOT NULL REFERENCES cases (id),
        instance_id uuid NOT NULL UNIQUE REFERENCES workflow_instances (id),
        PRIMARY KEY (case_id, instance_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'case_assignments',
      'case_inputs',
      'attendance',
      'agenda_items',
      'case_meetings',
      'cases',
      'case_numbers',
      'meetings',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
