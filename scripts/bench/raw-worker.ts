/**
 * The baseline for the timer benchmark, run as its own process like a samflyt worker: a bare BullMQ
 * Worker with the same concurrency, whose job is one trivial UPDATE (`fired_at = now()`). Started by
 * scripts/bench.ts; env RAW_QUEUE, QUEUE_PREFIX, REDIS_URL, DATABASE_URL, CONCURRENCY.
 */
import { Worker } from 'bullmq';
import { Pool } from 'pg';

async function main(): Promise<void> {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is missing`);
    return value;
  };
  const concurrency = Number(env('CONCURRENCY'));
  const pool = new Pool({ connectionString: env('DATABASE_URL'), max: concurrency + 4 });
  const worker = new Worker<{ timerId: string }>(
    env('RAW_QUEUE'),
    async (job) => {
      await pool.query(`UPDATE bench_raw_timers SET fired_at = now() WHERE id = $1 AND fired_at IS NULL`, [
        job.data.timerId,
      ]);
    },
    {
      connection: { url: env('REDIS_URL'), maxRetriesPerRequest: null },
      prefix: env('QUEUE_PREFIX'),
      concurrency,
      autorun: true,
    },
  );
  worker.on('error', (error) => console.error(`raw worker: ${error.message}`));
  await worker.waitUntilReady();
  console.log(`raw worker ready: pid ${process.pid}, concurrency ${concurrency}`);
  const stop = async () => {
    await worker.close();
    await pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  console.error('raw worker failed:', error);
  process.exit(1);
});
