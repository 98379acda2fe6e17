/**
 * `npm run bench`: the benchmarks of issue 3, each figure next to a baseline measured in the same run.
 *
 *  1. Events/s through WorkflowEngine.send in-process (real JobDispatcher → BullMQ) at concurrency 8 and
 *     32, next to a raw node-postgres transaction of the same shape (lock row, update snapshot, journal).
 *  2. Events/s through HTTP (api as a child process, bearer token), next to the same raw baseline.
 *  3. 10,000 timers due at one instant, fired by real worker processes, next to raw BullMQ delayed jobs.
 *  4. RSS of the api and worker processes, idle and under those loads.
 *
 * Starts its own services (startServices; DATABASE_URL / REDIS_URL / SMTP_URL are respected) and works
 * in scratch databases it drops at the end. Prints a table; writes bench-results/latest.json.
 *
 * Knobs (environment): BENCH_ROUNDS (3), BENCH_ROUND_MS (3000), BENCH_WARMUP_MS (1500),
 * BENCH_CONCURRENCY ("8,32"), BENCH_INSTANCES (64), BENCH_POOL (20), BENCH_TIMERS (10000),
 * BENCH_WORKERS (2), BENCH_TIMER_CONCURRENCY (32), BENCH_ONLY ("engine,http,timers"),
 * BENCH_HTTP_CLIENT ("http" | "fetch"), BENCH_TIMER_SETUP ("clone" | "engine"), BENCH_TIMER_TIMEOUT_S (120),
 * BENCH_LOGS=1 (child process output), BENCH_CHILD_NODE_ARGS (e.g. "--prof", for diagnosis).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { dataSourceOptions, createRegistry } from '@samflyt/domain';
import { JobDispatcher, WorkflowEngine, type Dispatcher } from '@samflyt/engine';
import { sign } from 'jsonwebtoken';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { compare, summarize, type Contender, type Summary } from './bench/compare';
import { scratchDatabase, type ScratchDatabase } from './bench/database';
import { cpuProfile, timeBreakdown, type CpuProfileShares, type TimeBreakdown } from './bench/diagnose';
import { httpPoster, waitForOk } from './bench/http-client';
import { forEachParallel, runClosedLoop } from './bench/load';
import { RssSampler, memoryOf, spawnNode, type NodeProcess } from './bench/processes';
import { LaneCursor, RawPgBaseline } from './bench/raw-pg';
import { fmt, mib } from './bench/stats';
import { renderTable } from './bench/table';
import {
  engineTimers,
  rawBullmqTimers,
  type CpuSplit,
  type EngineTimerRun,
  type TimerRun,
  type TimerSetup,
} from './bench/timers';
import {
  BENCH_SECRETARIAT,
  RESCHEDULE_FAR,
  RESCHEDULE_NEAR,
  newKey,
  nextDueAt,
  rescheduled,
  startAssignments,
  type EventKind,
} from './bench/workload';
import { freePort, startServices } from './lib/services';

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

const config = {
  rounds: num('BENCH_ROUNDS', 3),
  roundMs: num('BENCH_ROUND_MS', 3000),
  warmupMs: num('BENCH_WARMUP_MS', 1500),
  concurrencies: (process.env.BENCH_CONCURRENCY ?? '8,32').split(',').map(Number),
  instances: num('BENCH_INSTANCES', 64),
  pool: num('BENCH_POOL', 20),
  timers: num('BENCH_TIMERS', 10_000),
  workers: num('BENCH_WORKERS', 2),
  timerConcurrency: num('BENCH_TIMER_CONCURRENCY', 32),
  only: new Set((process.env.BENCH_ONLY ?? 'engine,http,timers').split(',')),
  httpClient: (process.env.BENCH_HTTP_CLIENT === 'fetch' ? 'fetch' : 'http') as 'fetch' | 'http',
  timerSetup: (process.env.BENCH_TIMER_SETUP === 'engine' ? 'engine' : 'clone') as TimerSetup,
  timerTimeoutS: num('BENCH_TIMER_TIMEOUT_S', 120),
};

const DIST = join(__dirname, '..');
const ROOT = join(DIST, '..');
const RAW = 'raw pg transaction';

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

interface EventFigures {
  summaries: Summary[];
  snapshotBytes: { engine: number; baseline: number };
  dispatchErrors: number;
  breakdown?: TimeBreakdown;
  /** The same for WorkflowEngine.fireTimer (what a worker does per timer job). */
  fireBreakdown?: TimeBreakdown;
  profile?: CpuProfileShares;
}

