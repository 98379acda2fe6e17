import type { WorkflowEngine } from '@samflyt/engine';
import type { Client } from 'pg';

/**
 * Stands in for the worker in API tests: the pending timers matching `where` become due and fire
 * through the engine's own path, then every timer due now (a case's or a round's signal) fires too,
 * until none is left.
 */
export async function fireTimers(pg: Client, engine: WorkflowEngine, where: string, params: unknown[] = []) {
  const { rows } = await pg.query<{ id: string }>(
    `UPDATE workflow_timers SET due_at = now() - interval '1 second'
      WHERE status = 'pending' AND (${where}) RETURNING id`,
    params,
  );
  for (const r of rows) await engine.fireTimer(r.id);
  for (let round = 0; round < 20; round++) {
    const due = await pg.query<{ id: string }>(
      `SELECT id FROM workflow_timers WHERE status = 'pending' AND due_at <= now() ORDER BY due_at`,
    );
    if (due.rows.length === 0) return;
    for (const r of due.rows) await engine.fireTimer(r.id);
  }
  throw new Error('timers kept falling due: a loop of signals?');
}

/** Every row of every table (but the migrations list), so a test can say "this call wrote nothing". */
export async function databaseFingerprint(pg: Client): Promise<Record<string, string>> {
  const { rows: tables } = await pg.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY 1`,
  );
  const sql = tables
    .map(
      ({ name }) =>
        `(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "${name}" t) AS "${name}"`,
    )
    .join(',\n');
  return (await pg.query<Record<string, string>>(`SELECT ${sql}`)).rows[0];
}
