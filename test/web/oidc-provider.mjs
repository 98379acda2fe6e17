/* global process, console */
// A real OpenID Connect provider (panva's oidc-provider) for the OIDC login test, run as a child process
// (oidc-provider is ESM-only; jest's module registry cannot load it). Its development login pages accept
// any login and password; the login is the account id, and an e-mail login is the account's e-mail.
//
//   node test/web/oidc-provider.mjs <port> <redirect_uri> <api audience>
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const [port, redirectUri, audience] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'samflyt-test', use: 'sig', alg: 'RS256' };

const claimsOf = (sub) => ({
  sub,
  ...(sub.includes('@') ? { email: sub, email_verified: true } : {}),
  name: sub
    .split('@')[0]
    .split('.')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' '),
});

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'samflyt-web',
      token_endpoint_auth_method: 'none',
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  jwks: { keys: [jwk] },
  cookies: { keys: ['samflyt-oidc-test-cookie-key'] },
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => claimsOf(sub) }),
  // The API's access tokens: JWTs for the API's audience, carrying the e-mail the API finds the person by.
  extraTokenClaims: (_ctx, token) => (token.kind === 'AccessToken' ? claimsOf(token.accountId) : undefined),
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => audience,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'samflyt',
        audience,
        accessTokenFormat: 'jwt',
        accessTokenTTL: 3600,
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
});
provider.proxy = false;
provider.on('server_error', (_ctx, error) => console.error('oidc-provider server_error', error));
provider.listen(Number(port), '127.0.0.1', () => console.log(`oidc-provider on ${issuer}`));
