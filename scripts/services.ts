/**
 * `npm run services`: starts PostgreSQL, Redis and the mail catcher for local
 * development (each skipped when its *_URL is already set), prints the URLs
 * as KEY=value lines on stdout and runs until Ctrl-C / SIGTERM.
 */
import { startServices } from './lib/services';
import { reportStartupFailure } from './lib/startup-error';

async function main(): Promise<void> {
  const services = await startServices({ name: 'services' });
  const lines = [
    `DATABASE_URL=${services.databaseUrl}`,
    `REDIS_URL=${services.redisUrl}`,
    `SMTP_URL=${services.smtpUrl}`,
    ...(services.mailUiUrl ? [`MAIL_UI_URL=${services.mailUiUrl}`] : []),
    'Ctrl-C stops the services.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  // Keeps the process alive even when every service came from the environment.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`[services] ${signal}: stopping services\n`);
    services.stop().then(
      () => {
        clearInterval(keepAlive);
        process.exit(0);
      },
      (err: unknown) => {
        reportStartupFailure('samflyt services: stopping', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  reportStartupFailure('samflyt services', err);
  process.exit(1);
});
