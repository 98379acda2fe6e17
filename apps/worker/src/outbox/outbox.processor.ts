import { isUuid, JobName, QueueName, SendMessageJob } from '@samflyt/engine';
import { Processor } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { JobRoutes, RoutedProcessor } from '../jobs/job-routes';
import { OutboxService, type SendOutcome } from './outbox.service';

/** Started by WorkerLifecycle (autorun off) once job routes are checked and concurrency is set from env. */
@Processor(QueueName.Outbox, { autorun: false })
export class OutboxProcessor extends RoutedProcessor {
  readonly queue = QueueName.Outbox;

  protected readonly routes: JobRoutes = {
    [JobName.SendMessage]: (job) => this.sendMessage(job),
  };

  constructor(private readonly outbox: OutboxService) {
    super();
  }

  private async sendMessage(job: Job<SendMessageJob>): Promise<SendOutcome> {
    const { messageId } = job.data;
    if (typeof messageId !== 'string' || !isUuid(messageId)) {
      throw new UnrecoverableError(`Job ${job.id} has no valid messageId: ${JSON.stringify(job.data)}`);
    }
    // attemptsMade counts the attempts that already failed; this one is the last if it reaches the limit.
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.outbox.send(messageId, { final });
  }
}