interface HttpFigures {
  summaries: Summary[];
  client: string;
  memory: { pid: number; idleKiB: number; peakKiB: number; hwmKiB: number };
}

async function main(): Promise<void> {
  const began = Date.now();
  const services = await startServices({ name: 'bench', log: (s) => log(s) });
  const scratch: ScratchDatabase[] = [];
  const closers: (() => Promise<void>)[] = [];
  const children: NodeProcess[] = [];
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    log('interrupted; stopping');
    // Connections the bench still holds break as the servers go; that is expected now, not a failure.
    process.on('uncaughtException', () => undefined);
    process.on('unhandledRejection', () => undefined);
    void Promise.all(children.map((c) => c.stop(3000)))
      .then(() => Promise.all(scratch.map((d) => d.drop().catch(() => undefined))))
      .finally(() => services.stop().finally(() => process.exit(130)));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const tag = randomBytes(3).toString('hex');
  const machine = await describeMachine(services.databaseUrl, services.redisUrl);
  log(`${machine.cpus} CPUs, Node ${process.version}, PostgreSQL ${machine.postgres}, Redis ${machine.redis}`);
  let events: EventFigures | undefined;
  let http: HttpFigures | undefined;
  let timers: { engine: EngineTimerRun; raw: TimerRun } | undefined;
  try {
    if (config.only.has('engine') || config.only.has('http')) {
      const db = await scratchDatabase(services.databaseUrl, 'events');
      scratch.push(db);
      const prefix = `bench-${tag}-events`;
      const dataSource = await new DataSource(dataSourceOptions(db.url, config.pool)).initialize();
      const redis = new Redis(services.redisUrl, { maxRetriesPerRequest: null });
      const dispatcher = new JobDispatcher(redis, { prefix });
      closers.push(async () => {
        await dispatcher.close().catch(() => undefined);
        redis.disconnect();
        await dataSource.destroy();
      });
      let dispatchErrors = 0;
      const engineWith = (d: Dispatcher) =>
        new WorkflowEngine(dataSource, createRegistry(), d, { onDispatchError: () => dispatchErrors++ });
      const engine = engineWith(dispatcher);

      const instancesOf = (kind: EventKind) =>
        startAssignments(engine, config.instances, {
          dueAt: () => nextDueAt(kind, Date.now()),
          reminderOffsets: kind.reminderOffsets,
          parallel: 8,
        });
      const ids = { near: await instancesOf(RESCHEDULE_NEAR), far: await instancesOf(RESCHEDULE_FAR) };
      const [sample] = (await dataSource.query(
        `SELECT snapshot, octet_length(snapshot::text) AS bytes FROM workflow_instances WHERE id = $1`,
        [ids.near[0]],
      )) as { snapshot: unknown; bytes: number }[];
      const baseline = await RawPgBaseline.create(db.url, config.pool, sample.snapshot, config.instances);
      closers.push(() => baseline.close());
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

      if (config.only.has('engine')) {
        log(`1. engine events/s: ${config.rounds} rounds × ${config.roundMs} ms per figure, after a warm-up`);
        const measured = await compare(
          [rawContender, engineContender(RESCHEDULE_NEAR), engineContender(RESCHEDULE_FAR)],
          {
            concurrencies: config.concurrencies,
            rounds: config.rounds,
            durationMs: config.roundMs,
            warmupMs: config.warmupMs,
            log,
          },
        );
        events = {
          summaries: [...measured.values()].map(summarize),
          snapshotBytes: { engine: sample.bytes, baseline: rawSample.bytes },
          dispatchErrors,
        };
        log('   diagnosis (one extra run, not in the table): time per statement, dispatch, CPU profile');
        const c = config.concurrencies[0];
        events.breakdown = await timeBreakdown(dispatcher, async (timed) => {
          const r = await runClosedLoop(c, config.roundMs, engineContender(RESCHEDULE_NEAR, engineWith(timed)).op(c));
          return { events: r.ops, meanLatencyMs: (r.elapsedMs * c) / Math.max(1, r.ops) };
        });
        events.profile = await cpuProfile(async () => {
          await runClosedLoop(c, config.roundMs, engineContender(RESCHEDULE_NEAR).op(c));
        });
        events.fireBreakdown = await fireTimerBreakdown(dataSource, engine, engineWith, dispatcher, c);
      }

      if (config.only.has('http')) {
        log(`2. HTTP events/s: api as a child process, ${config.httpClient} client with keep-alive`);
        const secret = randomBytes(24).toString('hex');
        const port = await freePort();
        const api = spawnNode('api', join(DIST, 'apps/api/src/main.js'), {
          DATABASE_URL: db.url,
          REDIS_URL: services.redisUrl,
          JWT_SECRET: secret,
          PORT: String(port),
          QUEUE_PREFIX: prefix,
        });
        children.push(api);
        const base = `http://127.0.0.1:${port}`;
        await waitForOk(`${base}/health`, 60_000);
        await sleep(2000);
        const apiIdle = memoryOf(api.pid).rssKiB;
        log(`   api ready (pid ${api.pid}), idle RSS ${mib(apiIdle)}`);
        const token = sign(
          {
            sub: BENCH_SECRETARIAT.id,
            name: BENCH_SECRETARIAT.name,
            roles: BENCH_SECRETARIAT.roles,
            email: BENCH_SECRETARIAT.email,
          },
          secret,
          { algorithm: 'HS256', expiresIn: '1h' },
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
        const measured = await compare([rawContender, httpContender], {
          concurrencies: config.concurrencies,
          rounds: config.rounds,
          durationMs: config.roundMs,
          warmupMs: config.warmupMs,
          log,
        });
        const peak = sampler.stop().get(api.pid) ?? Number.NaN;
        http = {
          summaries: [...measured.values()].map(summarize),
          client: config.httpClient,
          memory: { pid: api.pid, idleKiB: apiIdle, peakKiB: peak, hwmKiB: memoryOf(api.pid).hwmKiB },
        };
        client.close();
        await api.stop();
      }
    }

    if (config.only.has('timers')) {
      const db = await scratchDatabase(services.databaseUrl, 'timers');
      scratch.push(db);
      const env = {
        databaseUrl: db.url,
        redisUrl: services.redisUrl,
        smtpUrl: services.smtpUrl,
        prefix: `bench-${tag}-timers`,
        distRoot: DIST,
        log,
      };
      const measuredRate = events?.summaries.find((s) => s.name === `engine ${RESCHEDULE_NEAR.key}`)?.perSecond;
      log(
        `3. ${config.timers} timers due at one instant: ${config.workers} worker processes × concurrency ${config.timerConcurrency}`,
      );
      const engineRun = await engineTimers(env, {
        count: config.timers,
        workers: config.workers,
        timerConcurrency: config.timerConcurrency,
        setup: config.timerSetup,
        // Starting with workers sending the "assigned" e-mails alongside is slower than the bare events.
        expectedStartsPerSecond: measuredRate ? measuredRate * 0.5 : 250,
        timeoutMs: config.timerTimeoutS * 1000,
      });
      log(
        `   baseline: raw BullMQ, ${config.workers} processes × concurrency ${config.timerConcurrency}, trivial UPDATE per job`,
      );
      const rawRun = await rawBullmqTimers(env, {
        count: config.timers,
        workers: config.workers,
        concurrency: config.timerConcurrency,
        timeoutMs: config.timerTimeoutS * 1000,
      });
      timers = { engine: engineRun, raw: rawRun };
    }

    const report = { events, http, timers };
    const text = render(report, machine);
    process.stdout.write(`\n${text}\n`);
    const out = join(ROOT, 'bench-results');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'latest.json'),
      `${JSON.stringify({ finishedAt: new Date().toISOString(), durationMs: Date.now() - began, machine, config: { ...config, only: [...config.only] }, ...report, table: text }, null, 2)}\n`,
    );
    log(`results written to bench-results/latest.json; whole run ${((Date.now() - began) / 1000).toFixed(0)} s`);
  } finally {
    await Promise.all(children.map((c) => c.stop(3000)));
    for (const close of closers.reverse()) await close().catch((e: unknown) => log(`cleanup: ${String(e)}`));
    for (const db of scratch) await db.drop().catch((e: unknown) => log(`could not drop ${db.name}: ${String(e)}`));
    await services.stop();
  }
}

