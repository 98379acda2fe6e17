/** The web server's environment for `npm start`: the API beside it, WEB_PORT (default 8080), the dev login or OIDC. */
export function webEnv(env: NodeJS.ProcessEnv, apiUrl: string): { env: NodeJS.ProcessEnv; url: string; login: string } {
  const port = Number(env.WEB_PORT ?? 8080);
  const url = env.PUBLIC_WEB_URL ?? `http://localhost:${port}`;
  return {
    env: { ...env, API_URL: apiUrl, WEB_PORT: String(port), PUBLIC_WEB_URL: url },
    url,
    login: env.OIDC_ISSUER ? `OpenID Connect: ${env.OIDC_ISSUER}` : 'development login: pick a demo person',
  };
}
