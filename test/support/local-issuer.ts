import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign } from 'jsonwebtoken';

export interface LocalIssuer {
  /** `http://127.0.0.1:<port>`: discovery at /.well-known/openid-configuration, keys at /jwks. */
  issuer: string;
  /** An RS256 access token signed with the issuer's published key, for `audience`. */
  token(claims: Record<string, unknown>, options?: { subject?: string; expiresIn?: number }): string;
  close(): Promise<void>;
}

/**
 * A minimal OpenID Connect issuer over HTTP for the API's token checks: discovery and a JWKS with one RS256 key,
 * so tests can shape an access token's claims (no e-mail, an unverified e-mail, …) as a provider would send them.
 * The browser login flow is tested against oidc-provider (test/web/oidc-login.e2e-spec.ts).
 */
export async function startLocalIssuer(audience: string): Promise<LocalIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...(publicKey as KeyObject).export({ format: 'jwk' }), kid: 'local-1', use: 'sig', alg: 'RS256' };
  let issuer = '';
  const server: Server = createServer((req, res) => {
    const body =
      req.url === '/.well-known/openid-configuration'
        ? {
            issuer,
            jwks_uri: `${issuer}/jwks`,
            authorization_endpoint: `${issuer}/auth`,
            token_endpoint: `${issuer}/token`,
            response_types_supported: ['code'],
            subject_types_supported: ['public'],
            id_token_signing_alg_values_supported: ['RS256'],
          }
        : req.url === '/jwks'
          ? { keys: [jwk] }
          : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { error: 'not_found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    token: (claims, { subject, expiresIn = 300 } = {}) =>
      sign(claims, privateKey, {
        algorithm: 'RS256',
        keyid: 'local-1',
        issuer,
        audience,
        expiresIn,
        ...(subject ? { subject } : {}),
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
