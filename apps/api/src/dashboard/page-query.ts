import { invalidInput } from '@samflyt/workflows';

export interface PageQuery {
  page: number;
  pageSize: number;
  offset: number;
}

/** An integer query parameter within [min, max], its default when absent; 400 naming the parameter otherwise. */
export function intQuery(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    throw invalidInput([{ field: name, message: `must be an integer from ${min} to ${max}` }]);
  return n;
}

/** `?page=` (from 1) and `?pageSize=` (1-100, default 20). */
export function pageQuery(page: string | undefined, pageSize: string | undefined): PageQuery {
  const p = intQuery('page', page, 1, 1, 100_000);
  const size = intQuery('pageSize', pageSize, 20, 1, 100);
  return { page: p, pageSize: size, offset: (p - 1) * size };
}

/** A query parameter that must be one of a list, or absent. */
export function oneOfQuery<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | null {
  if (value === undefined || value === '') return null;
  if (!(allowed as readonly string[]).includes(value))
    throw invalidInput([{ field: name, message: `must be one of ${allowed.join(', ')}` }]);
  return value as T;
}

/** A free-text filter of at most max characters, or absent. */
export function textQuery(name: string, value: string | undefined, max = 100): string | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || value.length > max || [...value].some((c) => c.charCodeAt(0) < 32))
    throw invalidInput([{ field: name, message: `must be text of at most ${max} characters` }]);
  return value;
}

/** A workflow name filter: lower-case letters, digits and dashes. */
export function nameQuery(name: string, value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (!/^[a-z][a-z0-9-]{0,59}$/.test(value))
    throw invalidInput([{ field: name, message: 'must be a workflow name such as assignment' }]);
  return value;
}

/** A uuid filter, or absent. */
export function uuidQuery(name: string, value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value))
    throw invalidInput([{ field: name, message: 'must be a uuid' }]);
  return value;
}
