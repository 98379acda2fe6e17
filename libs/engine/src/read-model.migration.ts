import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read model the engine keeps beside each instance (WorkflowDefinition.summary) and each timer
 * (WorkflowDefinition.deadlineTimers), so lists and the dashboard read columns, not a feature's context.
 */
export class EngineReadModel1732440000000 implements MigrationInterface {
  name = 'EngineReadModel1732440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE workflow_instances ADD COLUMN title text, ADD COLUMN case_ref text, ADD COLUMN responsible text`,
    );
    await q.query(`ALTER TABLE workflow_timers ADD COLUMN deadline boolean NOT NULL DEFAULT false`);
    await q.query(
      `CREATE INDEX workflow_timers_pending_deadlines ON workflow_timers (due_at) WHERE status = 'pending' AND deadline`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX workflow_timers_pending_deadlines`);
    await q.query(`ALTER TABLE workflow_timers DROP COLUMN deadline`);
    await q.query(`ALTER TABLE workflow_instances DROP COLUMN title, DROP COLUMN case_ref, DROP COLUMN responsible`);
  }
}
