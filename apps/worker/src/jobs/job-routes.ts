import { WorkerHost } from '@nestjs/bullmq';
import { JobName, JobPayloads, QueueName, queueOf, withCorrelationId } from '@samflyt/engine';
import { Job, UnrecoverableError } from 'bullmq';

/** What one job name's handler gets: the typed job and the lock token (for moveToDelayed). */
export type JobHandler<N extends JobName> = (job: Job<JobPayloads[N]>, token: string | undefined) => Promise<unknown>;

/** A processor's typed map of job name → handler. */
export type JobRoutes = { [N in JobName]?: JobHandler<N> };

/**
 * A BullMQ processor that routes by `job.name`; the work lives in services. A job name this
 * processor does not handle can never succeed, so it fails without retries.
 */
export abstract class RoutedProcessor extends WorkerHost {
  abstract readonly queue: QueueName;
  protected abstract readonly routes: JobRoutes;

  handledJobs(): JobName[] {
    return Object.keys(this.routes) as JobName[];
  }

  async process(job: Job, token?: string): Promise<unknown> {
    const handler = this.routes[job.name as JobName] as JobHandler<JobName> | undefined;
    if (!handler) {
      throw new UnrecoverableError(`Queue ${this.queue} has no handler for job "${job.name}"`);
    }
    // Under the correlation id of the request that caused the job: its log lines carry it.
    const { correlationId } = (job.data ?? {}) as { correlationId?: unknown };
    return withCorrelationId(typeof correlationId === 'string' ? correlationId : null, () => handler(job, token));
  }
}

/** Fails start-up unless every job name has exactly one handler, on the queue it is sent to. */
export function assertJobRoutes(processors: ReadonlyArray<Pick<RoutedProcessor, 'queue' | 'handledJobs'>>): void {
  const problems: string[] = [];
  const owners = new Map<string, QueueName[]>();
  for (const processor of processors) {
    for (const name of processor.handledJobs()) {
      owners.set(name, [...(owners.get(name) ?? []), processor.queue]);
    }
  }
  for (const name of Object.values(JobName)) {
    const queues = owners.get(name) ?? [];
    if (queues.length === 0) problems.push(`job "${name}" has no handler`);
    if (queues.length > 1) problems.push(`job "${name}" has ${queues.length} handlers (${queues.join(', ')})`);
    if (queues.length === 1 && queues[0] !== queueOf[name]) {
      problems.push(`job "${name}" is handled on ${queues[0]} but sent to ${queueOf[name]}`);
    }
    owners.delete(name);
  }
  for (const name of owners.keys()) problems.push(`handler for unknown job "${name}"`);
  if (problems.length > 0) throw new Error(`Job routing is wrong: ${problems.join('; ')}`);
}
