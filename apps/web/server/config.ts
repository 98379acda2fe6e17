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
  /** Development login (HS256 tokens for demo persons) when OIDC is not configured. */
  jwtSecret?: string;
  oidc?: {
    issuer: string;
    clientId: string;
    clientSecret?: string;
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
  const jwtSecret = production ? undefined : env.JWT_SECRET || undefined;
  if (production && env.JWT_SECRET) {
    const unsafe = unsafeSecret('JWT_SECRET', env.JWT_SECRET);
    if (unsafe) problems.push(unsafe);
  }
  if (!production && !issuer && (!jwtSecret || jwtSecret.length < 16))
    problems.push('JWT_SECRET (16+ characters) is needed for the development login when OIDC_ISSUER is not set');
  if (problems.length > 0) throw new WebConfigError(`Invalid environment: ${problems.join('; ')}`);
  return {
    production,
    apiUrl: apiUrl!,
    port,
    host: env.WEB_HOST || undefined,
    publicUrl,
    staticDir: env.WEB_STATIC_DIR || join(__dirname, '../../../web'),
    jwtSecret: issuer ? undefined : jwtSecret,
    oidc: issuer
      ? {
          issuer,
          clientId: env.OIDC_CLIENT_ID!,
          clientSecret: env.OIDC_CLIENT_SECRET || undefined,
          scopes: env.OIDC_SCOPES || 'openid profile email',
          resource: env.OIDC_RESOURCE || undefined,
        }
      : undefined,
  };
}
