/**
 * jest globalSetup: starts PostgreSQL, Redis and the mail catcher once per
 * jest run (each skipped when its *_URL is already set) and exports the URLs
 * through process.env. globalSetup runs in the jest parent process before any
 * test worker is forked, and workers inherit process.env, so this works both
 * with --runInBand and with parallel workers.
 */
import { runMigrations } from '../../libs/domain/src/data-source';
import { startServices, type Services } from '../../scripts/lib/services';

export default async function globalSetup(): Promise<void> {
  process.env.JWT_SECRET ||= 'samflyt-test-jwt-secret-not-for-production';
  process.env.MAIL_FROM ||= 'samflyt <noreply@samflyt.local>';

  const services = await startServices({ name: 'test' });
  (globalThis as { __SAMFLYT_SERVICES__?: Services }).__SAMFLYT_SERVICES__ = services;

  process.env.DATABASE_URL = services.databaseUrl;
  process.env.REDIS_URL = services.redisUrl;
  process.env.SMTP_URL = services.smtpUrl;
  if (services.mailUiUrl) process.env.MAIL_UI_URL = services.mailUiUrl;
  // The migrated database is the template each test file copies (test/support/database.ts).
  await runMigrations(services.databaseUrl);
}
