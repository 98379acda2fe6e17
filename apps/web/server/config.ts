import { join } from 'node:path';

/** The web server's settings, from the environment; a wrong value stops it with the variable named. */
export interface WebConfig {
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
  const issuer = url('OIDC_ISSUER', env.OIDC_ISSUER, false);
  if (issuer && !env.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID is missing (required with OIDC_ISSUER)');
  const jwtSecret = env.JWT_SECRET || undefined;
  if (!issuer && (!jwtSecret || jwtSecret.length < 16))
    problems.push('JWT_SECRET (16+ characters) is needed for the development login when OIDC_ISSUER is not set');
  if (problems.length > 0) throw new WebConfigError(`Invalid environment: ${problems.join('; ')}`);
  return {
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
