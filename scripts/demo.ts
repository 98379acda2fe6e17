import { EnvError, PostgresEnv, isProduction, loadEnv } from '@samflyt/domain';
import { demoAssignments } from './lib/demo-data';
import { seedDemoCommittees, seedDemoWorkflows } from './lib/demo-seed';
import { waitForOk } from './lib/process-utils';

const HELP = `samflyt demo: loads the demo data of \`npm start\` into a running development stack, then exits.
  DATABASE_URL   the stack's database (committees and members are written there)
  API_URL        the running API (the workflows are started through it), e.g. http://api:3000
  JWT_SECRET     the API's secret for development tokens
Refused with SAMFLYT_ENV=production.
`;

/** `samflyt demo` (the image) or `node dist/scripts/demo.js`: the demo committees and workflows, for a look around. */
async function main(): Promise<void> {
  if (process.argv.includes('--help')) return void process.stdout.write(HELP);
  if (isProduction(process.env)) throw new Error('demo data is for development: unset SAMFLYT_ENV=production');
  const { DATABASE_URL } = loadEnv(PostgresEnv);
  const api = process.env.API_URL?.replace(/\/+$/, '');
  const secret = process.env.JWT_SECRET;
  if (!api || !/^https?:\/\/\S+$/.test(api)) throw new Error('API_URL is missing (the running API, an http(s) URL)');
  if (!secret || secret.length < 16) throw new Error('JWT_SECRET is missing (the API’s, at least 16 characters)');
  await waitForOk(`${api}/health`, 120_000);
  await seedDemoCommittees(DATABASE_URL);
  await seedDemoWorkflows(api, DATABASE_URL, secret);
  console.log(
    `Demo data loaded: the committees of the 2024 minutes, ${demoAssignments.length} assignments, the grant round ` +
      'of sak 30/24 and the høring of sak 12/24.',
  );
}

main().catch((error: unknown) => {
  console.error(`samflyt demo: ${error instanceof EnvError || error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
