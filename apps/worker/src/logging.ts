import type { DynamicModule, LoggerService } from '@nestjs/common';
import { createLogger, logSettings, type WorkerEnv } from '@samflyt/domain';
import { currentCorrelationId } from '@samflyt/engine';
import { LoggerModule } from 'nestjs-pino';

/** Structured logs (pino through nestjs-pino); a job's lines carry the correlation id of the request behind it. */
export function loggingModule(env: WorkerEnv): DynamicModule {
  const { options, stream } = logSettings('worker', env, currentCorrelationId);
  return LoggerModule.forRoot({ pinoHttp: stream ? [options, stream] : options });
}

/** The same log lines before the Nest app exists (the Redis check at start-up). */
export function startupLogger(env: WorkerEnv, context: string): LoggerService {
  const logger = createLogger('worker', env, currentCorrelationId).child({ context });
  return {
    log: (message: unknown) => logger.info(String(message)),
    warn: (message: unknown) => logger.warn(String(message)),
    error: (message: unknown) => logger.error(String(message)),
  };
}
