import { UnauthorizedException } from '@nestjs/common';
import type { Actor } from '@samflyt/engine';
import { JsonWebTokenError, verify, type JwtPayload } from 'jsonwebtoken';
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { claimsOf, tokenRejected } from './token-errors';

const claims = z.object({
  sub: z.string().min(1).max(200),
  name: z.string().min(1).max(200).optional(),
  preferred_username: z.string().min(1).max(200).optional(),
  email: z.email().max(320).optional(),
});

/** `https://idp/` and `https://idp` are the same issuer. */
export const sameIssuer = (a: string, b: string): boolean => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/**
 * Verifies access tokens of an OpenID Connect issuer (HelseID, ID-porten, Entra ID, or a local oidc-provider):
 * the signature with a key from the issuer's JWKS (found by discovery; keys cached by `kid`, the set fetched again
 * at most every 30 s when a token names an unknown key, so a key rotation is picked up),
 * `iss`, `aud` and expiry. The person is found afterwards by `sub` or `email`, as for development tokens; roles
 * come from their memberships, never from the identity provider.
 */
export class OidcVerifier {
  private jwksUri?: Promise<string>;
  private keys = new Map<string, KeyObject>();
  private fetchedAt = 0;

  constructor(
    readonly issuer: string,
    private readonly audience: string,
  ) {}

  async verify(token: string): Promise<{ actor: Actor; expiresAt?: number }> {
    let payload: JwtPayload;
    try {
      payload = await new Promise<JwtPayload>((resolve, reject) =>
        verify(
          token,
          (header, done) => {
            this.key(header.kid)
              .then((key) => done(null, key))
              .catch((error: Error) => done(error));
          },
          {
            algorithms: ['RS256', 'ES256', 'PS256'],
            issuer: [this.issuer, this.issuer.replace(/\/+$/, '')],
            audience: this.audience,
          },
          (error, decoded) =>
            error
              ? reject(error)
              : typeof decoded === 'object' && decoded
                ? resolve(decoded)
                : reject(new JsonWebTokenError('payload is not a JSON object')),
        ),
      );
    } catch (error) {
      throw tokenRejected(error, (other) => {
        const message = other instanceof Error ? other.message : String(other);
        return new UnauthorizedException(`The bearer token could not be verified with the issuer's keys: ${message}`);
      });
    }
    const { sub, name, preferred_username, email } = claimsOf(claims, payload);
    return {
      actor: { id: sub, name: name ?? preferred_username ?? email ?? sub, roles: [], ...(email ? { email } : {}) },
      expiresAt: payload.exp,
    };
  }

  /** The issuer's signing key with this `kid` (or its only key when the token names none). */
  private async key(kid: string | undefined): Promise<KeyObject> {
    const pick = () => (kid ? this.keys.get(kid) : this.keys.size === 1 ? [...this.keys.values()][0] : undefined);
    let key = pick();
    if (!key && Date.now() - this.fetchedAt > 30_000) {
      await this.fetchKeys();
      key = pick();
    }
    if (!key) throw new Error(`the issuer has no signing key "${kid ?? '(none)'}"`);
    return key;
  }

  private async fetchKeys(): Promise<void> {
    this.jwksUri ??= this.discover().catch((error: unknown) => {
      this.jwksUri = undefined;
      throw error;
    });
    const uri = await this.jwksUri;
    const response = await fetch(uri, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`the JWKS at ${uri} answered ${response.status}`);
    const { keys } = (await response.json()) as { keys?: (JsonWebKey & { kid?: string; use?: string })[] };
    const next = new Map<string, KeyObject>();
    for (const jwk of keys ?? []) {
      if (jwk.use && jwk.use !== 'sig') continue;
      try {
        next.set(jwk.kid ?? '', createPublicKey({ key: jwk, format: 'jwk' }));
      } catch {
        // a key type Node cannot use: skip it, the others still verify
      }
    }
    this.keys = next;
    this.fetchedAt = Date.now();
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
