/* global process, console */
// A real OpenID Connect provider (panva's oidc-provider) for the OIDC login test, run as a child process
// (oidc-provider is ESM-only; jest's module registry cannot load it). Its development login pages accept
// any login and password; the login is the account id, and an e-mail login is the account's e-mail.
//
//   node test/web/oidc-provider.mjs <port> <redirect_uri> <api audience> [default|idporten|helseid]
//
// The profiles: `default` (a public client with PKCE; e-mail claims), `idporten` (private_key_jwt, PAR offered, a
// `pid` claim and no e-mail) and `helseid` (private_key_jwt, PAR required, HelseID's pid and HPR number claims);
// their accounts are those of PERSONS below. From the environment:
// OIDC_TEST_SIGNING_JWK (the provider's private signing JWK, so a test can sign with the issuer's own key),
// OIDC_TEST_CLIENT_JWK (the client's public JWK for private_key_jwt), OIDC_TEST_ACCESS_TTL (seconds) and
// OIDC_TEST_POST_LOGOUT (the post-logout redirect URI). Events the tests look for are printed to stdout.
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const [port, redirectUri, audience, profile = 'default'] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const jwk = process.env.OIDC_TEST_SIGNING_JWK
  ? JSON.parse(process.env.OIDC_TEST_SIGNING_JWK)
  : {
      ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
      kid: 'samflyt-test',
      use: 'sig',
      alg: 'RS256',
    };
const accessTokenTTL = Number(process.env.OIDC_TEST_ACCESS_TTL ?? 3600);

/** The identity providers' people (synthetic fødselsnummer and HPR number): the login is the account id (`sub`). */
const PERSONS = { 'kari-nordmann': { pid: '24079426075', hpr: '565501872' }, 'ola-uten-hpr': { pid: '01017012345' } };

const defaultClaimsOf = (sub) => ({
  sub,
  ...(sub.includes('@') ? { email: sub, email_verified: true } : {}),
  name: sub
    .split('@')[0]
    .split('.')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' '),
});

const profiles = {
  default: {
    claimsOf: defaultClaimsOf,
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  },
  idporten: {
    // ID-porten: `pid` (fødselsnummer) in the ID and access tokens; no e-mail, no name.
    claimsOf: (sub) => ({ sub, pid: PERSONS[sub]?.pid }),
    claims: { openid: ['sub', 'pid'], profile: [] },
  },
  helseid: {
    claimsOf: (sub) => ({
      sub,
      name: 'Kari Nordmann',
      'helseid://claims/identity/pid': PERSONS[sub]?.pid,
      ...(PERSONS[sub]?.hpr ? { 'helseid://claims/hpr/hpr_number': PERSONS[sub].hpr } : {}),
    }),
    claims: {
      openid: ['sub'],
      profile: ['name', 'helseid://claims/identity/pid', 'helseid://claims/hpr/hpr_number'],
    },
  },
}[profile];
const claimsOf = profiles.claimsOf;
const confidential = profile !== 'default';

const provider = new Provider(issuer, {
  clients: [
    confidential
      ? {
          client_id: 'samflyt-web',
          token_endpoint_auth_method: 'private_key_jwt',
          token_endpoint_auth_signing_alg: 'RS256',
          jwks: { keys: [JSON.parse(process.env.OIDC_TEST_CLIENT_JWK)] },
          redirect_uris: [redirectUri],
          post_logout_redirect_uris: [process.env.OIDC_TEST_POST_LOGOUT],
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
        }
      : {
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
  claims: profiles.claims,
  findAccount: (_ctx, id) => ({ accountId: id, claims: () => claimsOf(id) }),
  // The API's access tokens: JWTs for the API's audience, carrying the provider's identity claims.
  extraTokenClaims: (_ctx, token) => (token.kind === 'AccessToken' ? claimsOf(token.accountId) : undefined),
  issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  features: {
    devInteractions: { enabled: true },
    pushedAuthorizationRequests: { enabled: confidential, requirePushedAuthorizationRequests: profile === 'helseid' },
    rpInitiatedLogout: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => audience,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'samflyt',
        audience,
        accessTokenFormat: 'jwt',
        accessTokenTTL,
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
});
provider.proxy = false;
provider.on('server_error', (_ctx, error) => console.error('oidc-provider server_error', error));
provider.on('grant.success', (ctx) => console.log(`grant.success ${ctx.oidc.params.grant_type}`));
provider.on('pushed_authorization_request.success', () => console.log('pushed_authorization_request.success'));
provider.on('end_session.success', () => console.log('end_session.success'));
provider.listen(Number(port), '127.0.0.1', () => console.log(`oidc-provider on ${issuer}`));
