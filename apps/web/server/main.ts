import './tracing'; // first: see tracing.ts
import { loadWebConfig, WebConfigError } from './config';
import { createWebServer } from './web-server';

/** `node dist/apps/web/server/main.js`: the web application (see web-server.ts). Prints `samflyt web on <url>`. */
const HELP = `samflyt web: the web application's server. Configured by environment variables (README, "Environment"):
  API_URL, WEB_PORT, WEB_HOST, PUBLIC_WEB_URL, REDIS_URL, SAMFLYT_ENV, JWT_SECRET, WEB_KEY_PREFIX,
  WEB_LOGIN_RATE_LIMIT, WEB_MAX_SESSIONS, OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_CLIENT_AUTH,
  OIDC_CLIENT_PRIVATE_KEY, OIDC_SCOPES, OIDC_RESOURCE, OIDC_PAR
`;

function main(): void {
  if (process.argv.includes('--help')) return void process.stdout.write(HELP);
  let config;
  try {
    config = loadWebConfig();
  } catch (error) {
    if (error instanceof WebConfigError) {
      process.stderr.write(`samflyt web: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const server = createWebServer(config);
  // One line, not a stack: the port is taken or not ours to listen on.
  server.once('error', (error: NodeJS.ErrnoException) => {
    const why =
      error.code === 'EADDRINUSE'
        ? `port ${config.port} is in use: stop what listens there, or set WEB_PORT to a free port`
        : `cannot listen on ${config.host ?? ''}:${config.port} (${error.code ?? error.message}): set WEB_PORT / WEB_HOST`;
    process.stderr.write(`samflyt web: ${why}\n`);
    process.exit(1);
  });
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const login = config.oidc ? `OpenID Connect (${config.oidc.issuer})` : 'development login';
    process.stdout.write(`samflyt web on http://localhost:${port} (${login}; API ${config.apiUrl})\n`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