/**
 * What firing one deadline timer costs in the engine: assignments due a moment from now, then
 * WorkflowEngine.fireTimer on each, in-process and instrumented (the worker adds BullMQ's job
 * handling and one SELECT for the lag metric per timer).
 */
async function fireTimerBreakdown(
  dataSource: DataSource,
  engine: WorkflowEngine,
  engineWith: (d: Dispatcher) => WorkflowEngine,
  dispatcher: Dispatcher,
  concurrency: number,
): Promise<TimeBreakdown> {
  const count = 100 * concurrency;
  const dueAt = new Date(Date.now() + 1000 + count * 10).toISOString();
  const ids = await startAssignments(engine, count, { dueAt: () => dueAt, reminderOffsets: [], parallel: 8 });
  const timers = (await dataSource.query(
    `SELECT id FROM workflow_timers WHERE status = 'pending' AND name = 'deadline' AND instance_id = ANY($1::uuid[])`,
    [ids],
  )) as { id: string }[];
  await sleep(Math.max(0, new Date(dueAt).getTime() - Date.now() + 50));
  return timeBreakdown(dispatcher, async (timed) => {
    const e = engineWith(timed);
    let total = 0;
    let fired = 0;
    await forEachParallel(timers.length, concurrency, async (i) => {
      const t0 = performance.now();
      if ((await e.fireTimer(timers[i].id)) === 'fired') fired++;
      total += performance.now() - t0;
    });
    if (fired !== timers.length) throw new Error(`only ${fired} of ${timers.length} timers fired`);
    return { events: fired, meanLatencyMs: total / Math.max(1, fired) };
  });
}

