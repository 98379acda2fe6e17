import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * A database of its own for one test file, copied from the migrated template that global-setup
 * prepared (`CREATE DATABASE … TEMPLATE`), so files never see each other's rows.
 */
export async function freshDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const base = new URL(requireEnv('DATABASE_URL'));
  const template = base.pathname.slice(1);
  const name = `t_${label
    .replace(/[^a-z0-9]/gi, '_')
    .toLowerCase()
    .slice(0, 30)}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: withDatabase(base, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(base, name),
    drop: async () => {
      const c = new Client({ connectionString: withDatabase(base, 'postgres') });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A BullMQ prefix of its own, so a test file's jobs never reach another file's workers. */
export const uniquePrefix = (label: string): string =>
  `t-${label
    .replace(/[^a-z0-9]/gi, '-')
    .toLowerCase()
    .slice(0, 20)}-${randomBytes(3).toString('hex')}`;

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with npm test (global-setup starts the services)`);
  return value;
}

function withDatabase(url: URL, database: string): string {
  const copy = new URL(url.toString());
  copy.pathname = `/${database}`;
  return copy.toString();
}

const fingerprintSql = new WeakMap<Client, Promise<string>>();

/**
 * Every row of every table (but the migrations list), so a test can say "this call wrote nothing". A prepared
 * statement per connection: the fuzz tests take thousands.
 */
export async function databaseFingerprint(pg: Client): Promise<Record<string, string>> {
  if (!fingerprintSql.has(pg)) fingerprintSql.set(pg, everyTableDigestSql(pg));
  const text = await fingerprintSql.get(pg)!;
  return (await pg.query<Record<string, string>>({ name: 'database-fingerprint', text })).rows[0];
}

async function everyTableDigestSql(pg: Client): Promise<string> {
  const { rows: tables } = await pg.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY 1`,
  );
  const digests = tables.map(
    ({ name }) => `(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "${name}" t) AS "${name}"`,
  );
  return `SELECT ${digests.join(',\n')}`;
}
