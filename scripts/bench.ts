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
import { join } from 'node:path';
import { config, log } from './bench/config';
import { scratchDatabase, type ScratchDatabase } from './bench/database';
import { eventFigures } from './bench/events';
import { describeMachine } from './bench/machine';
import type { NodeProcess } from './bench/processes';
import { render, type EventFigures, type HttpFigures } from './bench/report';
import { engineTimers, rawBullmqTimers, type EngineTimerRun, type TimerRun } from './bench/timers';
import { RESCHEDULE_NEAR } from './bench/workload';
import { startServices } from './lib/services';

const DIST = join(__dirname, '..');
const ROOT = join(DIST, '..');

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
      ({ events, http } = await eventFigures({
        databaseUrl: db.url,
        redisUrl: services.redisUrl,
        prefix: `bench-${tag}-events`,
        distRoot: DIST,
        closers,
        children,
      }));
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

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
