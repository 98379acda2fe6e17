import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiEnv } from '@samflyt/domain';
import type { Actor } from '@samflyt/engine';
import { JsonWebTokenError, decode, verify, type JwtPayload } from 'jsonwebtoken';
import { z } from 'zod';
import { OidcVerifier, sameIssuer } from './oidc-verifier';
import type { ProviderIdentity } from './provider-identity';
import { claimsOf, tokenRejected } from './token-errors';

const claims = z.object({
  sub: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  roles: z.array(z.string().min(1).max(100)).max(50),
  email: z.email().max(320).optional(),
});

export interface VerifiedToken {
  actor: Actor;
  /** Seconds since the epoch, from `exp`; absent for tokens without expiry. */
  expiresAt?: number;
  /** For an OIDC issuer's token: who the issuer vouches for, `(issuer, subject)` and its identity claims. */
  identity?: ProviderIdentity;
  /** For an OIDC issuer's token: its verified payload. */
  claims?: Record<string, unknown>;
}

/**
 * Verifies bearer tokens and turns their claims into an Actor: HS256 development tokens signed with JWT_SECRET,
 * and, when OIDC_ISSUER is set, the issuer's access tokens (see OidcVerifier).
 */
@Injectable()
export class TokenService {
  /** Built once: given a string, jsonwebtoken first tries it as a public key, which costs ~0.4 ms a request. */
  private readonly key: KeyObject;

  private readonly oidc?: OidcVerifier;

  constructor(env: ApiEnv) {
    this.key = createSecretKey(Buffer.from(env.JWT_SECRET, 'utf8'));
    if (env.OIDC_ISSUER && env.OIDC_AUDIENCE) this.oidc = new OidcVerifier(env.OIDC_ISSUER, env.OIDC_AUDIENCE);
  }

  /**
   * A development token, or one from the OpenID Connect issuer when it names that issuer: then only the issuer's
   * asymmetric keys verify it, whatever its header's `alg` says (`none`, or HS256 keyed with the JWKS, are refused).
   */
  async verifyAny(token: string): Promise<VerifiedToken> {
    if (this.oidc) {
      const unverified = decode(token, { complete: true });
      const iss = typeof unverified?.payload === 'object' ? unverified.payload?.iss : undefined;
      if (typeof iss === 'string' && sameIssuer(iss, this.oidc.issuer)) return this.oidc.verify(token);
    }
    return this.verify(token);
  }

  /** A development token (HS256 with JWT_SECRET). */
  verify(token: string): VerifiedToken {
    let payload: JwtPayload;
    try {
      const decoded = verify(token, this.key, { algorithms: ['HS256'] });
      if (typeof decoded === 'string') throw new JsonWebTokenError('payload is not a JSON object');
      payload = decoded;
    } catch (error) {
      throw tokenRejected(error);
    }
    const { sub, name, roles, email } = claimsOf(claims, payload);
    return { actor: { id: sub, name, roles, ...(email ? { email } : {}) }, expiresAt: payload.exp };
  }
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
