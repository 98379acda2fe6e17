import { randomBytes } from 'node:crypto';
import { dataSourceOptions, createRegistry } from '@samflyt/domain';
import { JobDispatcher, WorkflowEngine, type Actor } from '@samflyt/engine';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { freshDatabase, requireEnv, uniquePrefix } from '../support/database';
import { pollUntil } from '../support/wait';
import { killAllWorkers, workerEnvOf } from '../support/worker-process';

/**
 * What a worker test drives in-process: a fresh database, the engine over it with a dispatcher on
 * the file's own queue prefix, and the environment for real worker processes on the same pair.
 */
export interface Harness {
  tag: string;
  prefix: string;
  databaseUrl: string;
  redisUrl: string;
  dataSource: DataSource;
  redis: Redis;
  dispatcher: JobDispatcher;
  engine: WorkflowEngine;
  secretariat: Actor;
  /** DATABASE_URL, REDIS_URL, QUEUE_PREFIX and a short reconcile interval for spawned workers. */
  workerEnv: Record<string, string>;
  close(): Promise<void>;
}

export async function createHarness(label: string, opts: { redisUrl?: string } = {}): Promise<Harness> {
  const db = await freshDatabase(label);
  const redisUrl = opts.redisUrl ?? requireEnv('REDIS_URL');
  const prefix = uniquePrefix(label);
  const dataSource = await new DataSource(dataSourceOptions(db.url, 30)).initialize();
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const dispatcher = new JobDispatcher(redis, { prefix });
  const engine = new WorkflowEngine(dataSource, createRegistry(), dispatcher);
  const tag = randomBytes(4).toString('hex');
  return {
    tag,
    prefix,
    databaseUrl: db.url,
    redisUrl,
    dataSource,
    redis,
    dispatcher,
    engine,
    secretariat: {
      id: `sek-${tag}`,
      name: 'Sekretariatet',
      roles: ['secretariat'],
      email: `sek-${tag}@test.samflyt.no`,
    },
    workerEnv: workerEnvOf({ DATABASE_URL: db.url, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix }),
    close: async () => {
      await dispatcher.close().catch(() => undefined);
      redis.disconnect();
      await dataSource.destroy();
      await db.drop();
    },
  };
}

/** A fresh harness for each test of the file, handed to `use`; after each, its workers killed and its database dropped. */
export function harnessForEachTest(label: string, use: (h: Harness) => void): void {
  let current: Harness | undefined;
  beforeEach(async () => use((current = await createHarness(label))));
  afterEach(async () => {
    await killAllWorkers();
    await current?.close();
  });
}

export const assigneeEmail = (h: Harness, i: number): string => `oppdrag-${h.tag}-${i}@test.samflyt.no`;

/** Starts `count` assignments due `dueInMs` from now (one shared instant), `parallel` at a time. */
export async function startAssignments(
  h: Harness,
  count: number,
  opts: { dueInMs: number; reminderOffsets?: string[]; parallel?: number },
): Promise<string[]> {
  const dueAt = new Date(Date.now() + opts.dueInMs).toISOString();
  const ids: string[] = new Array(count);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < count; i = next++) {
      const view = await h.engine.start(
        'assignment',
        {
          title: `Utrede felles rekrutteringstiltak ${i}`,
          caseRef: '30/24',
          body: 'AU',
          assignee: { id: `au-${h.tag}-${i}`, name: `AU-medlem ${i}`, email: assigneeEmail(h, i) },
          dueAt,
          reminderOffsets: opts.reminderOffsets ?? [],
        },
        h.secretariat,
      );
      ids[i] = view.id;
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.parallel ?? 8, count) }, lane));
  return ids;
}

/** `{ pending: n, fired: m, … }` */
export async function countBy(
  h: Harness,
  table: 'workflow_timers' | 'outbox_messages',
): Promise<Record<string, number>> {
  const rows = (await h.dataSource.query(`SELECT status, count(*)::int AS n FROM ${table} GROUP BY status`)) as {
    status: string;
    n: number;
  }[];
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Journal rows of one event type per instance: `{ [instanceId]: n }`. */
export async function journalCounts(h: Harness, eventType: string): Promise<Map<string, number>> {
  const rows = (await h.dataSource.query(
    `SELECT instance_id, count(*)::int AS n FROM workflow_journal WHERE event_type = $1 GROUP BY instance_id`,
    [eventType],
  )) as { instance_id: string; n: number }[];
  return new Map(rows.map((r) => [r.instance_id, r.n]));
}

/** Waits until no job is waiting, active or delayed in the harness's queues (both unless named). */
export async function waitForIdleQueues(
  h: Harness,
  { timeoutMs = 30_000, only }: { timeoutMs?: number; only?: 'timers' | 'outbox' } = {},
): Promise<void> {
  const queues = only ? [h.dispatcher[only]] : [h.dispatcher.timers, h.dispatcher.outbox];
  await pollUntil(
    'idle queues',
    async () => {
      const counts = await Promise.all(
        queues.map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')),
      );
      return counts.reduce((sum, c) => sum + Object.values(c).reduce((a, b) => a + b, 0), 0);
    },
    (busy) => busy === 0,
    { timeoutMs },
  );
}
