import { UnauthorizedException } from '@nestjs/common';
import type { Actor } from '@samflyt/engine';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { IdentityClaimError, identityOf, type ProviderIdentity } from './provider-identity';

/** `https://idp/` and `https://idp` are the same issuer. */
export const sameIssuer = (a: string, b: string): boolean => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/** Asymmetric signatures only: `none` and HS* (which a JWKS's public key could be abused as a secret for) never. */
export const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

/** Seconds of clock difference between the issuer and this server that `exp`, `nbf` and `iat` tolerate. */
const CLOCK_TOLERANCE = 30;

export interface VerifiedOidcToken {
  actor: Actor;
  expiresAt: number;
  /** Who the issuer vouches for: `(issuer, subject)` and the provider's identity claims. */
  identity: ProviderIdentity;
  /** The verified payload, for whoever maps further claims. */
  claims: JWTPayload;
}

/**
 * Verifies access tokens of an OpenID Connect issuer (HelseID, ID-porten, Entra ID, or a local oidc-provider) with
 * `jose`: the signature with a key of the issuer's JWKS (found by discovery; jose caches the set and fetches it again
 * when a token names an unknown key, at most every 30 s, so a key rotation is picked up), `iss`, `aud`, a required
 * `exp` and `sub`. Roles never come from here: they follow from the person's memberships.
 */
export class OidcVerifier {
  private jwks?: Promise<ReturnType<typeof createRemoteJWKSet>>;

  constructor(
    readonly issuer: string,
    private readonly audience: string,
  ) {}

  async verify(token: string): Promise<VerifiedOidcToken> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.keys(), {
        // With or without a trailing slash, whichever way OIDC_ISSUER and the token write it.
        issuer: [this.issuer.replace(/\/+$/, ''), `${this.issuer.replace(/\/+$/, '')}/`],
        audience: this.audience,
        algorithms: OIDC_ALGORITHMS,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: CLOCK_TOLERANCE,
      }));
    } catch (error) {
      throw rejected(error);
    }
    let identity: ProviderIdentity;
    try {
      identity = identityOf(payload as Record<string, unknown>);
    } catch (error) {
      throw rejected(error);
    }
    const email = identity.email;
    return {
      actor: {
        id: payload.sub!,
        name: identity.name ?? email ?? identity.subject,
        roles: [],
        ...(email ? { email } : {}),
      },
      expiresAt: payload.exp!,
      identity,
      claims: payload,
    };
  }

  private keys(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    this.jwks ??= this.discover().then(
      (uri) =>
        createRemoteJWKSet(new URL(uri), { cooldownDuration: 30_000, cacheMaxAge: 600_000, timeoutDuration: 5000 }),
      (error: unknown) => {
        this.jwks = undefined;
        throw error;
      },
    );
    return this.jwks;
  }

  private async discover(): Promise<string> {
    const url = `${this.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`discovery at ${url} answered ${response.status}`);
    const { jwks_uri: jwksUri } = (await response.json()) as { jwks_uri?: string };
    if (!jwksUri) throw new Error(`discovery at ${url} names no jwks_uri`);
    return jwksUri;
  }
}

/** A verification failure as the 401 the caller gets, naming what failed. */
function rejected(error: unknown): Error {
  if (error instanceof errors.JWTExpired) return new UnauthorizedException('The bearer token has expired');
  if (error instanceof errors.JWTClaimValidationFailed)
    return new UnauthorizedException(`The bearer token is invalid: ${error.message}`);
  if (error instanceof errors.JOSEAlgNotAllowed)
    return new UnauthorizedException('The bearer token is invalid: its "alg" is not an allowed asymmetric algorithm');
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new UnauthorizedException('The bearer token is invalid: invalid signature');
  if (error instanceof errors.JWKSNoMatchingKey)
    return new UnauthorizedException("The bearer token is invalid: no key of the issuer's JWKS matches it");
  if (error instanceof IdentityClaimError)
    return new UnauthorizedException(`The bearer token lacks valid claims: ${error.message}`);
  if (error instanceof errors.JOSEError) return new UnauthorizedException(`The bearer token is invalid: ${error.code}`);
  const message = error instanceof Error ? error.message : String(error);
  return new UnauthorizedException(`The bearer token could not be verified with the issuer's keys: ${message}`);
}
