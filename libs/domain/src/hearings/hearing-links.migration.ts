import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A recipient's personal link can be re-issued: `link_generation` counts the re-issues, and the links are signed
 * with a key derived from the hearing's for each (links signed before then fail their signature). A joint answer
 * names co-signers that have not confirmed yet: `pending_co_signers` of each version.
 */
export class HearingLinksAndConsent1732450000300 implements MigrationInterface {
  name = 'HearingLinksAndConsent1732450000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE hearing_recipients ADD COLUMN link_generation int NOT NULL DEFAULT 0 CHECK (link_generation >= 0)`,
    );
    await q.query(`ALTER TABLE hearing_answer_versions ADD COLUMN pending_co_signers uuid[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE hearing_answer_versions DROP COLUMN pending_co_signers`);
    await q.query(`ALTER TABLE hearing_recipients DROP COLUMN link_generation`);
  }
}
