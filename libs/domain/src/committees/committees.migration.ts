import { MigrationInterface, QueryRunner } from 'typeorm';

export class Committees1732380000000 implements MigrationInterface {
  name = 'Committees1732380000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY,
        name text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('kommune', 'helseforetak', 'regionalt-helseforetak', 'brukerorganisasjon',
          'fastlegerepresentasjon', 'statlig', 'fylkeskommune', 'utdanning', 'annen')),
        number text CHECK (number ~ '^[0-9]{4}([0-9]{5})?$'),
        region text CHECK (region IN ('Trøndelag sør-vest', 'Trondheimsområdet', 'Fjellregionen', 'Fosenregionen',
          'Værnesregionen'))
      )`);
    await q.query(`
      CREATE TABLE persons (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        email text NOT NULL,
        organisation_id uuid REFERENCES organisations (id),
        title text
      )`);
    await q.query(`CREATE UNIQUE INDEX persons_email ON persons (lower(email))`);
    await q.query(`
      CREATE TABLE committees (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9-]{1,30}$'),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('asu', 'au', 'au-utvidet', 'fagrad', 'forhandlingsutvalg', 'psu', 'annet')),
        decision_rule text NOT NULL DEFAULT 'consensus'
          CHECK (decision_rule IN ('consensus', 'simple-majority', 'party-majority')),
        parent_id uuid REFERENCES committees (id),
        notice_days int NOT NULL DEFAULT 7 CHECK (notice_days BETWEEN 0 AND 60)
      )`);
    await q.query(`
      CREATE TABLE memberships (
        id uuid PRIMARY KEY,
        committee_id uuid NOT NULL REFERENCES committees (id),
        person_id uuid NOT NULL REFERENCES persons (id),
        role text NOT NULL CHECK (role IN ('leder', 'nestleder', 'medlem', 'vara', 'observatør', 'sekretariat')),
        party text NOT NULL CHECK (party IN ('kommune', 'sykehus', 'fastlege', 'bruker', 'ansatt', 'annen')),
        represents text,
        organisation_id uuid REFERENCES organisations (id),
        has_vote boolean NOT NULL,
        vara_for_person_id uuid REFERENCES persons (id),
        valid_from date NOT NULL,
        valid_to date,
        CHECK (valid_to IS NULL OR valid_to >= valid_from),
        CHECK (NOT has_vote OR role NOT IN ('observatør', 'sekretariat', 'vara')),
        CHECK (role = 'vara' OR vara_for_person_id IS NULL),
        UNIQUE (committee_id, person_id, valid_from)
      )`);
    await q.query(`CREATE INDEX memberships_person ON memberships (person_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE memberships`);
    await q.query(`DROP TABLE committees`);
    await q.query(`DROP TABLE persons`);
    await q.query(`DROP TABLE organisations`);
  }
}
