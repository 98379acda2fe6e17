import { Logger } from '@nestjs/common';
import { ApiEnv, EnvError, loadEnv, probeDatabase, reportStartupFailure } from '@samflyt/domain';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
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
