import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import { ApiEnv, isProduction, normalIssuer, type LoginIdentity } from '@samflyt/domain';
import type { Actor } from '@samflyt/engine';
import { JsonWebTokenError, decode, verify, type JwtPayload } from 'jsonwebtoken';
import { z } from 'zod';
import { OidcVerifier, sameIssuer, type VerifiedOidcToken } from './oidc-verifier';
import type { ProviderIdentity } from './provider-identity';
import { claimsOf, tokenRejected } from './token-errors';

/** The issuer of development tokens (scripts/lib/dev-token.ts); every HS256 token is one. */
export const DEV_ISSUER = 'samflyt-dev';

const claims = z.object({
  sub: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  /** Still required of development tokens for their shape, but it gives nothing: roles are derived on the server. */
  roles: z.array(z.string().min(1).max(100)).max(50),
  email: z.email().max(320).optional(),
});

export interface VerifiedToken {
  /** The caller as the token names them, with no roles: MembershipRoles derives those. */
  actor: Actor;
  /** How the register finds the person behind the token. */
  login: LoginIdentity;
  /** Seconds since the epoch, from `exp`; absent for tokens without expiry. */
  expiresAt?: number;
  /** For an OIDC issuer's token: who the issuer vouches for, `(issuer, subject)` and its identity claims. */
  identity?: ProviderIdentity;
  /** For an OIDC issuer's token: its verified payload. */
  claims?: Record<string, unknown>;
}

/**
 * Verifies bearer tokens and turns their claims into an Actor without roles: HS256 development tokens signed with
 * JWT_SECRET (development mode only), and, when OIDC_ISSUER is set, the issuer's access tokens (see OidcVerifier).
 * A token's `roles` claim gives nothing; roles are derived on the server (MembershipRoles).
 */
@Injectable()
export class TokenService {
  /** Built once: given a string, jsonwebtoken first tries it as a public key, which costs ~0.4 ms a request. */
  private readonly key?: KeyObject;

  private readonly oidc?: OidcVerifier;

  /** Whether the OIDC issuer's verified e-mail may find a person (OIDC_EMAIL_TRUSTED). */
  private readonly emailTrusted: boolean;

  constructor(env: ApiEnv) {
    if (!isProduction(env) && env.JWT_SECRET) this.key = createSecretKey(Buffer.from(env.JWT_SECRET, 'utf8'));
    if (env.OIDC_ISSUER && env.OIDC_AUDIENCE) this.oidc = new OidcVerifier(env.OIDC_ISSUER, env.OIDC_AUDIENCE);
    const trusted = (env.OIDC_EMAIL_TRUSTED ?? '').split(',').map((s) => s.trim());
    this.emailTrusted =
      !!env.OIDC_ISSUER && (trusted.includes('true') || trusted.some((s) => s && sameIssuer(s, env.OIDC_ISSUER!)));
  }

  /**
   * A development token, or one from the OpenID Connect issuer when it names that issuer: then only the issuer's
   * asymmetric keys verify it, whatever its header's `alg` says (`none`, or HS256 keyed with the JWKS, are refused).
   */
  async verifyAny(token: string): Promise<VerifiedToken> {
    if (this.oidc) {
      const unverified = decode(token, { complete: true });
      const iss = typeof unverified?.payload === 'object' ? unverified.payload?.iss : undefined;
      if (typeof iss === 'string' && sameIssuer(iss, this.oidc.issuer))
        return this.fromOidc(await this.oidc.verify(token));
    }
    return this.verify(token);
  }

  /**
   * The OIDC verifier's actor, roles dropped, and how the register finds its person: by the provider's identity
   * `(issuer, subject)` (for Entra ID `tid:oid`), by e-mail only when the issuer is trusted for it and says verified.
   */
  private fromOidc(verified: VerifiedOidcToken): VerifiedToken {
    const { actor, expiresAt, identity, claims } = verified;
    return {
      actor: { ...actor, roles: [] },
      expiresAt,
      identity,
      claims,
      login: {
        issuer: normalIssuer(identity.issuer),
        subject: identity.subject,
        email: actor.email ?? null,
        matchId: false,
        matchEmail: this.emailTrusted && identity.emailVerified,
      },
    };
  }

  /** A development token (HS256 with JWT_SECRET); refused in production. */
  verify(token: string): VerifiedToken {
    if (!this.key) throw new UnauthorizedException('Development tokens (HS256) are not accepted in production');
    let payload: JwtPayload;
    try {
      const decoded = verify(token, this.key, { algorithms: ['HS256'] });
      if (typeof decoded === 'string') throw new JsonWebTokenError('payload is not a JSON object');
      payload = decoded;
    } catch (error) {
      throw tokenRejected(error);
    }
    const { sub, name, email } = claimsOf(claims, payload);
    return {
      actor: { id: sub, name, roles: [], ...(email ? { email } : {}) },
      expiresAt: payload.exp,
      // Development tokens find their person by sub = persons.id or by e-mail, as the demo logins do.
      login: { issuer: DEV_ISSUER, subject: sub, email: email ?? null, matchId: true, matchEmail: true },
    };
  }
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
