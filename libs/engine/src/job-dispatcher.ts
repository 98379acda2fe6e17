import { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { JobName, OUTBOX_ATTEMPTS, OUTBOX_BACKOFF_MS, QueueName, TIMER_HORIZON_MS, type FireTimerJob } from './jobs';
import { queueTelemetry } from './tracing';

export interface DispatchWork {
  timers: ReadonlyArray<{ id: string; dueAt: Date }>;
  messages: ReadonlyArray<string>;
  /** Carried in the jobs' data, so the worker logs and works under the id of the request that caused them. */
  correlationId?: string | null;
}

const keepForDedupe: Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'> = {
  removeOnComplete: { age: 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** The job of one durable timer, due in `delayMs`: job id = timer id, retried with backoff, kept to dedupe. */
export const fireTimerJob = (timerId: string, delayMs: number, correlationId?: string | null) => ({
  name: JobName.FireTimer,
  data: { timerId, ...(correlationId ? { correlationId } : {}) } satisfies FireTimerJob,
  opts: {
    jobId: timerId,
    delay: Math.max(0, delayMs),
    attempts: 5,
    backoff: { type: 'exponential', delay: 1_000 },
    ...keepForDedupe,
  } satisfies JobsOptions,
});

/**
 * Hands committed work to BullMQ. Job id = row id, so enqueueing twice is a no-op while the job is
 * stored; the database row's status is what makes the effect happen once.
 */
export class JobDispatcher {
  readonly timers: Queue;
  readonly outbox: Queue;

  private readonly now: () => Date;

  constructor(connection: Redis, options: { prefix?: string; now?: () => Date } = {}) {
    this.now = options.now ?? (() => new Date());
    // With tracing on, each job carries the trace context of the request or job that added it.
    const telemetry = queueTelemetry();
    this.timers = new Queue(QueueName.Timers, { connection, prefix: options.prefix, telemetry });
    this.outbox = new Queue(QueueName.Outbox, { connection, prefix: options.prefix, telemetry });
  }

  async dispatch(work: DispatchWork): Promise<void> {
    const now = this.now().getTime();
    const near = work.timers.filter((t) => t.dueAt.getTime() - now <= TIMER_HORIZON_MS);
    const adds: Promise<unknown>[] = [];
    if (near.length > 0) {
      adds.push(this.timers.addBulk(near.map((t) => fireTimerJob(t.id, t.dueAt.getTime() - now, work.correlationId))));
    }
    if (work.messages.length > 0) {
      adds.push(
        this.outbox.addBulk(
          work.messages.map((id) => ({
            name: JobName.SendMessage,
            data: { messageId: id, ...(work.correlationId ? { correlationId: work.correlationId } : {}) },
            opts: {
              jobId: id,
              attempts: OUTBOX_ATTEMPTS,
              backoff: { type: 'exponential', delay: OUTBOX_BACKOFF_MS },
              ...keepForDedupe,
            },
          })),
        ),
      );
    }
    await Promise.all(adds);
  }

  async close(): Promise<void> {
    await Promise.all([this.timers.close(), this.outbox.close()]);
  }
}
