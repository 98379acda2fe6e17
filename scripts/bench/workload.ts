import { randomUUID } from 'node:crypto';
import { createRegistry, dataSourceOptions } from '@samflyt/domain';
import { JobDispatcher, WorkflowEngine, type Actor, type Dispatcher, type InstanceView } from '@samflyt/engine';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { forEachParallel } from './load';

export const BENCH_SECRETARIAT: Actor = {
  id: 'bench-secretariat',
  name: 'Sekretariatet (bench)',
  roles: ['secretariat'],
  email: 'sekretariat@bench.samflyt.test',
};

const HOUR = 3600_000;

/** The event a benchmark sends, and the instances it needs. */
export interface EventKind {
  key: string;
  /** For the printed table: which event, and what it writes and enqueues. */
  label: string;
  detail: string;
  reminderOffsets: string[];
  /** Due date of new instances and base of the rescheduled ones. */
  dueInMs: number;
}

/**
 * `assignment.rescheduled` in state `assigned` is a self-loop that re-enters the state: it cancels the
 * state's pending timers, arms new ones, and writes one outbox row ("ny frist") to the assignee.
 */
export const RESCHEDULE_NEAR: EventKind = {
  key: 'rescheduled-near',
  label: 'assignment.rescheduled, due in 6 h',
  detail:
    '3 timers cancelled + 3 armed (deadline, reminders PT2H/PT1H), 1 outbox row; BullMQ: 3 delayed + 1 outbox job',
  reminderOffsets: ['PT2H', 'PT1H'],
  dueInMs: 6 * HOUR,
};

export const RESCHEDULE_FAR: EventKind = {
  key: 'rescheduled-far',
  label: 'assignment.rescheduled, due in 30 d',
  detail: '1 timer cancelled + 1 armed (beyond the 1 h horizon: no Redis job), 1 outbox row; BullMQ: 1 outbox job',
  reminderOffsets: [],
  dueInMs: 30 * 24 * HOUR,
};

let serial = 0;

/**
 * A new due date for an event of this kind: a millisecond later than any before it, so each event's
 * notify key (`rescheduled-<dueAt>`) is new and every event really writes its outbox row.
 */
export function nextDueAt(kind: EventKind, base: number): string {
  return new Date(base + kind.dueInMs + ++serial).toISOString();
}

export const assignmentInput = (i: number, dueAt: string, reminderOffsets: string[]) => ({
  title: `Utarbeide utlysningstekst, søknadsskjema og kriterier (${i})`,
  description: 'ASU delegerer til utvidet AU å utarbeide utlysningstekst, søknadsskjema og kriterier for tildeling.',
  caseRef: '30/24',
  body: 'Utvidet AU',
  assignee: { id: `au-${i}`, name: `AU-medlem ${i}`, email: `au-${i}@bench.samflyt.test` },
  dueAt,
  reminderOffsets,
});

/** Starts `count` assignments through the engine, `parallel` at a time; returns their views in order. */
export async function startAssignments(
  engine: WorkflowEngine,
  count: number,
  opts: { dueAt: (i: number) => string; reminderOffsets: string[]; parallel: number },
): Promise<InstanceView[]> {
  const views: InstanceView[] = new Array<InstanceView>(count);
  await forEachParallel(count, opts.parallel, async (i) => {
    views[i] = await engine.start(
      'assignment',
      assignmentInput(i, opts.dueAt(i), opts.reminderOffsets),
      BENCH_SECRETARIAT,
    );
  });
  return views;
}

/** The engine a benchmark drives in-process: its own pool, Redis connection and BullMQ dispatcher. */
export interface BenchEngine {
  dataSource: DataSource;
  dispatcher: JobDispatcher;
  engine: WorkflowEngine;
  /** An engine on the same pool with another dispatcher (an instrumented one, for diagnosis). */
  withDispatcher(dispatcher: Dispatcher): WorkflowEngine;
  close(): Promise<void>;
}

export async function benchEngine(opts: {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  pool: number;
  onDispatchError: (error: unknown) => void;
}): Promise<BenchEngine> {
  const dataSource = await new DataSource(dataSourceOptions(opts.databaseUrl, opts.pool)).initialize();
  const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
  const dispatcher = new JobDispatcher(redis, { prefix: opts.prefix });
  const withDispatcher = (d: Dispatcher) =>
    new WorkflowEngine(dataSource, createRegistry(), d, { onDispatchError: opts.onDispatchError });
  return {
    dataSource,
    dispatcher,
    engine: withDispatcher(dispatcher),
    withDispatcher,
    close: async () => {
      await dispatcher.close().catch(() => undefined);
      redis.disconnect();
      await dataSource.destroy();
    },
  };
}

export const rescheduled = (dueAt: string) => ({ type: 'assignment.rescheduled', dueAt });

export const newKey = (): string => randomUUID();
