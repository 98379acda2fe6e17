import * as client from 'openid-client';
import type { WebConfig } from './config';

type OidcSettings = NonNullable<WebConfig['oidc']>;

export interface OidcTokens {
  accessToken: string;
  name: string;
  email?: string;
  expiresAt: number;
}

/**
 * The authorization code flow with PKCE, on the server (openid-client): the browser only ever sees the
 * provider's login page and a session cookie. Plain http is allowed for a provider on this machine only
 * (a local test or development provider); anything else must be https.
 */
export class OidcLogin {
  private configuration?: Promise<client.Configuration>;

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
    return { url: client.buildAuthorizationUrl(config, parameters).href, codeVerifier, state };
  }

  async callback(currentUrl: URL, codeVerifier: string, state: string): Promise<OidcTokens> {
    const config = await this.config();
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: codeVerifier,
      expectedState: state,
    });
    const claims = tokens.claims();
    const email = typeof claims?.email === 'string' ? claims.email : undefined;
    const name =
      (typeof claims?.name === 'string' && claims.name) ||
      (typeof claims?.preferred_username === 'string' && claims.preferred_username) ||
      email ||
      String(claims?.sub ?? 'ukjent');
    const expiresIn = tokens.expiresIn() ?? 3600;
    return { accessToken: tokens.access_token, name, email, expiresAt: Date.now() + expiresIn * 1000 };
  }

  private config(): Promise<client.Configuration> {
    this.configuration ??= (async () => {
      const issuer = new URL(this.settings.issuer);
      const local = ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
      const auth = this.settings.clientSecret ? client.ClientSecretPost(this.settings.clientSecret) : client.None();
      return client.discovery(issuer, this.settings.clientId, undefined, auth, {
        execute: local && issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
      });
    })().catch((error: unknown) => {
      this.configuration = undefined;
      throw error;
    });
    return this.configuration;
  }
}
