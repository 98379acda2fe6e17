import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Dispatcher, WorkflowEngine } from '@samflyt/engine';
import { signDevToken } from '../lib/dev-token';
import { freePort, sleep, waitForOk } from '../lib/process-utils';
import { compare, summarize, type Contender } from './compare';
import { config, log, RAW } from './config';
import { cpuProfile, timeBreakdown, type TimeBreakdown } from './diagnose';
import { httpPoster } from './http-client';
import { forEachParallel, runClosedLoop } from './load';
import { RssSampler, memoryOf, spawnNode, type NodeProcess } from './processes';
import { LaneCursor, RawPgBaseline } from './raw-pg';
import { mib } from './stats';
import type { EventFigures, HttpFigures } from './report';
import {
  BENCH_SECRETARIAT,
  RESCHEDULE_FAR,
  RESCHEDULE_NEAR,
  benchEngine,
  newKey,
  nextDueAt,
  rescheduled,
  startAssignments,
  type BenchEngine,
  type EventKind,
} from './workload';

/** Where the event benchmarks run, and what they leave for the caller to stop and close. */
export interface EventsSetting {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  distRoot: string;
  closers: (() => Promise<void>)[];
  children: NodeProcess[];
}

/**
 * 1. Events/s through WorkflowEngine.send in-process, and 2. through HTTP (the api as a child process), each next to
 * the raw node-postgres transaction of the same shape, on instances of their own in one scratch database.
 */
