import { Injectable, Logger } from '@nestjs/common';
import { EngineStatsRepository, OUTBOX_STATUSES, TIMER_STATUSES, withTimeout } from '@samflyt/engine';
import type { JobType } from 'bullmq';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { QueueConnection } from '../engine/queue-connection';

const JOB_STATES: JobType[] = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'paused',
  'completed',
  'failed',
];
const LAG_WINDOW = '15 minutes';

/**
 * Prometheus metrics of this API process. Counters count what this process did; the gauges are
 * read from Postgres and BullMQ on each scrape, so every process reports the same system state.
 */
@Injectable()
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly logger = new Logger('Metrics');
  private readonly applied: Counter<'workflow' | 'event'>;
  private readonly dispatchErrors: Counter;
  private readonly httpRequests: Counter<'method' | 'route' | 'status_class'>;
  private readonly httpErrors: Counter<'method' | 'route' | 'status'>;
  private readonly httpDuration: Histogram<'method' | 'route'>;

  constructor(
    private readonly stats: EngineStatsRepository,
    private readonly queues: QueueConnection,
  ) {
    collectDefaultMetrics({ register: this.registry });
    this.applied = new Counter({
      name: 'samflyt_events_applied_total',
      help: 'Events applied by the engine in this process (workflow.started included)',
      labelNames: ['workflow', 'event'],
      registers: [this.registry],
    });
    this.dispatchErrors = new Counter({
      name: 'samflyt_dispatch_errors_total',
      help: 'Enqueues to BullMQ that failed after commit (the reconciler enqueues them later)',
      registers: [this.registry],
    });
    // Labelled by route template (`/instances/:id`), never the raw path: ids would make a series per instance.
    this.httpRequests = new Counter({
      name: 'samflyt_http_requests_total',
      help: 'HTTP requests answered, by method, route template and status class (2xx, 4xx, …)',
      labelNames: ['method', 'route', 'status_class'],
      registers: [this.registry],
    });
    this.httpErrors = new Counter({
      name: 'samflyt_http_request_errors_total',
      help: 'HTTP requests answered with a server error (5xx), by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.httpDuration = new Histogram({
      name: 'samflyt_http_request_duration_seconds',
      help: 'Time from request to the end of the response, by method and route template',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.databaseGauges();
    this.queueGauge();
  }

  /** One answered request; `route` is the template the router matched, or UNMATCHED_ROUTE. */
  requestAnswered(method: string, route: string, status: number, seconds: number): void {
    this.httpRequests.inc({ method, route, status_class: `${Math.floor(status / 100)}xx` });
    if (status >= 500) this.httpErrors.inc({ method, route, status: String(status) });
    this.httpDuration.observe({ method, route }, seconds);
  }

  eventApplied(workflow: string, event: string): void {
    this.applied.inc({ workflow, event });
  }

  dispatchFailed(): void {
    this.dispatchErrors.inc();
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private databaseGauges(): void {
    const counts = (gauge: Gauge<'status'>, statuses: readonly string[], byStatus: Record<string, number>) => {
      gauge.reset();
      for (const status of statuses) gauge.set({ status }, byStatus[status]);
    };
    const outbox: Gauge<'status'> = new Gauge({
      name: 'samflyt_outbox_messages',
      help: 'Outbox messages by status',
      labelNames: ['status'],
      registers: [this.registry],
      collect: () =>
        this.guard('outbox', async () => counts(outbox, OUTBOX_STATUSES, await this.stats.outboxByStatus())),
    });
    const timers: Gauge<'status'> = new Gauge({
      name: 'samflyt_timers',
      help: 'Durable timers by status',
      labelNames: ['status'],
      registers: [this.registry],
      collect: () =>
        this.guard('timers', async () => counts(timers, TIMER_STATUSES, await this.stats.timersByStatus())),
    });
    const lag = (name: string, help: string) => new Gauge({ name, help, registers: [this.registry] });
    const p50 = lag(
      'samflyt_timer_lag_seconds_p50',
      `Median of fired_at - due_at over timers fired in the last ${LAG_WINDOW}`,
    );
    const p99 = lag('samflyt_timer_lag_seconds_p99', `99th percentile of fired_at - due_at, last ${LAG_WINDOW}`);
    const max = lag('samflyt_timer_lag_seconds_max', `Largest fired_at - due_at, last ${LAG_WINDOW}`);
    const fired: Gauge = new Gauge({
      name: 'samflyt_timers_fired_recent',
      help: `Timers fired in the last ${LAG_WINDOW} (the population of the lag gauges)`,
      registers: [this.registry],
      collect: () =>
        this.guard('timer lag', async () => {
          const recent = await this.stats.recentTimerLag(LAG_WINDOW);
          fired.set(recent.fired);
          p50.set(recent.p50);
          p99.set(recent.p99);
          max.set(recent.max);
        }),
    });
  }

  private queueGauge(): void {
    const jobs: Gauge<'queue' | 'state'> = new Gauge({
      name: 'samflyt_queue_jobs',
      help: 'BullMQ jobs by queue and state (absent while Redis is unreachable)',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      collect: async () => {
        jobs.reset();
        if (!this.queues.ready) return;
        await this.guard('queues', async () => {
          for (const queue of this.queues.queues) {
            const counts = await withTimeout(queue.getJobCounts(...JOB_STATES), 2_000, 'getJobCounts timed out');
            for (const state of JOB_STATES) jobs.set({ queue: queue.name, state }, counts[state] ?? 0);
          }
        });
      },
    });
  }

  /** A failing source leaves its gauges stale for one scrape rather than failing the whole scrape. */
  private async guard(what: string, collect: () => Promise<void>): Promise<void> {
    try {
      await collect();
    } catch (error) {
      this.logger.warn(`Could not collect ${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
