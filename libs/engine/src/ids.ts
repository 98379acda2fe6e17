import { createHash } from 'node:crypto';
import { z } from 'zod';

/** The one UUID rule: any version, either case. A malformed id finds nothing (404), it is not a bad request. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** The same rule as a zod schema (OpenAPI: string, format uuid). */
export const uuidSchema = z.guid();

/** A version-4-shaped uuid from a hash: the same text, the same id (an id a retry arrives at again). */
export function derivedId(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
