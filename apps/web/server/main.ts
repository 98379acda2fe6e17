import './tracing'; // first: see tracing.ts
import { loadWebConfig, WebConfigError } from './config';
import { createWebServer } from './web-server';

/** `node dist/apps/web/server/main.js`: the web application (see web-server.ts). Prints `samflyt web on <url>`. */
function main(): void {
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
