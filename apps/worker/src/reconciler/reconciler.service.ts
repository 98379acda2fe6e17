import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { sweepUnreferencedAttachments, WorkerEnv } from '@samflyt/domain';
import {
  JobDispatcher,
  OUTBOX_MAX_REQUEUES,
  OUTBOX_REQUEUE_BACKOFF_MS,
  OutboxRepository,
  TIMER_HORIZON_MS,
  TimersRepository,
  withAdvisoryLock,
  withCorrelationId,
  type KeysetRow,
  type PendingRow,
} from '@samflyt/engine';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS } from '../engine/worker-engine.module';
import { WorkerMetrics } from '../metrics/worker-metrics';
import { TimerService } from '../timers/timer.service';
import { forEachPage, inChunks } from './keyset-pages';
import { failedJobs, missingJobs } from './missing-jobs';

export interface ReconcileReport {
  firedOverdue: number;
  requeuedTimers: number;
  requeuedMessages: number;
  /** Pending messages whose job had failed for good, put back on the queue (bounded, with backoff). */
  retriedMessages: number;
  /** Pending messages that used up their rounds of retries, marked failed. */
  gaveUpMessages: number;
  /** Uploaded files past their expiry that no submitted answer or application names, deleted. */
  sweptAttachments: number;
  ms: number;
}

const BATCH = 1000;
/** A timer this late has missed its job (lost with Redis, stuck delayed job: BullMQ #2466, #2648). */
export const OVERDUE_GRACE_MS = 10_000;
/** Overdue timers fired side by side by the reconciler; the pool is sized for it. */
export const RECONCILER_FIRE_CONCURRENCY = 8;
/** One key for every samflyt worker on this database (advisory locks are per database). */
const LOCK_KEY = 727_001;

