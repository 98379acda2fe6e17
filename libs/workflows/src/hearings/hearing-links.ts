import { createHmac, timingSafeEqual } from 'node:crypto';
import { DateTime, Duration } from 'luxon';

/**
 * Personal answer links. A link's token names a hearing, a recipient organisation and one of its
 * contact persons, and when it expires; it is signed (HMAC-SHA256, 160 bits) with the hearing's own
 * link key. Nothing but the key is stored: a forged or altered token fails the signature, an old
 * one its expiry, and a contact taken off the recipient list is refused by the hearings service.
 * Signing is pure, so the e-mail templates put a fresh link in every invitation and reminder.
 */

/** A link stays valid this long after the recipient's own deadline: late answers, reading one's answer. */
export const LINK_VALID_AFTER_DEADLINE = 'P90D';

const VERSION = 1;
const SIGNATURE_BYTES = 20;
const PAYLOAD_BYTES = 1 + 16 * 3 + 6;

export interface LinkClaims {
  hearingId: string;
  organisationId: string;
  contactId: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

const uuidBytes = (uuid: string): Buffer => Buffer.from(uuid.replace(/-/g, ''), 'hex');

const uuidOf = (bytes: Buffer): string => {
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

const sign = (key: string, payload: Buffer): Buffer =>
  createHmac('sha256', Buffer.from(key, 'base64url')).update(payload).digest().subarray(0, SIGNATURE_BYTES);

/** When a link for a recipient whose deadline is `deadline` expires (seconds since the epoch). */
export function linkExpiry(deadline: string): number {
  return Math.floor(DateTime.fromISO(deadline).plus(Duration.fromISO(LINK_VALID_AFTER_DEADLINE)).toMillis() / 1000);
}

/**
 * The key that signs one recipient's links: the hearing's own until the secretariat re-issues that recipient's
 * link, then one derived from it for each re-issue. A re-issue revokes every link of the recipient signed before.
 */
export function recipientLinkKey(hearingKey: string, organisationId: string, generation: number): string {
  if (generation === 0) return hearingKey;
  return createHmac('sha256', Buffer.from(hearingKey, 'base64url'))
    .update(`recipient-link:${organisationId}:${generation}`)
    .digest('base64url');
}

export function signLink(key: string, claims: LinkClaims): string {
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  payload.writeUInt8(VERSION, 0);
  uuidBytes(claims.hearingId).copy(payload, 1);
  uuidBytes(claims.organisationId).copy(payload, 17);
  uuidBytes(claims.contactId).copy(payload, 33);
  payload.writeUIntBE(claims.expiresAt, 49, 6);
  return Buffer.concat([payload, sign(key, payload)]).toString('base64url');
}

/** The claims of a well-formed token, unverified: the hearing id tells which key to check it with. */
export function readLink(token: string): LinkClaims | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== PAYLOAD_BYTES + SIGNATURE_BYTES || bytes.readUInt8(0) !== VERSION) return null;
  return {
    hearingId: uuidOf(bytes.subarray(1, 17)),
    organisationId: uuidOf(bytes.subarray(17, 33)),
    contactId: uuidOf(bytes.subarray(33, 49)),
    expiresAt: bytes.readUIntBE(49, 6),
  };
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

export function verifyLink(key: string, token: string, now: Date): LinkCheck {
  const claims = readLink(token);
  if (!claims) return { ok: false, reason: 'malformed' };
  const bytes = Buffer.from(token, 'base64url');
  const expected = sign(key, bytes.subarray(0, PAYLOAD_BYTES));
  if (!timingSafeEqual(expected, bytes.subarray(PAYLOAD_BYTES))) return { ok: false, reason: 'forged' };
  if (claims.expiresAt * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
