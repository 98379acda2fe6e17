import type { Queryable, WorkflowEngine } from '@samflyt/engine';
import type { Queue } from 'bullmq';
import type { Client } from 'pg';
import { pollUntil } from './wait';

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

/**
 * Lets time pass up to `until` for a real worker: each pending timer due by then, earliest first, is made due now
 * and its delayed job (job id = timer id) promoted, and the worker fires it through its own path before the next
 * one is brought forward, so they happen in the order the clock would have given them. For timers a test only
 * waits for: a rule that reads the clock itself (a closing time checked on submit) still needs the real time.
 */
export async function advanceTimers(db: Queryable, timers: Queue, until: Date): Promise<void> {
  for (let fired = 0; ; fired++) {
    if (fired === 200) throw new Error('timers kept falling due: a loop of signals?');
    const [next] = (await db.query(
      `SELECT id FROM workflow_timers WHERE status = 'pending' AND due_at <= $1 ORDER BY due_at, id LIMIT 1`,
      [until],
    )) as { id: string }[];
    if (!next) return;
    await db.query(`UPDATE workflow_timers SET due_at = least(due_at, now()) WHERE id = $1`, [next.id]);
    const job = await timers.getJob(next.id);
    // Not delayed (any more): waiting or active already, or not in Redis yet (the reconciler enqueues it).
    if (job && (await job.isDelayed())) await job.promote().catch(() => undefined);
    await pollUntil(
      `the worker to fire timer ${next.id}`,
      async () => ((await db.query(`SELECT status FROM workflow_timers WHERE id = $1`, [next.id])) as object[])[0],
      (row) => (row as { status: string }).status !== 'pending',
      { intervalMs: 50 },
    );
  }
}