async function describeMachine(databaseUrl: string, redisUrl: string) {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  const settings = (
    await pg.query(
      `SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'shared_buffers')`,
    )
  ).rows as { name: string; setting: string }[];
  await pg.end();
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const info = await redis.info('server');
  redis.disconnect();
  const s = Object.fromEntries(settings.map((r) => [r.name, r.setting]));
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    postgres: `${s.server_version} (fsync ${s.fsync}, synchronous_commit ${s.synchronous_commit})`,
    redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
  };
}

type Machine = Awaited<ReturnType<typeof describeMachine>>;

function render(
  r: { events?: EventFigures; http?: HttpFigures; timers?: { engine: EngineTimerRun; raw: TimerRun } },
  machine: Machine,
): string {
  const header = ['#', 'Figure', 'Conc.', 'samflyt', 'Baseline, same run', 'Ratio', 'Target'];
  const rows: string[][] = [];
  const find = (list: Summary[], name: string, c: number) => list.find((s) => s.name === name && s.concurrency === c);
  const verdict = (ok: boolean) => (ok ? '✓' : '✗');
  const eventRows = (no: string, list: Summary[], name: string, label: string) => {
    for (const c of config.concurrencies) {
      const s = find(list, name, c);
      const b = find(list, RAW, c);
      if (!s || !b) continue;
      const ratio = s.perSecond / b.perSecond;
      const err = s.errors + b.errors > 0 ? ` (${s.errors + b.errors} errors)` : '';
      rows.push([
        no,
        label,
        String(c),
        `${fmt(s.perSecond)} events/s${err}`,
        `raw pg tx ${fmt(b.perSecond)} tx/s`,
        fmt(ratio, 2),
        `≥ 0.50 ${verdict(ratio >= 0.5)}`,
      ]);
    }
  };
  if (r.events) {
    eventRows('1a', r.events.summaries, `engine ${RESCHEDULE_NEAR.key}`, `Engine in-process: ${RESCHEDULE_NEAR.label}`);
    eventRows('1b', r.events.summaries, `engine ${RESCHEDULE_FAR.key}`, `Engine in-process: ${RESCHEDULE_FAR.label}`);
  }
  if (r.http) {
    eventRows(
      '2',
      r.http.summaries,
      `http ${RESCHEDULE_NEAR.key}`,
      `HTTP POST /instances/:id/events: ${RESCHEDULE_NEAR.label}`,
    );
  }
  if (r.timers) {
    const { engine: e, raw } = r.timers;
    const secs = (ms: number | null) => (ms === null ? 'n/a' : `${fmt(ms / 1000, 1)} s`);
    const conc = `${e.workers}×${e.timerConcurrency}`;
    rows.push([
      '3',
      `${fmt(e.count)} timers due at one instant: all transitioned to overdue`,
      conc,
      e.allDoneMs === null
        ? `time-out: ${fmt(e.doneAtTimeout)} done after ${fmt(e.polledMs / 1000)} s`
        : `${secs(e.allDoneMs)} after due (db ${secs(e.allDoneDbMs)})`,
      `raw BullMQ ${secs(raw.allDoneMs)} (db ${secs(raw.allDoneDbMs)})`,
      e.allDoneMs && raw.allDoneMs ? `${fmt(e.allDoneMs / raw.allDoneMs, 1)}×` : '–',
      `≤ 10 s ${verdict(e.allDoneMs !== null && e.allDoneMs <= 10_000)}`,
    ]);
    rows.push([
      '',
      '  lateness (fired_at − due_at) p50 / p99',
      conc,
      `${fmt(e.lateness.p50Ms / 1000, 2)} s / ${fmt(e.lateness.p99Ms / 1000, 2)} s`,
      `raw BullMQ ${fmt(raw.lateness.p50Ms / 1000, 2)} s / ${fmt(raw.lateness.p99Ms / 1000, 2)} s`,
      '',
      '',
    ]);
  }
  if (r.http) {
    const m = r.http.memory;
    rows.push([
      '4',
      'Memory: api RSS idle → peak under HTTP load',
      '',
      `${mib(m.idleKiB)} → ${mib(m.peakKiB)}`,
      '',
      '',
      '',
    ]);
  }
  if (r.timers) {
    r.timers.engine.memory.forEach((m, i) =>
      rows.push([
        i === 0 && !r.http ? '4' : '',
        `Memory: worker ${i + 1} RSS idle → peak under timer load`,
        '',
        `${mib(m.idleKiB)} → ${mib(m.peakKiB)}`,
        '',
        '',
        '',
      ]),
    );
  }
  const out: string[] = [
    `samflyt bench — ${machine.cpus} × ${machine.cpuModel}; Node ${machine.node}; PostgreSQL ${machine.postgres}; Redis ${machine.redis}`,
    `Event figures: median of ${config.rounds} rounds × ${config.roundMs / 1000} s (closed loop, after a warm-up), rounds interleaved ` +
      `with the baseline; ${config.instances} instances, each lane owning its own (no lock waits); pg pool ${config.pool} on both sides.`,
    '',
    renderTable(header, rows, [2, 5]),
    '',
  ];
  if (r.events || r.http) {
    out.push(
      'Events: 1a ' + RESCHEDULE_NEAR.detail + '.',
      '        1b ' + RESCHEDULE_FAR.detail + '.',
      '        Engine = WorkflowEngine.send with a distinct Idempotency-Key per event and the real JobDispatcher (enqueue to',
      '        BullMQ after commit, awaited); baseline = BEGIN; SELECT … FOR UPDATE; UPDATE (jsonb snapshot, revision + 1);',
      `        INSERT journal; COMMIT on tables LIKE workflow_instances/workflow_journal. HTTP: api child process, ${r.http?.client ?? config.httpClient}`,
      '        client with keep-alive, HS256 bearer token; no worker runs during 1–2 (their e-mail jobs wait in Redis).',
    );
    if (r.events) {
      out.push(
        `        Snapshot jsonb: ${r.events.snapshotBytes.engine} B (engine) / ${r.events.snapshotBytes.baseline} B (baseline).` +
          (r.events.dispatchErrors ? ` ${r.events.dispatchErrors} DISPATCH ERRORS (enqueue failed).` : ''),
      );
    }
    out.push(
      '',
      detailTable([...(r.events?.summaries ?? []), ...(r.http?.summaries.filter((s) => s.name !== RAW) ?? [])]),
    );
  }
  if (r.events?.breakdown) {
    out.push('', breakdownText(`an engine event's (1a, WorkflowEngine.send)`, r.events.breakdown, r.events.profile));
  }
  if (r.events?.fireBreakdown) {
    out.push(
      '',
      breakdownText(
        'a timer firing (WorkflowEngine.fireTimer, deadline.passed → overdue, 2 outbox rows)',
        r.events.fireBreakdown,
      ),
    );
  }
  if (r.timers) {
    const e = r.timers.engine;
    const raw = r.timers.raw;
    const cpu = (c: CpuSplit, n: number) =>
      `workers ${fmt((c.workers * 1000) / n, 2)}, postgres ${fmt((c.postgres * 1000) / n, 2)}, redis ${fmt((c.redis * 1000) / n, 2)}, ` +
      `bench/mail catcher ${fmt((c.bench * 1000) / n, 2)} ms`;
    const rate = (t: TimerRun) => t.doneAtTimeout / Math.max(0.001, t.polledMs / 1000);
    const load = (t: TimerRun) => t.cpu.foreign / Math.max(0.001, t.polledMs / 1000);
    out.push(
      '',
      e.setup === 'clone'
        ? `Timers: 1 assignment started through the engine (reminderOffsets [], deadline only), cloned in SQL to ${fmt(e.count)} ` +
            `(instance, journal, timer rows as the engine writes them; the "assigned" e-mails marked sent, as for assignments made ` +
            `days before), timer jobs enqueued with the real JobDispatcher: ${fmt(e.creation.ms / 1000, 1)} s, ` +
            `${fmt(e.creation.slackBeforeDueMs / 1000, 1)} s before the due time. BENCH_TIMER_SETUP=engine starts each through the engine.`
        : `Timers: ${fmt(e.count)} assignments started through the engine (reminderOffsets [], deadline only) in ${fmt(e.creation.ms / 1000, 1)} s ` +
            `(${fmt(e.creation.perSecond)}/s, with the workers running), ${fmt(e.creation.slackBeforeDueMs / 1000, 1)} s before the due time.`,
      `        ${e.workers} worker processes (node dist/apps/worker/src/main.js, WORKER_TIMER_CONCURRENCY=${e.timerConcurrency}, ` +
        `RECONCILE_INTERVAL_MS=30000); raw baseline: ${e.workers} processes, bare BullMQ Worker, concurrency ${e.timerConcurrency}, ` +
        'jobs with the same options, one UPDATE … SET fired_at = now() each.',
      `        First overdue ${e.firstDoneMs === null ? '–' : `${fmt(e.firstDoneMs / 1000, 2)} s`} after due; ` +
        (e.allDoneMs === null
          ? `TIME-OUT: ${fmt(e.doneAtTimeout)} of ${fmt(e.count)} overdue ${fmt(e.polledMs / 1000)} s after due (lateness over those); `
          : '') +
        `deadline.passed journal rows ${fmt(e.journalDeadlineRows)}, timers fired ${fmt(e.lateness.n)}, instances transitioned twice ` +
        `${fmt(e.transitionedTwice)} (${e.firedOnce ? 'each fired timer applied exactly once' : 'NOT exactly once'}); ` +
        `fired by the reconciler instead of a job: ${e.reconcilerFired}; max lateness ${fmt(e.lateness.maxMs / 1000, 2)} s ` +
        `(raw ${fmt(raw.lateness.maxMs / 1000, 2)} s).`,
      `        Throughput: ${fmt(rate(e))} timers/s (raw ${fmt(rate(raw))}/s). ` +
        `CPU per timer from due until done: ${cpu(e.cpu, e.doneAtTimeout || 1)}; raw: ${cpu(raw.cpu, raw.doneAtTimeout || 1)}. ` +
        `Other load on the machine meanwhile: ${fmt(load(e), 2)} / ${fmt(load(raw), 2)} CPUs.`,
      `        E-mail: each overdue writes 2 outbox rows (owner + assignee): ${fmt(e.count * 2)} mails to the in-process mail catcher, ` +
        `sent by the same workers while they fire timers; ${fmt(e.outboxPendingAtDone)} still pending when all were overdue.`,
      `        Worker HWM (peak RSS since start): ${e.memory.map((m) => mib(m.hwmKiB)).join(', ')}.` +
        (r.http ? ` api HWM ${mib(r.http.memory.hwmKiB)}.` : ''),
    );
  }
  return out.join('\n');
}

