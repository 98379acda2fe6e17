import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The correlation id of the work in progress: the HTTP request's `X-Request-Id` in the api, a job's or a timer's
 * id of the request that caused it in the worker. Loggers read it from here; the engine writes it explicitly into
 * the journal, timer and outbox rows of a transition and into the jobs it enqueues, so it outlives the request.
 */
const storage = new AsyncLocalStorage<string>();

/** Short and of a safe charset, so an id taken from a request header can go into logs, rows and job data as it is. */
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export const isCorrelationId = (value: unknown): value is string =>
  typeof value === 'string' && CORRELATION_ID.test(value);

export const newCorrelationId = (): string => randomUUID();

/** Runs `fn` with `id` as the current correlation id (a missing or malformed id leaves the current one). */
export function withCorrelationId<T>(id: string | null | undefined, fn: () => T): T {
  return isCorrelationId(id) ? storage.run(id, fn) : fn();
}

/** The current correlation id, or null outside any request, job or timer. */
export const currentCorrelationId = (): string | null => storage.getStore() ?? null;
