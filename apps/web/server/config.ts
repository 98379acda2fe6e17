import { createPrivateKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
// The mode switch and secret rule of every process (only zod behind it, not the whole domain library).
import { isProduction, unsafeSecret } from '../../../libs/domain/src/config/env';

/** The web server's settings, from the environment; a wrong value stops it with the variable named. */
export interface WebConfig {
  /** SAMFLYT_ENV=production: no development login; OIDC is required. */
  production: boolean;
  apiUrl: string;
  port: number;
  host?: string;
  /** Where browsers reach this server: the OIDC redirect URI is `${publicUrl}/auth/callback`. */
  publicUrl: string;
  staticDir: string;
  /** Sessions, pending logins and login counts; without it (development only) they live in this process. */
  redisUrl?: string;
  /** Prefix of this server's Redis keys. */
  keyPrefix: string;
  /** At most this many sessions (and pending logins) in memory when there is no Redis. */
  maxSessions: number;
  /** Login attempts (/auth/login, /auth/callback, /auth/dev-login) per client address and minute. */
  loginRateLimit: number;
  /** Development login (HS256 tokens for demo persons) when OIDC is not configured. */
  jwtSecret?: string;
  oidc?: {
    issuer: string;
    clientId: string;
    clientSecret?: string;
    /** How the client authenticates at the token (and PAR) endpoint. */
    clientAuth: 'none' | 'client_secret_post' | 'client_secret_basic' | 'private_key_jwt';
    /** The private key for `private_key_jwt`, and its `kid` and `alg` when the JWK names them. */
    clientKey?: { key: KeyObject; kid?: string; alg?: string };
    /** Pushed authorization requests: when the provider offers them (auto), always (required), or never (off). */
    par: 'auto' | 'required' | 'off';
    scopes: string;
    /** RFC 8707 resource indicator for the API's access tokens, when the provider needs one. */
    resource?: string;
  };
}

export class WebConfigError extends Error {}

export function loadWebConfig(env: NodeJS.ProcessEnv = process.env): WebConfig {
  const problems: string[] = [];
  const url = (name: string, value: string | undefined, required: boolean): string | undefined => {
    if (!value) {
      if (required) problems.push(`${name} is missing`);
      return undefined;
    }
    if (!/^https?:\/\/\S+$/.test(value)) problems.push(`${name} must be an http(s) URL`);
    return value.replace(/\/+$/, '');
  };
  const apiUrl = url('API_URL', env.API_URL, true);
  const port = Number(env.WEB_PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push('WEB_PORT must be a port number');
  const publicUrl = url('PUBLIC_WEB_URL', env.PUBLIC_WEB_URL, false) ?? `http://localhost:${port}`;
  const mode = env.SAMFLYT_ENV ?? 'development';
  if (mode !== 'development' && mode !== 'production') problems.push('SAMFLYT_ENV must be development or production');
  const production = isProduction(env);
  const issuer = url('OIDC_ISSUER', env.OIDC_ISSUER, production);
  if ((issuer || production) && !env.OIDC_CLIENT_ID)
    problems.push('OIDC_CLIENT_ID is missing (required with OIDC_ISSUER)');
  const clientAuth = (env.OIDC_CLIENT_AUTH || (env.OIDC_CLIENT_SECRET ? 'client_secret_post' : 'none')) as NonNullable<
    WebConfig['oidc']
  >['clientAuth'];
  if (!['none', 'client_secret_post', 'client_secret_basic', 'private_key_jwt'].includes(clientAuth))
    problems.push('OIDC_CLIENT_AUTH must be none, client_secret_post, client_secret_basic or private_key_jwt');
  if (clientAuth.startsWith('client_secret') && !env.OIDC_CLIENT_SECRET)
    problems.push(`OIDC_CLIENT_SECRET is missing (required with OIDC_CLIENT_AUTH=${clientAuth})`);
  let clientKey: NonNullable<WebConfig['oidc']>['clientKey'];
  if (clientAuth === 'private_key_jwt') {
    clientKey = privateKey(env.OIDC_CLIENT_PRIVATE_KEY);
    if (!clientKey) problems.push('OIDC_CLIENT_PRIVATE_KEY must be a private key as a JWK (JSON) or PKCS#8/PKCS#1 PEM');
  }
  const par = (env.OIDC_PAR || 'auto') as NonNullable<WebConfig['oidc']>['par'];
  if (!['auto', 'required', 'off'].includes(par)) problems.push('OIDC_PAR must be auto, required or off');
  const jwtSecret = production ? undefined : env.JWT_SECRET || undefined;
  if (production && env.JWT_SECRET) {
    const unsafe = unsafeSecret('JWT_SECRET', env.JWT_SECRET);
    if (unsafe) problems.push(unsafe);
  }
  if (!production && !issuer && (!jwtSecret || jwtSecret.length < 16))
    problems.push('JWT_SECRET (16+ characters) is needed for the development login when OIDC_ISSUER is not set');
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\/\S+$/.test(redisUrl)) problems.push('REDIS_URL must be a redis:// URL');
  if (!redisUrl && (production || publicUrl.startsWith('https:')))
    problems.push('REDIS_URL is missing (sessions are kept in Redis in production and when PUBLIC_WEB_URL is https)');
  const count = (name: string, fallback: number): number => {
    const value = Number(env[name] || fallback);
    if (!Number.isInteger(value) || value < 1) problems.push(`${name} must be a positive whole number`);
    return value;
  };
  const maxSessions = count('WEB_MAX_SESSIONS', 10_000);
  const loginRateLimit = count('WEB_LOGIN_RATE_LIMIT', 30);
  if (problems.length > 0) throw new WebConfigError(`Invalid environment: ${problems.join('; ')}`);
  return {
    production,
    apiUrl: apiUrl!,
    port,
    host: env.WEB_HOST || undefined,
    publicUrl,
    redisUrl,
    keyPrefix: env.WEB_KEY_PREFIX || 'samflyt-web',
    maxSessions,
    loginRateLimit,
    staticDir: env.WEB_STATIC_DIR || join(__dirname, '../../../web'),
    jwtSecret: issuer ? undefined : jwtSecret,
    oidc: issuer
      ? {
          issuer,
          clientId: env.OIDC_CLIENT_ID!,
          clientSecret: env.OIDC_CLIENT_SECRET || undefined,
          clientAuth,
          ...(clientKey ? { clientKey } : {}),
          par,
          scopes: env.OIDC_SCOPES || 'openid profile email',
          resource: env.OIDC_RESOURCE || undefined,
        }
      : undefined,
  };
}

/** A private RSA or EC key from a JWK (JSON, with `d`) or a PEM; undefined when it is neither. */
function privateKey(value: string | undefined): { key: KeyObject; kid?: string; alg?: string } | undefined {
  if (!value) return undefined;
  try {
    if (value.trim().startsWith('{')) {
      const jwk = JSON.parse(value) as { kid?: unknown; alg?: unknown; d?: unknown };
      if (typeof jwk.d !== 'string') return undefined;
      const key = createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' });
      return {
        key,
        ...(typeof jwk.kid === 'string' ? { kid: jwk.kid } : {}),
        ...(typeof jwk.alg === 'string' ? { alg: jwk.alg } : {}),
      };
    }
    return { key: createPrivateKey(value.replace(/\\n/g, '\n')) };
  } catch {
    return undefined;
  }
}