export async function eventFigures(setting: EventsSetting): Promise<{ events?: EventFigures; http?: HttpFigures }> {
  let dispatchErrors = 0;
  const bench = await benchEngine({
    databaseUrl: setting.databaseUrl,
    redisUrl: setting.redisUrl,
    prefix: setting.prefix,
    pool: config.pool,
    onDispatchError: () => dispatchErrors++,
  });
  setting.closers.push(() => bench.close());
  const { dataSource, engine } = bench;

  const instancesOf = async (kind: EventKind) =>
    (
      await startAssignments(engine, config.instances, {
        dueAt: () => nextDueAt(kind, Date.now()),
        reminderOffsets: kind.reminderOffsets,
        parallel: 8,
      })
    ).map((view) => view.id);
  const ids = { near: await instancesOf(RESCHEDULE_NEAR), far: await instancesOf(RESCHEDULE_FAR) };
  const [sample] = (await dataSource.query(
    `SELECT snapshot, octet_length(snapshot::text) AS bytes FROM workflow_instances WHERE id = $1`,
    [ids.near[0]],
  )) as { snapshot: unknown; bytes: number }[];
  const baseline = await RawPgBaseline.create(setting.databaseUrl, config.pool, sample.snapshot, config.instances);
  setting.closers.push(() => baseline.close());
  const [rawSample] = (
    await baseline.pool.query(`SELECT octet_length(snapshot::text) AS bytes FROM bench_raw_instances LIMIT 1`)
  ).rows as { bytes: number }[];

  const rawContender: Contender = {
    name: RAW,
    op: (c) => {
      const cursor = new LaneCursor(config.instances, c);
      return (lane) => baseline.apply(cursor.take(lane));
    },
  };
  const engineContender = (kind: EventKind, e: WorkflowEngine = engine): Contender => ({
    name: `engine ${kind.key}`,
    op: (c) => {
      const cursor = new LaneCursor(config.instances, c);
      const list = kind === RESCHEDULE_NEAR ? ids.near : ids.far;
      return async (lane) => {
        await e.send(list[cursor.take(lane)], rescheduled(nextDueAt(kind, Date.now())), BENCH_SECRETARIAT, {
          idempotencyKey: newKey(),
        });
      };
    },
  });

  let events: EventFigures | undefined;
  let http: HttpFigures | undefined;
  if (config.only.has('engine')) {
    log(`1. engine events/s: ${config.rounds} rounds × ${config.roundMs} ms per figure, after a warm-up`);
    const measured = await compare(
      [rawContender, engineContender(RESCHEDULE_NEAR), engineContender(RESCHEDULE_FAR)],
      rounds(),
    );
    events = {
      summaries: [...measured.values()].map(summarize),
      snapshotBytes: { engine: sample.bytes, baseline: rawSample.bytes },
      dispatchErrors,
    };
    log('   diagnosis (one extra run, not in the table): time per statement, dispatch, CPU profile');
    const c = config.concurrencies[0];
    events.breakdown = await timeBreakdown(bench.dispatcher, async (timed) => {
      const r = await runClosedLoop(
        c,
        config.roundMs,
        engineContender(RESCHEDULE_NEAR, bench.withDispatcher(timed)).op(c),
      );
      return { events: r.ops, meanLatencyMs: (r.elapsedMs * c) / Math.max(1, r.ops) };
    });
    events.profile = await cpuProfile(async () => {
      await runClosedLoop(c, config.roundMs, engineContender(RESCHEDULE_NEAR).op(c));
    });
    events.fireBreakdown = await fireTimerBreakdown(bench, c);
  }

  if (config.only.has('http')) {
    log(`2. HTTP events/s: api as a child process, ${config.httpClient} client with keep-alive`);
    const secret = randomBytes(24).toString('hex');
    const port = await freePort();
    const api = spawnNode('api', join(setting.distRoot, 'apps/api/src/main.js'), {
      DATABASE_URL: setting.databaseUrl,
      REDIS_URL: setting.redisUrl,
      JWT_SECRET: secret,
      // Roles are the server's: the bench's secretariat token gets its role from this list.
      SECRETARIAT_SUBJECTS: BENCH_SECRETARIAT.id,
      PORT: String(port),
      QUEUE_PREFIX: setting.prefix,
    });
    setting.children.push(api);
    const base = `http://127.0.0.1:${port}`;
    await waitForOk(`${base}/health`, 60_000);
    await sleep(2000);
    const apiIdle = memoryOf(api.pid).rssKiB;
    log(`   api ready (pid ${api.pid}), idle RSS ${mib(apiIdle)}`);
    const token = signDevToken(
      {
        sub: BENCH_SECRETARIAT.id,
        name: BENCH_SECRETARIAT.name,
        roles: BENCH_SECRETARIAT.roles,
        email: BENCH_SECRETARIAT.email,
      },
      secret,
      '1h',
    );
    const client = httpPoster(base, Math.max(...config.concurrencies), config.httpClient);
    const httpContender: Contender = {
      name: `http ${RESCHEDULE_NEAR.key}`,
      pids: [api.pid],
      op: (c) => {
        const cursor = new LaneCursor(config.instances, c);
        return async (lane) => {
          const res = await client.post(
            `/instances/${ids.near[cursor.take(lane)]}/events`,
            rescheduled(nextDueAt(RESCHEDULE_NEAR, Date.now())),
            { authorization: `Bearer ${token}`, 'idempotency-key': newKey() },
          );
          if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.body.slice(0, 300)}`);
        };
      },
    };
    const sampler = new RssSampler([api.pid]).start();
    const measured = await compare([rawContender, httpContender], rounds());
    const peak = sampler.stop().get(api.pid) ?? Number.NaN;
    http = {
      summaries: [...measured.values()].map(summarize),
      client: config.httpClient,
      memory: { pid: api.pid, idleKiB: apiIdle, peakKiB: peak, hwmKiB: memoryOf(api.pid).hwmKiB },
    };
    client.close();
    await api.stop();
  }
  return { events, http };
}

const rounds = () => ({
  concurrencies: config.concurrencies,
  rounds: config.rounds,
  durationMs: config.roundMs,
  warmupMs: config.warmupMs,
  log,
});

/**
 * What firing one deadline timer costs in the engine: assignments due a moment from now, then
 * WorkflowEngine.fireTimer on each, in-process and instrumented (the worker adds BullMQ's job handling).
 */
async function fireTimerBreakdown(bench: BenchEngine, concurrency: number): Promise<TimeBreakdown> {
  const count = 100 * concurrency;
  const dueAt = new Date(Date.now() + 1000 + count * 10).toISOString();
  const views = await startAssignments(bench.engine, count, { dueAt: () => dueAt, reminderOffsets: [], parallel: 8 });
  const timers = views.map((view) => view.timers.find((t) => t.name === 'deadline')!.id);
  await sleep(Math.max(0, new Date(dueAt).getTime() - Date.now() + 50));
  return timeBreakdown(bench.dispatcher, async (timed: Dispatcher) => {
    const e = bench.withDispatcher(timed);
    let total = 0;
    let fired = 0;
    await forEachParallel(timers.length, concurrency, async (i) => {
      const t0 = performance.now();
      if ((await e.fireTimer(timers[i])) === 'fired') fired++;
      total += performance.now() - t0;
    });
    if (fired !== timers.length) throw new Error(`only ${fired} of ${timers.length} timers fired`);
    return { events: fired, meanLatencyMs: total / Math.max(1, fired) };
  });
}
