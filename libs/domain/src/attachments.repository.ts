import type { Queryable } from '@samflyt/engine';

/** An answer's file is referenced once an answer version names it; a proposal's while the proposal keeps it. */
const HEARING_REFERENCED = `(answer_id IS NOT NULL OR in_proposal)`;
/** An application's file is referenced when the application was submitted and its answers name the file. */
const GRANT_REFERENCED = `EXISTS (SELECT 1 FROM grant_applications a, jsonb_each(a.answers) e
   WHERE a.id = g.application_id AND a.submitted_at IS NOT NULL AND e.value->>'attachmentId' = g.id::text)`;

export interface SweepReport {
  /** Files deleted: past `expires_at` and named by no submitted answer or application. */
  deleted: number;
  /** Files past `expires_at` found referenced: kept for good (`expires_at` cleared). */
  kept: number;
}

/**
 * Deletes uploaded files past their `expires_at` that no submitted answer or application names, and keeps for good
 * those that one does. Postgres alone decides (the worker's reconciler runs it on its schedule), so a Redis flush or
 * a worker crash only delays it. A file linked to an answer while this runs is not deleted: Postgres re-checks the
 * condition of a row another transaction changed.
 */
export async function sweepUnreferencedAttachments(db: Queryable, batch = 500): Promise<SweepReport> {
  // Each change selected from a CTE: a DataSource and a QueryRunner then both answer with the rows.
  const count = async (change: string) =>
    ((await db.query(`WITH changed AS (${change} RETURNING 1) SELECT 1 FROM changed`, [batch])) as unknown[]).length;
  const kept =
    (await count(`UPDATE hearing_attachments SET expires_at = NULL WHERE id IN (SELECT id FROM hearing_attachments
                   WHERE expires_at <= now() AND ${HEARING_REFERENCED} LIMIT $1)`)) +
    (await count(`UPDATE grant_attachments SET expires_at = NULL WHERE id IN (SELECT g.id FROM grant_attachments g
                   WHERE g.expires_at <= now() AND ${GRANT_REFERENCED} LIMIT $1)`));
  const deleted =
    (await count(`DELETE FROM hearing_attachments WHERE id IN (SELECT id FROM hearing_attachments
                   WHERE expires_at <= now() AND NOT ${HEARING_REFERENCED} LIMIT $1)
                   AND expires_at <= now() AND NOT ${HEARING_REFERENCED}`)) +
    (await count(`DELETE FROM grant_attachments g WHERE g.id IN (SELECT g.id FROM grant_attachments g
                   WHERE g.expires_at <= now() AND NOT ${GRANT_REFERENCED} LIMIT $1)`));
  return { deleted, kept };
}
