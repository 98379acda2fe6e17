import { z } from 'zod';

/**
 * Zod atoms shared by every feature's schemas (workflow inputs, events and the API's request bodies): one rule per
 * kind of field, written once.
 */

/** Text that must say something: trimmed, 1 to `max` characters. */
export const text = (max: number) => z.string().trim().min(1).max(max);

/** An e-mail address (RFC 5321 caps it at 320 characters). */
export const email = z.email().max(320);

/** Why something is cancelled, withdrawn or withheld: the one `reason` body of every feature. */
export const reasonRequest = z.strictObject({
  reason: text(2_000).meta({ example: 'Inneholder taushetsbelagte opplysninger (offl. § 13)' }),
});
