import { runMigrations } from '@samflyt/domain';
import { Client } from 'pg';

export interface ScratchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A database of its own beside the one in `baseUrl` (the embedded Postgres, or DATABASE_URL), migrated
 * with the project's migrations, so each benchmark phase starts empty and none leaves rows in yours.
 */
export async function scratchDatabase(baseUrl: string, label: string): Promise<ScratchDatabase> {
  const name = `samflyt_bench_${label}_${process.pid}`;
  await admin(baseUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  }).catch((error: unknown) => {
    throw new Error(
      `could not create the scratch database ${name} next to ${redact(baseUrl)} (the bench needs CREATEDB): ${String(error)}`,
    );
  });
  const url = withDatabase(baseUrl, name);
  await runMigrations(url);
  return {
    url,
    name,
    drop: () => admin(baseUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => undefined)),
  };
}

async function admin(baseUrl: string, fn: (c: Client) => Promise<void>): Promise<void> {
  const client = new Client({ connectionString: withDatabase(baseUrl, 'postgres') });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const copy = new URL(url);
  copy.pathname = `/${database}`;
  return copy.toString();
}

export const redact = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
