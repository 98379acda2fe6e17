import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The correlation id (see correlation.ts) on the rows a transition writes: its journal row, the timers it arms and
 * the messages it puts in the outbox. Null for rows written before, or outside any request, job or timer.
 */
export class EngineCorrelation1732460000000 implements MigrationInterface {
  name = 'EngineCorrelation1732460000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['workflow_journal', 'workflow_timers', 'outbox_messages']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN correlation_id text`);
      await q.query(`CREATE INDEX ${table}_correlation ON ${table} (correlation_id) WHERE correlation_id IS NOT NULL`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['workflow_journal', 'workflow_timers', 'outbox_messages']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN correlation_id`);
    }
  }
}
