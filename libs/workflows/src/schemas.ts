import { z } from 'zod';

/**
 * Zod atoms shared by every feature's schemas (workflow inputs, events and the API's request bodies): one rule per
 * kind of field, written once.
 */

/** Text that must say something: trimmed, 1 to `max` characters. */
export const text = (max: number) => z.string().trim().min(1).max(max);

/** An e-mail address (RFC 5321 caps it at 320 characters). */
export const email = z.email().max(320);

/** A committee's code, e.g. ASU or AU-UTVIDET (the committees table's CHECK). */
export const committeeCode = z
  .string()
  .regex(/^[A-Z0-9-]{1,30}$/, 'must be a committee code such as ASU or AU-UTVIDET')
  .meta({ example: 'ASU' });

/** Why something is refused, withheld, cancelled or withdrawn: told to those it concerns. */
export const reason = text(2_000);

/** The body of every request that only gives a reason. */
export const reasonRequest = z.strictObject({ reason });
