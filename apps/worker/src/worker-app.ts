import { type INestApplicationContext, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { WorkerEnv } from '@samflyt/domain';
import { Logger } from 'nestjs-pino';
import { startupLogger } from './logging';
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
  await checkRedisEvictionPolicy(env.REDIS_URL, env.ALLOW_REDIS_EVICTION === 'true', startupLogger(env, 'Worker'));
  // abortOnError: false, so a failed start-up is an exception main() reports, not process.abort().
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(env), {
    abortOnError: false,
    logger: options.logger,
    bufferLogs: options.logger === undefined,
  });
  // pino's lines (logging.ts) unless the caller asked for Nest's console logger.
  if (options.logger === undefined) app.useLogger(app.get(Logger));
  return app;
}
