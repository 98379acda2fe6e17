import { z } from 'zod';

/**
 * Zod atoms shared by every feature's schemas (workflow inputs, events and the API's request bodies): one rule per
 * kind of field, written once.
 */

/** Text that must say something: trimmed, 1 to `max` characters. */
export const text = (max: number) => z.string().trim().min(1).max(max);

/** An e-mail address (RFC 5321 caps it at 320 characters). */
export const email = z.email().max(320);

/** A committee's code, as the `committees` table's CHECK has it: `ASU`, `AU-UTVIDET`. */
export const committeeCode = z
  .string({ error: 'must be a committee code of 1-30 capital letters, digits or hyphens, such as ASU or AU-UTVIDET' })
  .regex(
    /^[A-Z0-9-]{1,30}$/,
    'must be a committee code of 1-30 capital letters, digits or hyphens, such as ASU or AU-UTVIDET',
  )
  .meta({ example: 'ASU' });

/** Distinct items: `what` names one in the message (`must not repeat an offset`). */
export const distinct = <T extends z.ZodType>(item: T, what: string, key: (value: z.output<T>) => unknown = (v) => v) =>
  z.array(item).refine((a) => new Set(a.map(key)).size === a.length, `must not repeat ${what}`);

/** Why something is refused, withheld, cancelled or withdrawn: told to those it concerns. */
export const reason = text(2_000);

/** The body of every request that only gives a reason. */
export const reasonRequest = z.strictObject({ reason });
