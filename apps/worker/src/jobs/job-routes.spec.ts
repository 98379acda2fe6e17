import { JobName, QueueName } from '@samflyt/engine';
import { Job, UnrecoverableError } from 'bullmq';
import { JobRoutes, RoutedProcessor, assertJobRoutes } from './job-routes';

const processor = (queue: QueueName, handled: string[]) => ({ queue, handledJobs: () => handled as JobName[] });

describe('assertJobRoutes', () => {
  it('accepts every job name handled once on its own queue', () => {
    expect(() =>
      assertJobRoutes([
        processor(QueueName.Timers, [JobName.FireTimer]),
        processor(QueueName.Outbox, [JobName.SendMessage]),
      ]),
    ).not.toThrow();
  });

  it('names a job without a handler', () => {
    expect(() => assertJobRoutes([processor(QueueName.Timers, [JobName.FireTimer])])).toThrow(
      `job "${JobName.SendMessage}" has no handler`,
    );
  });

  it('names a job with two handlers', () => {
    expect(() =>
      assertJobRoutes([
        processor(QueueName.Timers, [JobName.FireTimer]),
        processor(QueueName.Outbox, [JobName.SendMessage, JobName.FireTimer]),
      ]),
    ).toThrow(`job "${JobName.FireTimer}" has 2 handlers`);
  });

  it('names a job handled on the wrong queue', () => {
    expect(() => assertJobRoutes([processor(QueueName.Outbox, [JobName.FireTimer, JobName.SendMessage])])).toThrow(
      `job "${JobName.FireTimer}" is handled on ${QueueName.Outbox}`,
    );
  });
});

describe('RoutedProcessor', () => {
  class Timers extends RoutedProcessor {
    readonly queue = QueueName.Timers;
    readonly calls: string[] = [];
    protected readonly routes: JobRoutes = {
      [JobName.FireTimer]: async (job) => this.calls.push(job.data.timerId),
    };
  }

  it('routes by job name', async () => {
    const timers = new Timers();
    await timers.process({ name: JobName.FireTimer, data: { timerId: 't1' } } as Job);
    expect(timers.calls).toEqual(['t1']);
  });

  it('fails an unknown job name without retries', async () => {
    await expect(new Timers().process({ name: 'timer.explode', data: {} } as Job)).rejects.toBeInstanceOf(
      UnrecoverableError,
    );
  });
});
