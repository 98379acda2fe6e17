import type { TimerSetup } from './timers';

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

/** The knobs of `npm run bench`, from the environment (see scripts/bench.ts). */
export const config = {
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

export type BenchConfig = typeof config;

/** The name of the raw node-postgres baseline in the event figures. */
export const RAW = 'raw pg transaction';

export const log = (s: string): void => void process.stderr.write(`[bench] ${s}\n`);
