import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ApiMetrics } from './api-metrics';

/** The route label of a request no route matched (404s, and bodies refused before routing). */
export const UNMATCHED_ROUTE = '(unmatched)';

/**
 * Catch-all templates that are not a route of the API: Nest mounts middleware bound to every route (the request
 * logger's) as `/{*path}`, which leaves its template on a request no controller matched.
 */
const CATCH_ALL = new Set(['/{*path}', '*', '/*']);

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Express middleware, first in the chain: counts and times every request when its response is finished (or the
 * client went away), labelled by the route template the router matched (`/instances/:id`), never by the raw path.
 */
export function httpMetrics(metrics: ApiMetrics): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    let counted = false;
    const done = () => {
      if (counted) return;
      counted = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const template = req.route?.path ? String(req.route.path) : undefined;
      const route = template && !CATCH_ALL.has(template) ? `${req.baseUrl}${template}` : UNMATCHED_ROUTE;
      // Only known methods: a made-up one must not make a series of its own.
      const method = METHODS.has(req.method) ? req.method : 'OTHER';
      metrics.requestAnswered(method, route, res.writableFinished ? res.statusCode : 499, seconds);
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}
