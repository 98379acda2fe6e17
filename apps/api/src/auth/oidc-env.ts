import { IsOptional, Matches, ValidateIf } from 'class-validator';

/**
 * OpenID Connect for the API: with OIDC_ISSUER set, bearer tokens signed by that issuer (RS256/ES256, keys from its
 * JWKS) are accepted beside the HS256 development tokens. Read from the same environment as ApiEnv (loadEnv keeps
 * every variable on the ApiEnv object, so this is validated from it without widening the shared ApiEnv class).
 */
export class OidcApiEnv {
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'OIDC_ISSUER must be an http(s) URL' })
  OIDC_ISSUER?: string;

  /** The audience (`aud`) the issuer's access tokens carry for this API; required with OIDC_ISSUER. */
  @ValidateIf((env: OidcApiEnv) => !!env.OIDC_ISSUER)
  @Matches(/^\S{1,300}$/, { message: 'OIDC_AUDIENCE must be set (the aud of access tokens for the API)' })
  OIDC_AUDIENCE?: string;
}
