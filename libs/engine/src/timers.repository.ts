import { keysetAfter, type KeysetRow } from './keyset';
import type { PendingRow } from './outbox.repository';
import type { Queryable } from './workflow-definition';

export const TIMER_STATUSES = ['pending', 'fired', 'cancelled'] as const;
export type TimerStatus = (typeof TIMER_STATUSES)[number];

/**
 * Durable timers (`workflow_timers`) as the worker and the reconciler read them. Firing and arming happen in the
 * engine, under the instance's row lock; nothing here changes a timer.
 */
export class TimersRepository {
  constructor(private readonly db: Queryable) {}

  /** When the timer is due; undefined when no timer has this id. */
  async dueAt(id: string): Promise<Date | undefined> {
    const [row] = (await this.db.query(`SELECT due_at FROM workflow_timers WHERE id = $1`, [id])) as {
      due_at: Date;
    }[];
    return row?.due_at;
  }

  /** Up to `limit` pending timers due before `before` and after `after`, in (due_at, id) order: `at` is due_at. */
  async pendingDueBefore(before: Date, after: KeysetRow | null, limit: number): Promise<PendingRow[]> {
    return (await this.db.query(
      `SELECT id, due_at AS at, correlation_id AS "correlationId" FROM workflow_timers
        WHERE status = 'pending' AND due_at < $1 AND (due_at, id) > ($2::timestamptz, $3::uuid)
        ORDER BY due_at, id LIMIT $4`,
      [before, ...keysetAfter(after), limit],
    )) as PendingRow[];
  }
}
