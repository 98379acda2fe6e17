/**
 * Writes the API's OpenAPI document to a file without a database or a listening server (Nest's preview mode
 * builds the module graph without instantiating providers), for openapi-typescript to turn into the web client's
 * types at build time: a changed endpoint then breaks the web app's type-check, not its user.
 *
 *   node dist/scripts/lib/web-openapi.js <out.json>
 */
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { ApiEnv, loadEnv } from '@samflyt/domain';
import { AppModule } from '../../apps/api/src/app.module';
import { openApiDocument } from '../../apps/api/src/openapi';

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: web-openapi <out.json>');
  const env = loadEnv(ApiEnv, {
    DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
    REDIS_URL: 'redis://127.0.0.1:1',
    JWT_SECRET: 'only-to-describe-the-api',
  });
  const app = await NestFactory.create(AppModule.forRoot(env), { preview: true, logger: false, abortOnError: false });
  const document = openApiDocument(app);
  writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`web-openapi: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
