import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { dataSourceOptions } from '@samflyt/domain';
import { JobDispatcher, WorkflowEngine, createRegistry } from '@samflyt/workflows';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { RssSampler, memoryOf, spawnNode, type NodeProcess } from './processes';
import { startAssignments } from './workload';

export interface Lateness {
  n: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface TimerRun {
  count: number;
  dueAt: string;
  /** From the due time until the poller saw all `count` done (100 ms polls). */
  allDoneMs: number | null;
  /** Same, from the database's own timestamps: last transition (or UPDATE) − due time. */
  allDoneDbMs: number | null;
  firstDoneMs: number | null;
  doneAtTimeout: number;
  lateness: Lateness;
}

export interface EngineTimerRun extends TimerRun {
  workers: number;
  timerConcurrency: number;
  creation: { ms: number; perSecond: number; slackBeforeDueMs: number };
  /** Outbox rows still pending at the due time ("assigned" mails of the creation). */
  outboxPendingAtDue: number;
  outboxPendingAtDone: number;
  firedOnce: boolean;
  journalDeadlineRows: number;
  reconcilerFired: number;
  memory: { pid: number; idleKiB: number; peakKiB: number; hwmKiB: number }[];
}

export interface TimerEnv {
  databaseUrl: string;
  redisUrl: string;
  smtpUrl: string;
  prefix: string;
  distRoot: string;
  log: (s: string) => void;
}

/**
 * 10,000 assignments started through the engine, all due at one instant T; `workers` real worker
 * processes fire them. Measures from T until every instance is `overdue`, and lateness = fired_at − due_at.
 */
export async function engineTimers(
  env: TimerEnv,
  opts: { count: number; workers: number; timerConcurrency: number; expectedStartsPerSecond: number; timeoutMs: number },
): Promise<EngineTimerRun> {
  const workerEnv = {
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: env.redisUrl,
    SMTP_URL: env.smtpUrl,
    MAIL_FROM: 'samflyt bench <noreply@bench.samflyt.test>',
    QUEUE_PREFIX: env.prefix,
    RECONCILE_INTERVAL_MS: '30000',
    WORKER_TIMER_CONCURRENCY: String(opts.timerConcurrency),
    WORKER_METRICS_PORT: '0',
  };
  const workers: NodeProcess[] = [];
  const dataSource = await new DataSource(dataSourceOptions(env.databaseUrl, 20)).initialize();
  const redis = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
  const dispatcher = new JobDispatcher(redis, { prefix: env.prefix });
  const engine = new WorkflowEngine(dataSource, createRegistry(), dispatcher, {
    onDispatchError: (error) => env.log(`  dispatch failed (the reconciler will enqueue): ${String(error)}`),
  });
  const count = async (sql: string, params: unknown[] = []) =>
    ((await dataSource.query(sql, params)) as { n: number }[])[0].n;
  try {
    for (let i = 0; i < opts.workers; i++) {
      workers.push(spawnNode(`worker-${i + 1}`, join(env.distRoot, 'apps/worker/src/main.js'), workerEnv));
    }
    await Promise.all(workers.map((w) => w.waitFor(/worker ready/)));
    await sleep(3000);
    const idle = workers.map((w) => memoryOf(w.pid).rssKiB);
    env.log(`  ${opts.workers} workers ready (timer concurrency ${opts.timerConcurrency} each); idle RSS ${idle.map(kib).join(', ')}`);

    const sampler = new RssSampler(workers.map((w) => w.pid)).start();
    // Enough time to start them all, judged from the engine's event rate measured before.
    const leadMs = Math.min(120_000, Math.max(20_000, (opts.count / opts.expectedStartsPerSecond) * 1000 * 1.5 + 8_000));
    const due = new Date(Date.now() + leadMs);
    const dueAt = due.toISOString();
    env.log(`  starting ${opts.count} assignments through the engine, all due at ${dueAt} (in ${(leadMs / 1000).toFixed(0)} s)`);
    const t0 = Date.now();
    await startAssignments(engine, opts.count, { dueAt: () => dueAt, reminderOffsets: [], parallel: 16 });
    const creationMs = Date.now() - t0;
    const slack = due.getTime() - Date.now();
    env.log(
      `  started ${opts.count} in ${(creationMs / 1000).toFixed(1)} s (${((opts.count / creationMs) * 1000).toFixed(0)}/s), ` +
        `${(slack / 1000).toFixed(1)} s before the due time`,
    );
    if (slack < 0) env.log('  WARNING: creating took longer than the lead; the first timers fired while instances were still being started');

    await sleep(Math.max(0, due.getTime() - Date.now()));
    const outboxPendingAtDue = await count(`SELECT count(*)::int AS n FROM outbox_messages WHERE status = 'pending'`);
    env.log(`  due time reached; ${outboxPendingAtDue} "assigned" e-mails still pending in the outbox`);
    const run = await pollDone(
      () => count(`SELECT count(*)::int AS n FROM workflow_instances WHERE state = 'overdue'`),
      opts.count,
      due.getTime(),
      opts.timeoutMs,
    );
    const peaks = sampler.stop();
    const outboxPendingAtDone = await count(`SELECT count(*)::int AS n FROM outbox_messages WHERE status = 'pending'`);
    const [db] = (await dataSource.query(
      `SELECT extract(epoch FROM max(at) - $1::timestamptz) * 1000 AS ms, count(*)::int AS n
         FROM workflow_journal WHERE event_type = 'deadline.passed'`,
      [dueAt],
    )) as { ms: number | null; n: number }[];
    const lateness = await latenessOf(
      dataSource,
      `SELECT extract(epoch FROM fired_at - due_at) * 1000 AS ms FROM workflow_timers WHERE name = 'deadline' AND status = 'fired'`,
    );
    const reconcilerFired = workers.reduce(
      (sum, w) => sum + [...w.output().matchAll(/fired (\d+) overdue timers/g)].reduce((s, m) => s + Number(m[1]), 0),
      0,
    );
    return {
      count: opts.count,
      dueAt,
      ...run,
      allDoneDbMs: run.allDoneMs === null ? null : Number(db.ms),
      lateness,
      workers: opts.workers,
      timerConcurrency: opts.timerConcurrency,
      creation: { ms: creationMs, perSecond: (opts.count / creationMs) * 1000, slackBeforeDueMs: slack },
      outboxPendingAtDue,
      outboxPendingAtDone,
      journalDeadlineRows: db.n,
      firedOnce: db.n === opts.count && lateness.n === opts.count,
      reconcilerFired,
      memory: workers.map((w, i) => ({
        pid: w.pid,
        idleKiB: idle[i],
        peakKiB: peaks.get(w.pid) ?? Number.NaN,
        hwmKiB: memoryOf(w.pid).hwmKiB,
      })),
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await dispatcher.close().catch(() => undefined);
    redis.disconnect();
    await dataSource.destroy();
  }
}

/**
 * The baseline: the same number of BullMQ delayed jobs due at one instant, processed by the same
 * number of bare BullMQ Worker processes with the same concurrency, each job one trivial UPDATE.
 */
export async function rawBullmqTimers(
  env: TimerEnv,
  opts: { count: number; workers: number; concurrency: number; timeoutMs: number },
): Promise<TimerRun> {
  const queueName = 'bench-raw-timers';
  const pg = new Client({ connectionString: env.databaseUrl });
  await pg.connect();
  const redis = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(queueName, { connection: redis, prefix: env.prefix });
  const workers: NodeProcess[] = [];
  try {
    await pg.query(`CREATE TABLE bench_raw_timers (id uuid PRIMARY KEY, due_at timestamptz NOT NULL, fired_at timestamptz)`);
    for (let i = 0; i < opts.workers; i++) {
      workers.push(
        spawnNode(`raw-worker-${i + 1}`, join(env.distRoot, 'scripts/bench/raw-worker.js'), {
          DATABASE_URL: env.databaseUrl,
          REDIS_URL: env.redisUrl,
          QUEUE_PREFIX: env.prefix,
          RAW_QUEUE: queueName,
          CONCURRENCY: String(opts.concurrency),
        }),
      );
    }
    await Promise.all(workers.map((w) => w.waitFor(/raw worker ready/)));
    const ids = Array.from({ length: opts.count }, () => randomUUID());
    const due = new Date(Date.now() + 8_000);
    await pg.query(`INSERT INTO bench_raw_timers (id, due_at) SELECT unnest($1::uuid[]), $2`, [ids, due]);
    for (let i = 0; i < ids.length; i += 500) {
      const now = Date.now();
      await queue.addBulk(
        ids.slice(i, i + 500).map((id) => ({
          name: 'timer.fire',
          data: { timerId: id },
          opts: {
            jobId: id,
            delay: Math.max(0, due.getTime() - now),
            attempts: 5,
            backoff: { type: 'exponential', delay: 1_000 },
            removeOnComplete: { age: 3600, count: 50_000 },
            removeOnFail: { age: 7 * 24 * 3600 },
          },
        })),
      );
    }
    const slack = due.getTime() - Date.now();
    env.log(`  ${opts.count} delayed jobs added, due at ${due.toISOString()} (${(slack / 1000).toFixed(1)} s ahead)`);
    await sleep(Math.max(0, slack));
    const count = async () =>
      ((await pg.query(`SELECT count(*)::int AS n FROM bench_raw_timers WHERE fired_at IS NOT NULL`)).rows[0] as { n: number }).n;
    const run = await pollDone(count, opts.count, due.getTime(), opts.timeoutMs);
    const [db] = (
      await pg.query(`SELECT extract(epoch FROM max(fired_at) - $1::timestamptz) * 1000 AS ms FROM bench_raw_timers`, [due])
    ).rows as { ms: number | null }[];
    const lateness = await latenessOf(
      { query: async (sql: string) => (await pg.query(sql)).rows },
      `SELECT extract(epoch FROM fired_at - due_at) * 1000 AS ms FROM bench_raw_timers WHERE fired_at IS NOT NULL`,
    );
    return { count: opts.count, dueAt: due.toISOString(), ...run, allDoneDbMs: run.allDoneMs === null ? null : Number(db.ms), lateness };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await queue.close().catch(() => undefined);
    redis.disconnect();
    await pg.end();
  }
}

async function pollDone(
  read: () => Promise<number>,
  target: number,
  dueMs: number,
  timeoutMs: number,
): Promise<{ allDoneMs: number | null; firstDoneMs: number | null; doneAtTimeout: number }> {
  let firstDoneMs: number | null = null;
  for (;;) {
    const n = await read();
    const now = Date.now();
    if (n > 0 && firstDoneMs === null) firstDoneMs = now - dueMs;
    if (n >= target) return { allDoneMs: now - dueMs, firstDoneMs, doneAtTimeout: n };
    if (now - dueMs > timeoutMs) return { allDoneMs: null, firstDoneMs, doneAtTimeout: n };
    await sleep(100);
  }
}

async function latenessOf(db: { query(sql: string): Promise<unknown[]> }, msQuery: string): Promise<Lateness> {
  const [row] = (await db.query(
    `SELECT count(*)::int AS n,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99,
            max(ms) AS max
       FROM (${msQuery}) t`,
  )) as { n: number; p50: number | null; p99: number | null; max: number | null }[];
  return { n: row.n, p50Ms: Number(row.p50 ?? Number.NaN), p99Ms: Number(row.p99 ?? Number.NaN), maxMs: Number(row.max ?? Number.NaN) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const kib = (k: number) => `${(k / 1024).toFixed(0)} MiB`;
