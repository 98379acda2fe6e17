import { generateKeyPairSync } from 'node:crypto';
import { loadWebConfig, WebConfigError } from './config';

describe('loadWebConfig: OpenID Connect client authentication and PAR', () => {
  const base = { API_URL: 'http://127.0.0.1:3000', OIDC_ISSUER: 'https://helseid-sts.test', OIDC_CLIENT_ID: 'samflyt' };
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

  it('a public client without a secret; client_secret_post with one; PAR when offered', () => {
    expect(loadWebConfig(base).oidc).toMatchObject({ clientAuth: 'none', par: 'auto' });
    expect(loadWebConfig({ ...base, OIDC_CLIENT_SECRET: 's3cret' }).oidc).toMatchObject({
      clientAuth: 'client_secret_post',
      clientSecret: 's3cret',
    });
  });

  it('private_key_jwt with a JWK (its kid and alg kept) or a PEM', () => {
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'samflyt-1', alg: 'ES256' };
    const fromJwk = loadWebConfig({
      ...base,
      OIDC_CLIENT_AUTH: 'private_key_jwt',
      OIDC_CLIENT_PRIVATE_KEY: JSON.stringify(jwk),
      OIDC_PAR: 'required',
    }).oidc;
    expect(fromJwk).toMatchObject({
      clientAuth: 'private_key_jwt',
      par: 'required',
      clientKey: { kid: 'samflyt-1', alg: 'ES256' },
    });
    expect(fromJwk?.clientKey?.key.type).toBe('private');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(
      loadWebConfig({ ...base, OIDC_CLIENT_AUTH: 'private_key_jwt', OIDC_CLIENT_PRIVATE_KEY: pem }).oidc?.clientKey?.key
        .asymmetricKeyType,
    ).toBe('ec');
  });

  it.each([
    [{ OIDC_CLIENT_AUTH: 'private_key_jwt' }, 'OIDC_CLIENT_PRIVATE_KEY'],
    [{ OIDC_CLIENT_AUTH: 'private_key_jwt', OIDC_CLIENT_PRIVATE_KEY: 'not a key' }, 'OIDC_CLIENT_PRIVATE_KEY'],
    [
      {
        OIDC_CLIENT_AUTH: 'private_key_jwt',
        OIDC_CLIENT_PRIVATE_KEY: JSON.stringify(publicKey.export({ format: 'jwk' })),
      },
      'OIDC_CLIENT_PRIVATE_KEY',
    ],
    [
      {
        OIDC_CLIENT_AUTH: 'private_key_jwt',
        OIDC_CLIENT_PRIVATE_KEY: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
      },
      'OIDC_CLIENT_PRIVATE_KEY',
    ],
    [{ OIDC_CLIENT_AUTH: 'client_secret_basic' }, 'OIDC_CLIENT_SECRET'],
    [{ OIDC_CLIENT_AUTH: 'tls_client_auth' }, 'OIDC_CLIENT_AUTH'],
    [{ OIDC_PAR: 'yes' }, 'OIDC_PAR'],
  ])('refuses %j, naming %s', (env, variable) => {
    expect(() => loadWebConfig({ ...base, ...env })).toThrow(WebConfigError);
    expect(() => loadWebConfig({ ...base, ...env })).toThrow(variable);
  });
});
