import { InjectQueue } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { WorkerEnv } from '@samflyt/domain';
import { JobDispatcher, QueueName } from '@samflyt/engine';
import { Queue } from 'bullmq';
import { assertJobRoutes, type RoutedProcessor } from './jobs/job-routes';
import { OutboxProcessor } from './outbox/outbox.processor';
import { TimersProcessor } from './timers/timers.processor';

/**
 * Starts the BullMQ workers once the job routes are known to be complete, with concurrency from the
 * environment, and stops them before the database pool closes: a job in progress finishes first.
 */
@Injectable()
export class WorkerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerLifecycle.name);
  private readonly processors: RoutedProcessor[];

  constructor(
    private readonly env: WorkerEnv,
    private readonly timers: TimersProcessor,
    private readonly outbox: OutboxProcessor,
    private readonly dispatcher: JobDispatcher,
    @InjectQueue(QueueName.Timers) private readonly timersQueue: Queue,
    @InjectQueue(QueueName.Outbox) private readonly outboxQueue: Queue,
  ) {
    this.processors = [timers, outbox];
  }

  async onApplicationBootstrap(): Promise<void> {
    assertJobRoutes(this.processors);
    this.timers.worker.concurrency = this.env.WORKER_TIMER_CONCURRENCY;
    this.outbox.worker.concurrency = this.env.WORKER_OUTBOX_CONCURRENCY;
    for (const processor of this.processors) {
      const worker = processor.worker;
      // Without a listener, an 'error' event (Redis gone for a moment) would end the process.
      worker.on('error', (error) => this.logger.warn(`${processor.queue}: ${error.message}`));
      worker.on('failed', (job, error) => {
        if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
          this.logger.error(`${processor.queue}: job ${job.id} (${job.name}) failed for good: ${error.message}`);
        }
      });
    }
    for (const queue of [this.timersQueue, this.outboxQueue]) {
      queue.on('error', (error) => this.logger.warn(`${queue.name}: ${error.message}`));
    }
    // Every BullMQ connection is up before the worker says it is ready. Closing one that is still
    // connecting makes BullMQ 5 emit 'error' after it has removed its listeners, which ends the
    // process: a SIGTERM just after start-up would then exit 1 instead of cleanly.
    await Promise.all([
      ...this.processors.map((p) => p.worker.waitUntilReady()),
      ...[this.timersQueue, this.outboxQueue, this.dispatcher.timers, this.dispatcher.outbox].map((q) =>
        q.waitUntilReady(),
      ),
    ]);
    for (const processor of this.processors) {
      processor.worker.run().catch((error: unknown) => {
        if (!processor.worker.closing) this.logger.error(`${processor.queue} worker stopped: ${String(error)}`);
      });
    }
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`stopping${signal ? ` on ${signal}` : ''}: taking no new jobs, finishing running ones`);
    await Promise.all(this.processors.map((p) => p.worker.close()));
    this.logger.log('workers stopped');
  }
}
