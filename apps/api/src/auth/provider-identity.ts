/**
 * Who a verified OpenID Connect token names, as the identity provider vouches for it. A person is linked to one or
 * more of these by `(issuer, subject)`; the other fields are what the provider adds where it knows it.
 */
export interface ProviderIdentity {
  /** The token's `iss`, without a trailing slash. */
  issuer: string;
  /**
   * Stable within the issuer: `sub`, except for Entra ID, whose `sub` is pairwise per application, where it is
   * `<tid>:<oid>` (tenant and object id, the same for every application of that tenant).
   */
  subject: string;
  /** Norwegian national identity number (fødselsnummer or d-nummer): ID-porten's `pid`, HelseID's identity pid. */
  pid?: string;
  /** Health personnel number (HPR), from HelseID. */
  hprNumber?: string;
  /** Entra ID tenant and object id. */
  tenantId?: string;
  objectId?: string;
  email?: string;
  /** True only when the provider says so (`email_verified: true`); an unverified e-mail must not find a person. */
  emailVerified: boolean;
  /** A display name, when the token has one. */
  name?: string;
}

const HELSEID_PID = 'helseid://claims/identity/pid';
const HELSEID_HPR = 'helseid://claims/hpr/hpr_number';

/** An 11-digit fødselsnummer or d-nummer (no checksum here: the provider has verified the person). */
const PID = /^\d{11}$/;
const HPR = /^\d{1,9}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

export class IdentityClaimError extends Error {}

/**
 * The identity of a token's verified claims. Throws IdentityClaimError naming the claim when one the identity
 * depends on is there but malformed (an `sub` that is not a string, a `pid` that is not 11 digits, …): such a
 * token is refused rather than read half.
 */
export function identityOf(claims: Record<string, unknown>): ProviderIdentity {
  const issuer = text(claims, 'iss', 2000).replace(/\/+$/, '');
  const sub = text(claims, 'sub', 255);
  const tid = optional(claims, 'tid', GUID);
  const oid = optional(claims, 'oid', GUID);
  const pid = optional(claims, 'pid', PID) ?? optional(claims, HELSEID_PID, PID);
  const hprNumber = optional(claims, HELSEID_HPR, HPR);
  const email = optional(claims, 'email', EMAIL)?.toLowerCase();
  const name = optionalName(claims);
  return {
    issuer,
    subject: tid && oid ? `${tid.toLowerCase()}:${oid.toLowerCase()}` : sub,
    ...(pid ? { pid } : {}),
    ...(hprNumber ? { hprNumber } : {}),
    ...(tid ? { tenantId: tid.toLowerCase() } : {}),
    ...(oid ? { objectId: oid.toLowerCase() } : {}),
    ...(email ? { email } : {}),
    emailVerified: email !== undefined && claims.email_verified === true,
    ...(name ? { name } : {}),
  };
}

function text(claims: Record<string, unknown>, name: string, max: number): string {
  const value = claims[name];
  if (typeof value !== 'string' || value.length === 0 || value.length > max)
    throw new IdentityClaimError(`the claim "${name}" must be a string of 1 to ${max} characters`);
  return value;
}

function optional(claims: Record<string, unknown>, name: string, pattern: RegExp): string | undefined {
  const value = claims[name];
  if (value === undefined || value === null) return undefined;
  // HelseID sends the HPR number as a string; tolerate a number, as some providers send one.
  const asText = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
  if (typeof asText !== 'string' || !pattern.test(asText))
    throw new IdentityClaimError(`the claim "${name}" is malformed`);
  return asText;
}

function optionalName(claims: Record<string, unknown>): string | undefined {
  for (const key of ['name', 'preferred_username']) {
    const value = claims[key];
    if (typeof value === 'string' && value.length > 0 && value.length <= 200) return value;
  }
  return undefined;
}