function detailTable(summaries: Summary[]): string {
  const rows = summaries
    .sort((a, b) => a.concurrency - b.concurrency || a.name.localeCompare(b.name))
    .map((s) => [
      s.name,
      String(s.concurrency),
      fmt(s.perSecond),
      s.perSecondRounds.map((v) => fmt(v)).join(' / '),
      `${fmt(s.p50Ms, 1)} / ${fmt(s.p99Ms, 1)}`,
      fmt(s.cpuMsPerOp.bench, 2),
      fmt(s.cpuMsPerOp.children, 2),
      fmt(s.cpuMsPerOp.postgres, 2),
      fmt(s.cpuMsPerOp.redis, 2),
      fmt(s.foreignCpus, 2),
    ]);
  return renderTable(
    [
      'Detail',
      'Conc.',
      'Median/s',
      'Rounds',
      'Latency p50 / p99 ms',
      'CPU ms/op: bench',
      'api',
      'postgres',
      'redis',
      'Other load (CPUs)',
    ],
    rows,
    [1, 2, 5, 6, 7, 8, 9],
  );
}

function breakdownText(what: string, b: TimeBreakdown, profile?: CpuProfileShares): string {
  const pct = (x: number) => `${fmt((x / b.meanLatencyMs) * 100)} %`;
  const lines = [
    `Where ${what} time goes (concurrency ${config.concurrencies[0]}, instrumented extra run, ${fmt(b.events)} events):`,
    `  mean latency ${fmt(b.meanLatencyMs, 2)} ms = pool acquire ${fmt(b.poolAcquireMs, 2)} ms (${pct(b.poolAcquireMs)})` +
      ` + ${fmt(b.sqlStatements, 1)} SQL round trips ${fmt(b.sqlMs, 2)} ms (${pct(b.sqlMs)})` +
      ` + BullMQ dispatch after commit ${fmt(b.dispatchMs, 2)} ms (${pct(b.dispatchMs)})` +
      ` + rest (engine JS, TypeORM, event loop) ${fmt(b.otherMs, 2)} ms (${pct(b.otherMs)})`,
    '  per statement (calls/event × mean ms):',
    ...b.statements.map((s) => `    ${s.sql.padEnd(44)} ${fmt(s.perEvent, 2)} × ${fmt(s.meanMs, 2)} ms`),
  ];
  if (profile) {
    lines.push(
      '  bench-process CPU by package (V8 profile of a second run, share of non-idle samples):',
      '    ' +
        profile.byPackage
          .slice(0, 12)
          .map((p) => `${p.group} ${fmt(p.share * 100)} %`)
          .join(', '),
      '  top functions (self time):',
      ...profile.topFunctions.slice(0, 10).map((f) => `    ${fmt(f.share * 100, 1).padStart(5)} %  ${f.name}`),
    );
  }
  return lines.join('\n');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