/**
 * Postgres is the truth, Redis only delivers. At start and every RECONCILE_INTERVAL_MS this puts
 * back into Redis what it should hold, so FLUSHALL, a Redis restart or a lost job costs a delay,
 * never a timer or an e-mail:
 *  1. fires every pending timer overdue by more than OVERDUE_GRACE_MS directly, whatever Redis says;
 *  2. enqueues every pending timer due within TIMER_HORIZON_MS whose job Redis lacks (jobId = timer id);
 *  3. enqueues every pending outbox row whose job Redis lacks (jobId = row id), and puts back a pending row whose
 *     job failed for good (attempts used up while the database or a worker was away) at most OUTBOX_MAX_REQUEUES
 *     rounds with a doubling pause, counted in Postgres, then marks it failed with the reason;
 *  4. deletes uploaded files past their `expires_at` that no submitted answer or application names.
 * A job id dedupes only while BullMQ still stores the job (completed jobs are kept an hour); what makes
 * an effect happen once is the row's status, checked under lock by the engine and the outbox service.
 *
 * A plain setInterval, not a BullMQ repeatable job: those live in Redis and would vanish with it.
 * `pg_try_advisory_xact_lock` keeps two workers from scanning at the same instant (harmless if they did).
 */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReconcilerService.name);
  private interval?: NodeJS.Timeout;
  private running?: Promise<ReconcileReport | null>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly timerRows: TimersRepository,
    private readonly outboxRows: OutboxRepository,
    private readonly dispatcher: JobDispatcher,
    private readonly timers: TimerService,
    private readonly metrics: WorkerMetrics,
    private readonly env: WorkerEnv,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  onApplicationBootstrap(): void {
    this.trigger();
    this.interval = setInterval(() => this.trigger(), this.env.RECONCILE_INTERVAL_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.interval);
    await this.running?.catch(() => undefined);
  }

  /** Starts a run unless one is going; errors are logged and counted, and the next tick tries again. */
  private trigger(): void {
    if (this.running) return;
    this.running = this.run()
      .catch((error: unknown) => {
        this.metrics.reconcilerRuns.inc({ result: 'error' });
        this.logger.error(`Reconciler run failed: ${error instanceof Error ? error.stack : String(error)}`);
        return null;
      })
      .finally(() => (this.running = undefined));
  }

  /** One run; null when another worker holds the lock. */
  async run(): Promise<ReconcileReport | null> {
    const started = Date.now();
    const run = await withAdvisoryLock(this.dataSource, LOCK_KEY, async () => {
      const firedOverdue = await this.fireOverdueTimers();
      const requeuedTimers = await this.requeueTimers();
      const { requeuedMessages, retriedMessages, gaveUpMessages } = await this.requeueMessages();
      const sweptAttachments = (await sweepUnreferencedAttachments(this.dataSource)).deleted;
      const report = {
        firedOverdue,
        requeuedTimers,
        requeuedMessages,
        retriedMessages,
        gaveUpMessages,
        sweptAttachments,
        ms: Date.now() - started,
      };
      this.metrics.reconcilerRuns.inc({ result: 'done' });
      if (firedOverdue + requeuedTimers + requeuedMessages > 0) {
        this.logger.log(
          `reconciled in ${report.ms} ms: fired ${firedOverdue} overdue timers, re-enqueued ` +
            `${requeuedTimers} pending timers and ${requeuedMessages} pending messages Redis did not hold`,
        );
      }
      if (retriedMessages + gaveUpMessages > 0) {
        this.logger.warn(
          `re-queued ${retriedMessages} pending messages whose job had failed for good; ` +
            `gave up ${gaveUpMessages} after ${OUTBOX_MAX_REQUEUES} rounds`,
        );
      }
      if (sweptAttachments > 0) this.logger.log(`deleted ${sweptAttachments} expired, unreferenced uploaded files`);
      return report;
    });
    if (!run.locked) {
      this.metrics.reconcilerRuns.inc({ result: 'skipped' });
      return null;
    }
    return run.result;
  }

  private async fireOverdueTimers(): Promise<number> {
    // This process's clock, as the engine's due check uses it, so every selected timer counts as due.
    const before = new Date(Date.now() - OVERDUE_GRACE_MS);
    let fired = 0;
    await forEachPage(
      (after, limit) => this.timerRows.pendingDueBefore(before, after, limit),
      BATCH,
      async (rows) => {
        const outcomes = await inChunks(rows, RECONCILER_FIRE_CONCURRENCY, ({ id, correlationId }) =>
          withCorrelationId(correlationId, () =>
            this.timers.fire(id, 'reconciler').catch((error: unknown) => {
              this.logger.warn(`Firing overdue timer ${id} failed; next run retries: ${String(error)}`);
              return null;
            }),
          ),
        );
        fired += outcomes.filter((o) => o?.outcome === 'fired').length;
      },
    );
    return fired;
  }

  private async requeueTimers(): Promise<number> {
    const horizon = new Date(Date.now() + TIMER_HORIZON_MS);
    let requeued = 0;
    await forEachPage(
      (after, limit) => this.timerRows.pendingDueBefore(horizon, after, limit),
      BATCH,
      async (rows) => {
        const missing = new Set(await missingJobs(this.redis, this.dispatcher.timers, ids(rows)));
        const timers = rows.filter((r) => missing.has(r.id));
        for (const [correlationId, group] of byCorrelation(timers)) {
          await this.dispatcher.dispatch({
            timers: group.map((r) => ({ id: r.id, dueAt: r.at })),
            messages: [],
            correlationId,
          });
        }
        requeued += timers.length;
      },
    );
    this.metrics.reconcilerRequeued.inc({ kind: 'timer' }, requeued);
    return requeued;
  }

  private async requeueMessages(): Promise<{
    requeuedMessages: number;
    retriedMessages: number;
    gaveUpMessages: number;
  }> {
    let requeued = 0;
    let retried = 0;
    let gaveUp = 0;
    await forEachPage(
      (after, limit) => this.outboxRows.pendingAfter(after, limit),
      BATCH,
      async (rows) => {
        const missing = new Set(await missingJobs(this.redis, this.dispatcher.outbox, ids(rows)));
        const failed = await failedJobs(this.redis, this.dispatcher.outbox, ids(rows));
        const claimed = await this.outboxRows.claimRequeues(failed, {
          maxRequeues: OUTBOX_MAX_REQUEUES,
          backoffMs: OUTBOX_REQUEUE_BACKOFF_MS,
        });
        // The failed job still holds its id; a new one with the same id is added only once it is gone.
        for (const id of claimed.requeue) await this.dispatcher.outbox.remove(id);
        const retry = new Set(claimed.requeue);
        const messages = rows.filter((r) => missing.has(r.id));
        const again = rows.filter((r) => missing.has(r.id) || retry.has(r.id));
        for (const [correlationId, group] of byCorrelation(again)) {
          await this.dispatcher.dispatch({ timers: [], messages: ids(group), correlationId });
        }
        requeued += messages.length;
        retried += claimed.requeue.length;
        gaveUp += claimed.gaveUp.length;
      },
    );
    this.metrics.reconcilerRequeued.inc({ kind: 'message' }, requeued + retried);
    if (gaveUp > 0) this.metrics.outboxFailed.inc(gaveUp);
    return { requeuedMessages: requeued, retriedMessages: retried, gaveUpMessages: gaveUp };
  }
}

const ids = (rows: KeysetRow[]): string[] => rows.map((r) => r.id);

/** Rows by the correlation id their jobs carry (one dispatch each). */
function byCorrelation(rows: PendingRow[]): Map<string | null, PendingRow[]> {
  const groups = new Map<string | null, PendingRow[]>();
  for (const row of rows) groups.set(row.correlationId, [...(groups.get(row.correlationId) ?? []), row]);
  return groups;
}
