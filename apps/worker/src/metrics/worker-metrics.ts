import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { EngineStatsRepository, OUTBOX_STATUSES, QueueName } from '@samflyt/engine';
import { Queue } from 'bullmq';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/** Fired − due, per timer; provided by the engine module so the engine can observe it. */
@Injectable()
export class TimerLagHistogram extends Histogram {
  constructor() {
    super({
      name: 'samflyt_timer_lag_seconds',
      help: 'Time from a timer being due to it firing (fired_at - due_at)',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600],
      registers: [],
    });
  }
}

/**
 * The worker's Prometheus metrics, in a registry of its own (not prom-client's global one), so
 * several worker apps in one process (tests) do not collide.
 */
@Injectable()
export class WorkerMetrics {
  readonly registry = new Registry();

  readonly timerOutcomes = new Counter({
    name: 'samflyt_timer_outcomes_total',
    help: 'Timer deliveries by outcome (fired, not-pending, not-due, not-accepted, unknown) and source (job, reconciler)',
    labelNames: ['outcome', 'source'] as const,
    registers: [this.registry],
  });

  readonly outboxSent = new Counter({
    name: 'samflyt_outbox_sent_total',
    help: 'E-mails accepted by the SMTP server',
    registers: [this.registry],
  });

  readonly outboxAttemptErrors = new Counter({
    name: 'samflyt_outbox_send_errors_total',
    help: 'Failed attempts to send an e-mail (each is retried with backoff until the last attempt)',
    registers: [this.registry],
  });

  readonly outboxFailed = new Counter({
    name: 'samflyt_outbox_failed_total',
    help: 'E-mails given up on (status failed): last attempt failed or the server refused them permanently',
    registers: [this.registry],
  });

  readonly reconcilerRuns = new Counter({
    name: 'samflyt_reconciler_runs_total',
    help: 'Reconciler runs by result (done, skipped: another worker held the lock, error)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly reconcilerRequeued = new Counter({
    name: 'samflyt_reconciler_requeued_total',
    help: 'Pending timers and messages the reconciler enqueued again because Redis held no job for them',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  constructor(
    /** Observed by the engine's onTimerFired hook, from the transaction that fired the timer. */
    readonly timerLag: TimerLagHistogram,
    stats: EngineStatsRepository,
    @InjectQueue(QueueName.Timers) timers: Queue,
    @InjectQueue(QueueName.Outbox) outbox: Queue,
  ) {
    this.registry.registerMetric(timerLag);
    collectDefaultMetrics({ register: this.registry, prefix: 'samflyt_worker_' });
    new Gauge({
      name: 'samflyt_queue_jobs',
      help: 'BullMQ jobs per queue and state',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        for (const queue of [timers, outbox]) {
          const counts = await queue.getJobCounts(...JOB_STATES);
          for (const state of JOB_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
    new Gauge({
      name: 'samflyt_outbox_messages',
      help: 'Outbox messages per status (pending, sent, failed), from Postgres',
      labelNames: ['status'] as const,
      registers: [this.registry],
      async collect() {
        const counts = await stats.outboxByStatus();
        for (const status of OUTBOX_STATUSES) this.set({ status }, counts[status]);
      },
    });
  }
}
