/**
 * jest globalSetup: starts PostgreSQL, Redis and the mail catcher once per
 * jest run (each skipped when its *_URL is already set) and exports the URLs
 * through process.env. globalSetup runs in the jest parent process before any
 * test worker is forked, and workers inherit process.env, so this works both
 * with --runInBand and with parallel workers.
 */
import { join } from 'node:path';
import { register } from 'tsconfig-paths';
import { compilerOptions } from '../../tsconfig.json';
import type { Services } from '../../scripts/lib/services';

// globalSetup runs outside jest's module registry, so jest's moduleNameMapper does not apply: resolve the libs'
// `@samflyt/*` imports from tsconfig's paths before loading them.
register({ baseUrl: join(__dirname, '../..'), paths: compilerOptions.paths });

export default async function globalSetup(): Promise<void> {
  process.env.JWT_SECRET ||= 'samflyt-test-jwt-secret-not-for-production';
  // Roles come from the server: the staff of test/support/api.ts `people` are configured, as a deployment would.
  process.env.ADMIN_SUBJECTS ||= 'admin-1';
  process.env.SECRETARIAT_SUBJECTS ||= 'sek-1';
  process.env.MAIL_FROM ||= 'samflyt <noreply@samflyt.local>';
  // Suites send far more requests a minute from 127.0.0.1 than a person would; test/api/rate-limits sets low ones.
  process.env.RATE_LIMIT_PUBLIC_PER_MINUTE ||= '1000000';
  process.env.RATE_LIMIT_UPLOAD_PER_MINUTE ||= '1000000';

  const { startServices } = await import('../../scripts/lib/services');
  const { runMigrations } = await import('@samflyt/domain');
  const { debugEnabled, startupDetails, startupLine } = await import('../../scripts/lib/startup-error');
  // jest prints a failed global set-up's stack: the error carries the one line as its stack instead.
  const oneLine = (error: unknown): Error => {
    if (debugEnabled()) process.stderr.write(`${startupDetails(error)}\n`);
    const plain = new Error(startupLine('samflyt test services', error));
    plain.stack = plain.message;
    return plain;
  };
  const services = await startServices({ name: 'test' }).catch((error: unknown) => {
    throw oneLine(error);
  });
  (globalThis as { __SAMFLYT_SERVICES__?: Services }).__SAMFLYT_SERVICES__ = services;

  process.env.DATABASE_URL = services.databaseUrl;
  process.env.REDIS_URL = services.redisUrl;
  process.env.SMTP_URL = services.smtpUrl;
  if (services.mailUiUrl) process.env.MAIL_UI_URL = services.mailUiUrl;
  // The migrated database is the template each test file copies (test/support/database.ts).
  await runMigrations(services.databaseUrl).catch((error: unknown) => {
    throw oneLine(error);
  });
}
