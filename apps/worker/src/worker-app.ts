import { Logger, type INestApplicationContext, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { WorkerEnv } from '@samflyt/domain';
import { checkRedisEvictionPolicy } from './redis-policy';
import { WorkerModule } from './worker.module';

export const READY_MESSAGE = 'worker ready';

/**
 * Checks Redis, then builds and starts the worker: processors run and the reconciler has begun when
 * this resolves. Throws StartupRefused when Redis may evict jobs (see redis-policy.ts).
 */
export async function createWorkerApp(
  env: WorkerEnv,
  options: { logger?: LogLevel[] | false } = {},
): Promise<INestApplicationContext> {
  const logger = new Logger('Worker');
  await checkRedisEvictionPolicy(env.REDIS_URL, env.ALLOW_REDIS_EVICTION === 'true', logger);
  // abortOnError: false, so a failed start-up is an exception main() reports, not process.abort().
  return NestFactory.createApplicationContext(WorkerModule.forRoot(env), {
    abortOnError: false,
    logger: options.logger ?? ['log', 'warn', 'error', 'fatal'],
  });
}
