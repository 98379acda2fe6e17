import './tracing'; // first: see tracing.ts
import { Logger } from '@nestjs/common';
import { EnvError, WorkerEnv, loadEnv, probeDatabase, reportStartupFailure } from '@samflyt/domain';
import { StartupRefused, describeRedis } from './redis-policy';
import { READY_MESSAGE, createWorkerApp } from './worker-app';
import { poolSizeFor } from './worker.module';

const HELP = `samflyt worker: timers, e-mail and the reconciler. Configured by environment variables (README,
"Environment"): DATABASE_URL, REDIS_URL, SMTP_URL, MAIL_FROM, SAMFLYT_ENV, QUEUE_PREFIX, WORKER_METRICS_PORT,
WORKER_METRICS_HOST, WORKER_TIMER_CONCURRENCY, WORKER_OUTBOX_CONCURRENCY, RECONCILE_INTERVAL_MS, ALLOW_REDIS_EVICTION
`;

async function main(): Promise<void> {
  if (process.argv.includes('--help')) return void process.stdout.write(HELP);
  let env: WorkerEnv;
  try {
    env = loadEnv(WorkerEnv);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`samflyt worker: ${error.message}`);
    process.exit(1);
  }
  await probeDatabase(env.DATABASE_URL);
  const app = await createWorkerApp(env);
  // SIGTERM/SIGINT: stop taking jobs, let running ones finish, stop the reconciler, close pools.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  new Logger('Worker').log(
    `${READY_MESSAGE}: pid ${process.pid}, redis ${describeRedis(env.REDIS_URL)} prefix "${env.QUEUE_PREFIX}", ` +
      `timer concurrency ${env.WORKER_TIMER_CONCURRENCY}, outbox concurrency ${env.WORKER_OUTBOX_CONCURRENCY}, ` +
      `pg pool ${poolSizeFor(env)}, reconcile every ${env.RECONCILE_INTERVAL_MS} ms`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof StartupRefused) {
    console.error(`\n${error.message}\n`);
  } else {
    reportStartupFailure('samflyt worker', error);
  }
  process.exit(1);
});
