import { z } from 'zod';

/** The one UUID rule: any version, either case. A malformed id finds nothing (404), it is not a bad request. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** The same rule as a zod schema (OpenAPI: string, format uuid). */
export const uuidSchema = z.guid();
