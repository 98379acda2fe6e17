import './tracing'; // first: see tracing.ts
import { Logger } from '@nestjs/common';
import { ApiEnv, EnvError, loadEnv, probeDatabase, reportStartupFailure } from '@samflyt/domain';
import { createApiApp } from './bootstrap';

const HELP = `samflyt api: the HTTP API. Configured by environment variables (README, "Environment"):
  DATABASE_URL, REDIS_URL, SAMFLYT_ENV, JWT_SECRET, PORT, QUEUE_PREFIX, PUBLIC_WEB_URL, PUBLIC_API_URL,
  OIDC_ISSUER, OIDC_AUDIENCE, OIDC_EMAIL_TRUSTED, ADMIN_SUBJECTS, SECRETARIAT_SUBJECTS, INVITATION_TTL_DAYS,
  RATE_LIMIT_PUBLIC_PER_MINUTE, RATE_LIMIT_UPLOAD_PER_MINUTE, API_TRUST_PROXY
`;

async function main(): Promise<void> {
  if (process.argv.includes('--help')) return void process.stdout.write(HELP);
  let env: ApiEnv;
  try {
    env = loadEnv(ApiEnv);
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`samflyt api: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  await probeDatabase(env.DATABASE_URL);
  const app = await createApiApp(env);
  app.enableShutdownHooks();
  await app.listen(env.PORT);
  const url = `http://localhost:${env.PORT}`;
  new Logger('Api').log(`samflyt api on ${url} (docs ${url}/docs, queues ${url}/admin/queues)`);
}

main().catch((error: unknown) => {
  reportStartupFailure('samflyt api', error);
  process.exit(1);
});
