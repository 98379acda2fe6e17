import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A recipient's personal link can be re-issued: `link_generation` counts the re-issues, and the links are signed
 * with a key derived from the hearing's for each (links signed before then fail their signature).
 */
export class HearingLinkGenerations1732450000300 implements MigrationInterface {
  name = 'HearingLinkGenerations1732450000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE hearing_recipients ADD COLUMN link_generation int NOT NULL DEFAULT 0 CHECK (link_generation >= 0)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE hearing_recipients DROP COLUMN link_generation`);
  }
}
