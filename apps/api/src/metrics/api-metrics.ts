import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobType } from 'bullmq';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { QueueConnection, withTimeout } from '../engine/queue-connection';

const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
const TIMER_STATUSES = ['pending', 'fired', 'cancelled'] as const;
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

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    this.databaseGauges();
    this.queueGauge();
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
    const counts = async (table: string, gauge: Gauge<'status'>, statuses: readonly string[]) => {
      const rows = (await this.dataSource.query(`SELECT status, count(*)::int AS n FROM ${table} GROUP BY status`)) as {
        status: string;
        n: number;
      }[];
      gauge.reset();
      for (const status of statuses) gauge.set({ status }, rows.find((r) => r.status === status)?.n ?? 0);
    };
    const outbox: Gauge<'status'> = new Gauge({
      name: 'samflyt_outbox_messages',
      help: 'Outbox messages by status',
      labelNames: ['status'],
      registers: [this.registry],
      collect: () => this.guard('outbox', () => counts('outbox_messages', outbox, OUTBOX_STATUSES)),
    });
    const timers: Gauge<'status'> = new Gauge({
      name: 'samflyt_timers',
      help: 'Durable timers by status',
      labelNames: ['status'],
      registers: [this.registry],
      collect: () => this.guard('timers', () => counts('workflow_timers', timers, TIMER_STATUSES)),
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
          const [row] = (await this.dataSource.query(
            `SELECT count(*)::int AS n,
                    percentile_cont(0.5) WITHIN GROUP (ORDER BY lag) AS p50,
                    percentile_cont(0.99) WITHIN GROUP (ORDER BY lag) AS p99,
                    max(lag) AS max
               FROM (SELECT extract(epoch FROM fired_at - due_at)::float8 AS lag FROM workflow_timers
                      WHERE status = 'fired' AND fired_at > now() - interval '${LAG_WINDOW}') recent`,
          )) as { n: number; p50: number | null; p99: number | null; max: number | null }[];
          fired.set(row.n);
          p50.set(row.p50 ?? 0);
          p99.set(row.p99 ?? 0);
          max.set(row.max ?? 0);
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
