import type { INestApplication, LogLevel, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ApiEnv } from '@samflyt/domain';
import { mountQueueBoard } from './admin/queue-board';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { useCorrelationId } from './logging/correlation';
import { ApiMetrics } from './metrics/api-metrics';
import { httpMetrics } from './metrics/http-metrics';
import { ZodValidationPipe } from './http/zod-validation';
import { mountOpenApi } from './openapi';
import { useJsonBody } from './problems/body-parser';
import { ProblemDetailsFilter } from './problems/problem-details.filter';

export interface ApiAppOptions {
  /** Nest's console logger at these levels (tests); without it, every log line is pino's JSON (or pretty) line. */
  logger?: LoggerService | LogLevel[] | false;
}

/** The configured API, initialised but not listening: `main.ts` listens, tests use supertest. */
export async function createApiApp(env: ApiEnv, options: ApiAppOptions = {}): Promise<INestApplication> {
  const pino = options.logger === undefined;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env, { quietLogs: !pino }), {
    bodyParser: false,
    logger: options.logger,
    bufferLogs: pino,
  });
  if (pino) app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.use(httpMetrics(app.get(ApiMetrics))); // first: it times and counts every request, refused ones too
  // The client address the rate limits count: behind N trusted proxies, from X-Forwarded-For.
  if (env.API_TRUST_PROXY > 0) app.set('trust proxy', env.API_TRUST_PROXY);
  // ETags are instance revisions, set by the controllers; no content-hash ETags beside them.
  app.set('etag', false);
  useJsonBody(app);
  useCorrelationId(app);
  app.useGlobalFilters(new ProblemDetailsFilter());
  // Every body and query is a zod DTO: its schema validates the request and documents it in OpenAPI.
  app.useGlobalPipes(new ZodValidationPipe());
  mountOpenApi(app);
  mountQueueBoard(app);
  await app.init();
  return app;
}
