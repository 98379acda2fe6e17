import type { INestApplication } from '@nestjs/common';
import { isCorrelationId, newCorrelationId, withCorrelationId } from '@samflyt/engine';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * The request's correlation id: its `X-Request-Id` when that is short and of a safe charset (letters, digits and
 * `._:-`, at most 64), else a new UUID. Set once on `req.id` (which pino-http logs) and on the response's
 * `X-Request-Id`; later calls return the same id.
 */
export function correlationIdOf(req: IncomingMessage, res: ServerResponse): string {
  const r = req as IncomingMessage & { id?: unknown };
  if (isCorrelationId(r.id)) return r.id;
  const header = req.headers['x-request-id'];
  const id = isCorrelationId(header) ? header : newCorrelationId();
  r.id = id;
  if (!res.headersSent) res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/**
 * Runs the rest of each request with its correlation id current (libs/engine/src/correlation.ts): the engine writes
 * it into the rows and jobs of the transition, and every log line carries it. After the body parser, whose
 * callbacks would run outside the request's async context.
 */
export function useCorrelationId(app: INestApplication): void {
  app.use((req: IncomingMessage, res: ServerResponse, next: () => void) =>
    withCorrelationId(correlationIdOf(req, res), next),
  );
}
