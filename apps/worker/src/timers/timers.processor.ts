import { isUuid, FireTimerJob, JobName, QueueName } from '@samflyt/engine';
import { Processor } from '@nestjs/bullmq';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { JobRoutes, RoutedProcessor } from '../jobs/job-routes';
import { TimerService } from './timer.service';

/** A little past the due time, so a job put back for clock skew is not early again. */
const EARLY_MARGIN_MS = 50;

/** Started by WorkerLifecycle (autorun off) once job routes are checked and concurrency is set from env. */
@Processor(QueueName.Timers, { autorun: false })
export class TimersProcessor extends RoutedProcessor {
  readonly queue = QueueName.Timers;

  protected readonly routes: JobRoutes = {
    [JobName.FireTimer]: (job, token) => this.fireTimer(job, token),
  };

  constructor(private readonly timers: TimerService) {
    super();
  }

  private async fireTimer(job: Job<FireTimerJob>, token: string | undefined): Promise<string> {
    const { timerId } = job.data;
    if (typeof timerId !== 'string' || !isUuid(timerId)) {
      throw new UnrecoverableError(`Job ${job.id} has no valid timerId: ${JSON.stringify(job.data)}`);
    }
    const result = await this.timers.fire(timerId, 'job');
    if (result.outcome === 'not-due') {
      // Delivered early (a job added by a process whose clock runs ahead, or clock skew between
      // machines): put it back until the row's due time rather than fire early or drop it.
      await job.moveToDelayed(Date.now() + (result.dueInMs ?? 0) + EARLY_MARGIN_MS, token);
      throw new DelayedError();
    }
    return result.outcome;
  }
}
