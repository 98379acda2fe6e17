import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fills the engine's read-model columns (EngineReadModel1732440000000) for instances and timers written
 * before they existed, with what the dashboard read from the snapshots until then. From this migration on, the
 * engine writes them from each workflow's `summary` and `deadlineTimers`.
 */
export class ReadModelBackfill1732440000001 implements MigrationInterface {
  name = 'ReadModelBackfill1732440000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE workflow_instances i SET
        title = coalesce(c->>'title', c->'case'->>'title', c->'committee'->>'name', i.workflow),
        case_ref = coalesce(c->>'caseRef', c->'case'->>'ref'),
        responsible = c->'assignee'->>'name'
      FROM (SELECT id, snapshot->'context' AS c FROM workflow_instances) s
      WHERE s.id = i.id AND i.title IS NULL`);
    await q.query(`
      UPDATE workflow_timers t SET deadline = true
        FROM workflow_instances i
       WHERE i.id = t.instance_id
         AND (t.name = 'deadline'
              OR (i.workflow = 'grant-round' AND t.name IN ('closes', 'scoring-deadline'))
              OR (i.workflow = 'grant-application' AND t.name = 'info-deadline'))`);
  }

  async down(): Promise<void> {
    // The columns go with EngineReadModel1732440000000's down.
  }
}
