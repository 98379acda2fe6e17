import { Injectable, Logger } from '@nestjs/common';
import { TimersRepository, WorkflowEngine, type TimerOutcome } from '@samflyt/engine';
import { WorkerMetrics } from '../metrics/worker-metrics';

export type TimerSource = 'job' | 'reconciler';

export interface FireResult {
  outcome: TimerOutcome;
  /** Only for 'not-due': how long until the timer is due by this process's clock. */
  dueInMs?: number;
}

/**
 * Fires durable timers through the engine. The engine decides, under the instance's row lock,
 * whether the timer still counts (pending, due, its state entry current), so calling this twice,
 * from two workers, or from a job and the reconciler at once, changes the instance once.
 */
@Injectable()
export class TimerService {
  private readonly logger = new Logger(TimerService.name);

  constructor(
    private readonly engine: WorkflowEngine,
    private readonly timers: TimersRepository,
    private readonly metrics: WorkerMetrics,
  ) {}

  async fire(timerId: string, source: TimerSource): Promise<FireResult> {
    const outcome = await this.engine.fireTimer(timerId);
    this.metrics.timerOutcomes.inc({ outcome, source });
    switch (outcome) {
      case 'fired':
        // The lag is observed by the engine's onTimerFired hook (worker-engine.module.ts).
        this.logger.log(`Timer ${timerId} fired (${source})`);
        return { outcome };
      case 'not-due': {
        const dueAt = await this.timers.dueAt(timerId);
        return { outcome, dueInMs: dueAt ? Math.max(0, dueAt.getTime() - Date.now()) : 0 };
      }
      case 'unknown':
        this.logger.warn(
          `Timer ${timerId} does not exist in this database (job from another system sharing the queue prefix?)`,
        );
        return { outcome };
      case 'not-pending':
      case 'not-accepted':
        return { outcome };
    }
  }
}
