import { UnauthorizedException } from '@nestjs/common';
import type { Actor } from '@samflyt/workflows';
import { JsonWebTokenError, TokenExpiredError, verify, type JwtPayload } from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import { z } from 'zod';

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
 * the signature with a key from the issuer's JWKS (found by discovery, cached and rate-limited by jwks-rsa),
 * `iss`, `aud` and expiry. The person is found afterwards by `sub` or `email`, as for development tokens; roles
 * come from their memberships, never from the identity provider.
 */
export class OidcVerifier {
  private client?: Promise<JwksClient>;

  constructor(
    readonly issuer: string,
    private readonly audience: string,
  ) {}

  async verify(token: string): Promise<{ actor: Actor; expiresAt?: number }> {
    const client = await this.jwks();
    let payload: JwtPayload;
    try {
      payload = await new Promise<JwtPayload>((resolve, reject) =>
        verify(
          token,
          (header, done) => {
            client
              .getSigningKey(header.kid)
              .then((key) => done(null, key.getPublicKey()))
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
      if (error instanceof TokenExpiredError) throw new UnauthorizedException('The bearer token has expired');
      if (error instanceof JsonWebTokenError)
        throw new UnauthorizedException(`The bearer token is invalid: ${error.message}`);
      const message = error instanceof Error ? error.message : String(error);
      throw new UnauthorizedException(`The bearer token could not be verified with the issuer's keys: ${message}`);
    }
    const parsed = claims.safeParse(payload);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(payload)'))].join(', ');
      throw new UnauthorizedException(`The bearer token lacks valid claims: ${fields}`);
    }
    const { sub, name, preferred_username, email } = parsed.data;
    return {
      actor: { id: sub, name: name ?? preferred_username ?? email ?? sub, roles: [], ...(email ? { email } : {}) },
      expiresAt: payload.exp,
    };
  }

  /** The JWKS client, from the issuer's discovery document; a failed discovery is retried on the next request. */
  private jwks(): Promise<JwksClient> {
    this.client ??= (async () => {
      const url = `${this.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (!response.ok) throw new Error(`discovery at ${url} answered ${response.status}`);
      const { jwks_uri: jwksUri } = (await response.json()) as { jwks_uri?: string };
      if (!jwksUri) throw new Error(`discovery at ${url} names no jwks_uri`);
      return new JwksClient({ jwksUri, cache: true, rateLimit: true, jwksRequestsPerMinute: 10, timeout: 5000 });
    })();
    return this.client.catch((error: unknown) => {
      this.client = undefined;
      const message = error instanceof Error ? error.message : String(error);
      throw new UnauthorizedException(`The identity provider could not be reached: ${message}`);
    });
  }
}
