import type { DynamicModule } from '@nestjs/common';
import { logSettings, type ApiEnv } from '@samflyt/domain';
import { currentCorrelationId } from '@samflyt/engine';
import { LoggerModule } from 'nestjs-pino';
import type { Options } from 'pino-http';
import { correlationIdOf } from './correlation';

/**
 * Structured logs (pino through nestjs-pino): Nest's own log lines and one line per request, each with the request's
 * correlation id. `quiet` (tests with an in-process API) logs only errors.
 */
export function loggingModule(env: ApiEnv, quiet = false): DynamicModule {
  const { options, stream } = logSettings('api', env, currentCorrelationId);
  const http: Options = {
    ...options,
    level: quiet ? 'error' : options.level,
    genReqId: correlationIdOf,
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'correlationId' },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
  };
  return LoggerModule.forRoot({ pinoHttp: stream ? [http, stream] : http });
}
