import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { WorkerEnv } from '@samflyt/domain';
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
  ) {
    this.processors = [timers, outbox];
  }

  onApplicationBootstrap(): void {
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
      worker.run().catch((error: unknown) => this.logger.error(`${processor.queue} worker stopped: ${String(error)}`));
    }
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`stopping${signal ? ` on ${signal}` : ''}: taking no new jobs, finishing running ones`);
    await Promise.all(this.processors.map((p) => p.worker.close()));
    this.logger.log('workers stopped');
  }
}
