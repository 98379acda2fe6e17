import './tracing'; // first: see tracing.ts
import { Logger } from '@nestjs/common';
import { ApiEnv, EnvError, loadEnv } from '@samflyt/domain';
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
  const app = await createApiApp(env);
  app.enableShutdownHooks();
  await app.listen(env.PORT);
  const url = `http://localhost:${env.PORT}`;
  new Logger('Api').log(`samflyt api on ${url} (docs ${url}/docs, queues ${url}/admin/queues)`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `samflyt api failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
