import { EnvError, PostgresEnv, loadEnv, runMigrations } from '@samflyt/domain';

/** `npm run migrate`: applies pending TypeORM migrations to DATABASE_URL. */
async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log('samflyt migrate: applies pending database migrations to DATABASE_URL, then exits.');
    return;
  }
  const { DATABASE_URL } = loadEnv(PostgresEnv);
  const applied = await runMigrations(DATABASE_URL);
  console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database is up to date.');
}

main().catch((error) => {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
});
