import type { KeyObject } from 'node:crypto';
import { importPKCS8 } from 'jose';
import * as client from 'openid-client';
import type { WebConfig } from './config';

type OidcSettings = NonNullable<WebConfig['oidc']>;

export interface OidcTokens {
  accessToken: string;
  /** ms since the epoch when the access token expires. */
  accessExpiresAt: number;
  refreshToken?: string;
  /** Kept for the `id_token_hint` of the logout at the provider. */
  idToken?: string;
  name: string;
  email?: string;
}

/**
 * The authorization code flow with PKCE, on the server (openid-client): the browser only ever sees the
 * provider's login page and a session cookie. The client authenticates with a secret or a signed JWT
 * (`private_key_jwt`, as HelseID requires); the authorization request is pushed (PAR) when the provider offers it
 * or `OIDC_PAR=required`. Access tokens are refreshed with the refresh token, and logout ends the session at the
 * provider too. Plain http is allowed for a provider on this machine only (a local test or development provider);
 * anything else must be https.
 */
export class OidcLogin {
  private configuration?: Promise<client.Configuration>;
  /** Refreshes under way, by refresh token: concurrent requests of one session share one (rotation-safe). */
  private readonly refreshing = new Map<string, Promise<OidcTokens>>();

  constructor(
    private readonly settings: OidcSettings,
    private readonly redirectUri: string,
  ) {}

  async authorizationUrl(): Promise<{ url: string; codeVerifier: string; state: string }> {
    const config = await this.config();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const parameters: Record<string, string> = {
      redirect_uri: this.redirectUri,
      scope: this.settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
    };
    if (this.settings.resource) parameters.resource = this.settings.resource;
    const url = this.usePar(config)
      ? await client.buildAuthorizationUrlWithPAR(config, parameters)
      : client.buildAuthorizationUrl(config, parameters);
    return { url: url.href, codeVerifier, state };
  }

  async callback(currentUrl: URL, codeVerifier: string, state: string): Promise<OidcTokens> {
    const config = await this.config();
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: codeVerifier,
      expectedState: state,
    });
    return this.tokensOf(tokens);
  }

  /** New tokens for a session whose access token is about to expire. */
  refresh(refreshToken: string): Promise<OidcTokens> {
    let pending = this.refreshing.get(refreshToken);
    if (!pending) {
      pending = (async () => {
        const config = await this.config();
        const tokens = await client.refreshTokenGrant(config, refreshToken);
        // A provider that does not rotate refresh tokens keeps the old one valid.
        return { refreshToken, ...this.tokensOf(tokens) };
      })().finally(() => setTimeout(() => this.refreshing.delete(refreshToken), 5000).unref());
      this.refreshing.set(refreshToken, pending);
    }
    return pending;
  }

  /**
   * Where to send the browser to end the session at the provider (RP-initiated logout), or undefined when the
   * provider has no end-session endpoint.
   */
  async logoutUrl(idToken: string | undefined, postLogoutRedirectUri: string): Promise<string | undefined> {
    const config = await this.config();
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    const parameters: Record<string, string> = {
      post_logout_redirect_uri: postLogoutRedirectUri,
      client_id: this.settings.clientId,
    };
    if (idToken) parameters.id_token_hint = idToken;
    return client.buildEndSessionUrl(config, parameters).href;
  }

  private tokensOf(tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers): OidcTokens {
    const claims = tokens.claims();
    const email = typeof claims?.email === 'string' ? claims.email : undefined;
    const name =
      (typeof claims?.name === 'string' && claims.name) ||
      (typeof claims?.preferred_username === 'string' && claims.preferred_username) ||
      email ||
      'ukjent';
    const expiresIn = tokens.expiresIn() ?? 3600;
    return {
      accessToken: tokens.access_token,
      accessExpiresAt: Date.now() + expiresIn * 1000,
      ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
      ...(tokens.id_token ? { idToken: tokens.id_token } : {}),
      name,
      ...(email ? { email } : {}),
    };
  }

  private usePar(config: client.Configuration): boolean {
    const metadata = config.serverMetadata();
    if (this.settings.par === 'off') return metadata.require_pushed_authorization_requests === true;
    return !!metadata.pushed_authorization_request_endpoint;
  }

  private config(): Promise<client.Configuration> {
    this.configuration ??= (async () => {
      const issuer = new URL(this.settings.issuer);
      const local = ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
      const config = await client.discovery(issuer, this.settings.clientId, undefined, await this.clientAuth(), {
        execute: local && issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
      });
      if (this.settings.par === 'required' && !config.serverMetadata().pushed_authorization_request_endpoint)
        throw new Error(
          `OIDC_PAR=required, but the provider ${this.settings.issuer} names no pushed_authorization_request_endpoint`,
        );
      return config;
    })().catch((error: unknown) => {
      this.configuration = undefined;
      throw error;
    });
    return this.configuration;
  }

  private async clientAuth(): Promise<client.ClientAuth> {
    const { clientAuth, clientSecret, clientKey } = this.settings;
    switch (clientAuth) {
      case 'private_key_jwt': {
        const alg = clientKey!.alg ?? signingAlgorithm(clientKey!.key);
        const pem = clientKey!.key.export({ format: 'pem', type: 'pkcs8' }).toString();
        const key = await importPKCS8(pem, alg);
        return client.PrivateKeyJwt(clientKey!.kid ? { key, kid: clientKey!.kid } : key);
      }
      case 'client_secret_basic':
        return client.ClientSecretBasic(clientSecret);
      case 'client_secret_post':
        return client.ClientSecretPost(clientSecret);
      case 'none':
        return client.None();
    }
  }
}

/** The JWS algorithm for a private key without an `alg`: RS256 for RSA, ES256/384/512 by the EC curve. */
function signingAlgorithm(key: KeyObject): string {
  const details = key.asymmetricKeyDetails;
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return 'RS256';
    case 'rsa-pss':
      return 'PS256';
    case 'ec':
      return details?.namedCurve === 'secp384r1' ? 'ES384' : details?.namedCurve === 'secp521r1' ? 'ES512' : 'ES256';
    default:
      throw new Error(`OIDC_CLIENT_PRIVATE_KEY: a ${key.asymmetricKeyType} key cannot sign a client assertion here`);
  }
}
