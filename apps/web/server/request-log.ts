import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { createLogger } from '../../../libs/domain/src/config/logging';
import { isCorrelationId, newCorrelationId } from '../../../libs/engine/src/correlation';

/**
 * The request's correlation id: its `X-Request-Id` when short and of a safe charset, else a new one; answered in
 * `X-Request-Id` and passed on to the API by the proxy, so the api's lines of the request carry the same id.
 */
export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const r = req as IncomingMessage & { id?: unknown };
  if (isCorrelationId(r.id)) return r.id;
  const header = req.headers['x-request-id'];
  const id = isCorrelationId(header) ? header : newCorrelationId();
  r.id = id;
  if (!res.headersSent) res.setHeader('X-Request-Id', id);
  return id;
}

/** The web server's logger (JSON lines, pretty in development) and its one line per request. */
export function requestLogger(env: NodeJS.ProcessEnv = process.env): {
  log: Logger;
  logRequest: (req: IncomingMessage, res: ServerResponse) => void;
} {
  const log = createLogger('web', env);
  const http = pinoHttp({
    logger: log,
    genReqId: requestIdOf,
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'correlationId' },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
  });
  return { log, logRequest: (req, res) => http(req, res) };
}
