import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { EngineStatsRepository, fireTimerJob, type JobDispatcher, type WorkflowEngine } from '@samflyt/engine';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { sleep } from '../lib/process-utils';
import {
  RssSampler,
  cpuSecondsOf,
  cpuSecondsOfPid,
  machineBusySeconds,
  memoryOf,
  ownTreeCpuSeconds,
  spawnNode,
  type NodeProcess,
} from './processes';
import { mib } from './stats';
import { benchEngine, startAssignments } from './workload';

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
  /** How many were done when polling stopped (all, or as many as by the time-out). */
  doneAtTimeout: number;
  /** From the due time until polling stopped. */
  polledMs: number;
  lateness: Lateness;
  /** CPU seconds spent from the due time until all were done, by who spent them. */
  cpu: CpuSplit;
}

export interface CpuSplit {
  workers: number;
  postgres: number;
  redis: number;
  /** This process: the in-process mail catcher (SMTP + mailparser) and the poller. */
  bench: number;
  /** Processes this bench did not start (other users of the machine). */
  foreign: number;
}

function cpuSplit(workerPids: number[]): CpuSplit {
  const usage = process.cpuUsage();
  return {
    workers: workerPids.reduce((sum, pid) => sum + cpuSecondsOfPid(pid), 0),
    postgres: cpuSecondsOf(['postgres']),
    redis: cpuSecondsOf(['redis-server']),
    bench: (usage.user + usage.system) / 1e6,
    // Here: the machine's busy time; cpuDelta turns it into the share of others.
    foreign: machineBusySeconds() - ownTreeCpuSeconds(),
  };
}

const cpuDelta = (a: CpuSplit, b: CpuSplit): CpuSplit => ({
  workers: b.workers - a.workers,
  postgres: b.postgres - a.postgres,
  redis: b.redis - a.redis,
  bench: b.bench - a.bench,
  foreign: Math.max(0, b.foreign - a.foreign),
});

