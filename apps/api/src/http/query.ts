import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@samflyt/domain';
import { UUID } from '@samflyt/engine';
import { z } from 'zod';

/**
 * Query-string values: each parameter given once, as text. These are the building blocks of every list endpoint's
 * query schema, so a filter reads and fails the same way everywhere.
 */
const once = z.string({ error: 'must be given once' });

/** A whole number within [min, max], written in digits (documented as an integer). */
export const intParam = (min: number, max: number) => {
  const message = `must be an integer from ${min} to ${max}`;
  const digits = (value: unknown) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value);
  return z.preprocess(digits, z.int({ error: message }).min(min, message).max(max, message));
};

/** Free text of at most `max` characters, without control characters. */
export const textParam = (max = 100) =>
  once
    .max(max, `must be text of at most ${max} characters`)
    .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 32), 'must not hold control characters');

/** One of a list of values. */
export const enumParam = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values);

export const uuidParam = once.regex(UUID, 'must be a uuid');

export const booleanParam = z.enum(['true', 'false']).transform((v) => v === 'true');

/** `page` (from 1) and `pageSize` (1–100, default 20): the paging of every list. */
const pageParams = {
  page: intParam(1, 100_000).default(1).meta({ description: 'From 1; default 1' }),
  pageSize: intParam(1, MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .meta({ description: `1-${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}` }),
};

/** The query of a paged list: its filters (each optional), then `page` and `pageSize`; any other parameter is a 400. */
export const pagedQuery = <T extends z.ZodRawShape>(filters: T) => z.strictObject({ ...filters, ...pageParams });
