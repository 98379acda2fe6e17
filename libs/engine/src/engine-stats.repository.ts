import { OUTBOX_STATUSES, type OutboxStatus } from './outbox.repository';
import { TIMER_STATUSES, type TimerStatus } from './timers.repository';
import type { Queryable } from './workflow-definition';

/** fired_at − due_at, in seconds, over the timers fired in a recent window; 0 when none fired. */
export interface TimerLag {
  fired: number;
  p50: number;
  p99: number;
  max: number;
}

/** What the metrics of the API and the worker read of the engine's tables on each scrape. */
export class EngineStatsRepository {
  constructor(private readonly db: Queryable) {}

  /** Resolves when the database answers (a health check's round trip). */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  async outboxByStatus(): Promise<Record<OutboxStatus, number>> {
    return countsOf(
      OUTBOX_STATUSES,
      await this.db.query(`SELECT status, count(*)::int AS n FROM outbox_messages GROUP BY status`),
    );
  }

  async timersByStatus(): Promise<Record<TimerStatus, number>> {
    return countsOf(
      TIMER_STATUSES,
      await this.db.query(`SELECT status, count(*)::int AS n FROM workflow_timers GROUP BY status`),
    );
  }

  /** Over the timers fired within `window`, a Postgres interval such as `15 minutes`. */
  async recentTimerLag(window: string): Promise<TimerLag> {
    const [row] = (await this.db.query(
      `SELECT count(*)::int AS n,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY lag) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY lag) AS p99,
              max(lag) AS max
         FROM (SELECT extract(epoch FROM fired_at - due_at)::float8 AS lag FROM workflow_timers
                WHERE status = 'fired' AND fired_at > now() - $1::interval) recent`,
      [window],
    )) as { n: number; p50: number | null; p99: number | null; max: number | null }[];
    return { fired: row.n, p50: row.p50 ?? 0, p99: row.p99 ?? 0, max: row.max ?? 0 };
  }
}

/** Every status of the list, 0 where no row has it. */
function countsOf<S extends string>(statuses: readonly S[], rows: { status: string; n: number }[]): Record<S, number> {
  return Object.fromEntries(statuses.map((s) => [s, rows.find((r) => r.status === s)?.n ?? 0])) as Record<S, number>;
}