export interface EngineTimerRun extends TimerRun {
  workers: number;
  timerConcurrency: number;
  setup: TimerSetup;
  creation: { ms: number; perSecond: number; slackBeforeDueMs: number };
  /** Outbox rows still pending at the due time ("assigned" mails of the creation). */
  outboxPendingAtDue: number;
  outboxPendingAtDone: number;
  /** No instance has two deadline.passed journal rows, and every fired timer has its one. */
  firedOnce: boolean;
  transitionedTwice: number;
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
 * How the assignments come to exist. `engine`: each started through WorkflowEngine.start (with the
 * workers already running, so their "assigned" e-mails go out meanwhile). `clone`: one started through
 * the engine, then copied row for row in SQL (instance, journal, deadline timer; its "assigned" outbox
 * row as already sent, as it would be for assignments made days before), and the timer jobs enqueued
 * with the real JobDispatcher — the state the engine would have left, in seconds instead of minutes.
 */
export type TimerSetup = 'engine' | 'clone';

/**
 * 10,000 assignments, all due at one instant T; `workers` real worker
 * processes fire them. Measures from T until every instance is `overdue`, and lateness = fired_at − due_at.
 */
export async function engineTimers(
  env: TimerEnv,
  opts: {
    count: number;
    workers: number;
    timerConcurrency: number;
    setup: TimerSetup;
    expectedStartsPerSecond: number;
    timeoutMs: number;
  },
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
  const bench = await benchEngine({
    databaseUrl: env.databaseUrl,
    redisUrl: env.redisUrl,
    prefix: env.prefix,
    pool: 20,
    onDispatchError: (error) => env.log(`  dispatch failed (the reconciler will enqueue): ${String(error)}`),
  });
  const { dataSource, dispatcher, engine } = bench;
  const stats = new EngineStatsRepository(dataSource);
  const count = async (sql: string, params: unknown[] = []) =>
    ((await dataSource.query(sql, params)) as { n: number }[])[0].n;
  try {
    for (let i = 0; i < opts.workers; i++) {
      workers.push(spawnNode(`worker-${i + 1}`, join(env.distRoot, 'apps/worker/src/main.js'), workerEnv));
    }
    await Promise.all(workers.map((w) => w.waitFor(/worker ready/)));
    await sleep(3000);
    const idle = workers.map((w) => memoryOf(w.pid).rssKiB);
    env.log(
      `  ${opts.workers} workers ready (timer concurrency ${opts.timerConcurrency} each); idle RSS ${idle.map(mib).join(', ')}`,
    );

    const sampler = new RssSampler(workers.map((w) => w.pid)).start();
    // Enough time to create them all: cloning takes seconds; starting through the engine is judged
    // from the engine's event rate measured before.
    const leadMs =
      opts.setup === 'clone'
        ? 15_000
        : Math.min(150_000, Math.max(20_000, (opts.count / opts.expectedStartsPerSecond) * 1000 * 1.3 + 8_000));
    const due = new Date(Date.now() + leadMs);
    const dueAt = due.toISOString();
    const t0 = Date.now();
    if (opts.setup === 'clone') {
      env.log(
        `  1 assignment started through the engine and cloned to ${opts.count}, all due at ${dueAt} (in ${(leadMs / 1000).toFixed(0)} s)`,
      );
      await cloneAssignments(engine, dataSource, dispatcher, opts.count, dueAt);
    } else {
      env.log(
        `  starting ${opts.count} assignments through the engine, all due at ${dueAt} (in ${(leadMs / 1000).toFixed(0)} s)`,
      );
      await startAssignments(engine, opts.count, { dueAt: () => dueAt, reminderOffsets: [], parallel: 16 });
    }
    const creationMs = Date.now() - t0;
    const slack = due.getTime() - Date.now();
    env.log(
      `  created ${opts.count} in ${(creationMs / 1000).toFixed(1)} s (${((opts.count / creationMs) * 1000).toFixed(0)}/s), ` +
        `${(slack / 1000).toFixed(1)} s before the due time`,
    );
    if (slack < 0)
      env.log(
        '  WARNING: creating took longer than the lead; the first timers fired while instances were still being created',
      );

    await sleep(Math.max(0, due.getTime() - Date.now()));
    const outboxPendingAtDue = (await stats.outboxByStatus()).pending;
    env.log(`  due time reached; ${outboxPendingAtDue} "assigned" e-mails still pending in the outbox`);
    const cpu0 = cpuSplit(workers.map((w) => w.pid));
    const run = await pollDone(
      () => count(`SELECT count(*)::int AS n FROM workflow_instances WHERE state = 'overdue'`),
      opts.count,
      due.getTime(),
      opts.timeoutMs,
    );
    const cpu = cpuDelta(cpu0, cpuSplit(workers.map((w) => w.pid)));
    const peaks = sampler.stop();
    const memory = workers.map((w, i) => ({
      pid: w.pid,
      idleKiB: idle[i],
      peakKiB: peaks.get(w.pid) ?? Number.NaN,
      hwmKiB: memoryOf(w.pid).hwmKiB,
    }));
    const outboxPendingAtDone = (await stats.outboxByStatus()).pending;
    // Stop the workers (they finish the jobs in hand) so the counts below hold still after a time-out.
    await Promise.all(workers.map((w) => w.stop()));
    const twice = await count(
      `SELECT count(*)::int AS n FROM (SELECT instance_id FROM workflow_journal WHERE event_type = 'deadline.passed'
         GROUP BY instance_id HAVING count(*) > 1) t`,
    );
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
      cpu,
      workers: opts.workers,
      timerConcurrency: opts.timerConcurrency,
      setup: opts.setup,
      creation: { ms: creationMs, perSecond: (opts.count / creationMs) * 1000, slackBeforeDueMs: slack },
      outboxPendingAtDue,
      outboxPendingAtDone,
      journalDeadlineRows: db.n,
      transitionedTwice: twice,
      firedOnce: twice === 0 && db.n === lateness.n,
      reconcilerFired,
      memory,
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await bench.close();
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
    await pg.query(
      `CREATE TABLE bench_raw_timers (id uuid PRIMARY KEY, due_at timestamptz NOT NULL, fired_at timestamptz)`,
    );
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
    const due = new Date(Date.now() + 10_000);
    await pg.query(`INSERT INTO bench_raw_timers (id, due_at) SELECT unnest($1::uuid[]), $2`, [ids, due]);
    for (let i = 0; i < ids.length; i += 500) {
      const now = Date.now();
      await queue.addBulk(ids.slice(i, i + 500).map((id) => fireTimerJob(id, due.getTime() - now)));
    }
    const slack = due.getTime() - Date.now();
    env.log(`  ${opts.count} delayed jobs added, due at ${due.toISOString()} (${(slack / 1000).toFixed(1)} s ahead)`);
    await sleep(Math.max(0, slack));
    const count = async () =>
      (
        (await pg.query(`SELECT count(*)::int AS n FROM bench_raw_timers WHERE fired_at IS NOT NULL`)).rows[0] as {
          n: number;
        }
      ).n;
    const cpu0 = cpuSplit(workers.map((w) => w.pid));
    const run = await pollDone(count, opts.count, due.getTime(), opts.timeoutMs);
    const cpu = cpuDelta(cpu0, cpuSplit(workers.map((w) => w.pid)));
    const [db] = (
      await pg.query(`SELECT extract(epoch FROM max(fired_at) - $1::timestamptz) * 1000 AS ms FROM bench_raw_timers`, [
        due,
      ])
    ).rows as { ms: number | null }[];
    const lateness = await latenessOf(
      { query: async (sql: string) => (await pg.query(sql)).rows },
      `SELECT extract(epoch FROM fired_at - due_at) * 1000 AS ms FROM bench_raw_timers WHERE fired_at IS NOT NULL`,
    );
    return {
      count: opts.count,
      dueAt: due.toISOString(),
      ...run,
      allDoneDbMs: run.allDoneMs === null ? null : Number(db.ms),
      lateness,
      cpu,
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await queue.close().catch(() => undefined);
    redis.disconnect();
    await pg.end();
  }
}

async function cloneAssignments(
  engine: WorkflowEngine,
  dataSource: DataSource,
  dispatcher: JobDispatcher,
  count: number,
  dueAt: string,
): Promise<void> {
  const [{ id: template }] = await startAssignments(engine, 1, {
    dueAt: () => dueAt,
    reminderOffsets: [],
    parallel: 1,
  });
  await dataSource.transaction(async (m) => {
    await m.query(
      `CREATE TEMP TABLE bench_clones ON COMMIT DROP AS
         SELECT g, gen_random_uuid() AS id, 'au-' || g AS person, 'au-' || g || '@bench.samflyt.test' AS email
           FROM generate_series(1, $1) AS g`,
      [count - 1],
    );
    await m.query(
      `INSERT INTO workflow_instances (id, workflow, version, state, status, snapshot, revision, created_by)
       SELECT c.id, t.workflow, t.version, t.state, t.status,
              jsonb_set(jsonb_set(jsonb_set(t.snapshot, '{context,assignee,id}', to_jsonb(c.person)),
                '{context,assignee,email}', to_jsonb(c.email)), '{context,assignee,name}', to_jsonb('AU-medlem ' || c.g)),
              t.revision, t.created_by
         FROM bench_clones c, workflow_instances t WHERE t.id = $1`,
      [template],
    );
    await m.query(
      `INSERT INTO workflow_journal (instance_id, seq, event_type, payload, actor, from_state, to_state, idempotency_key)
       SELECT c.id, j.seq, j.event_type, j.payload, j.actor, j.from_state, j.to_state, j.idempotency_key
         FROM bench_clones c, workflow_journal j WHERE j.instance_id = $1`,
      [template],
    );
    await m.query(
      `INSERT INTO workflow_timers (id, instance_id, timer_group, name, event, due_at, status, armed_revision)
       SELECT gen_random_uuid(), c.id, t.timer_group, t.name, t.event, t.due_at, t.status, t.armed_revision
         FROM bench_clones c, workflow_timers t WHERE t.instance_id = $1`,
      [template],
    );
    await m.query(
      `INSERT INTO outbox_messages (id, instance_id, idempotency_key, channel, recipient, recipient_name, subject, body,
                                    status, attempts, message_id, sent_at)
       SELECT gen_random_uuid(), c.id, replace(replace(o.idempotency_key, $1::text, c.id::text), o.recipient, c.email),
              o.channel, c.email, 'AU-medlem ' || c.g, o.subject, o.body, 'sent', 1, '<bench-clone@samflyt>', now()
         FROM bench_clones c, outbox_messages o WHERE o.instance_id = $1::uuid`,
      [template],
    );
  });
  const timers = (await dataSource.query(
    `SELECT id, due_at FROM workflow_timers WHERE status = 'pending' AND instance_id <> $1`,
    [template],
  )) as { id: string; due_at: Date }[];
  for (let i = 0; i < timers.length; i += 1000) {
    await dispatcher.dispatch({
      timers: timers.slice(i, i + 1000).map((t) => ({ id: t.id, dueAt: t.due_at })),
      messages: [],
    });
  }
}

async function pollDone(
  read: () => Promise<number>,
  target: number,
  dueMs: number,
  timeoutMs: number,
): Promise<{ allDoneMs: number | null; firstDoneMs: number | null; doneAtTimeout: number; polledMs: number }> {
  let firstDoneMs: number | null = null;
  for (;;) {
    const n = await read();
    const now = Date.now();
    if (n > 0 && firstDoneMs === null) firstDoneMs = now - dueMs;
    if (n >= target) return { allDoneMs: now - dueMs, firstDoneMs, doneAtTimeout: n, polledMs: now - dueMs };
    if (now - dueMs > timeoutMs) return { allDoneMs: null, firstDoneMs, doneAtTimeout: n, polledMs: now - dueMs };
    await sleep(200);
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
  return {
    n: row.n,
    p50Ms: Number(row.p50 ?? Number.NaN),
    p99Ms: Number(row.p99 ?? Number.NaN),
    maxMs: Number(row.max ?? Number.NaN),
  };
}
