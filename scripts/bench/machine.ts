import { cpus } from 'node:os';
import { Redis } from 'ioredis';
import { Client } from 'pg';

/** What the figures were measured on, read from the servers themselves. */
export async function describeMachine(databaseUrl: string, redisUrl: string) {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  const settings = (
    await pg.query(
      `SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'shared_buffers')`,
    )
  ).rows as { name: string; setting: string }[];
  await pg.end();
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const info = await redis.info('server');
  redis.disconnect();
  const s = Object.fromEntries(settings.map((r) => [r.name, r.setting]));
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    postgres: `${s.server_version} (fsync ${s.fsync}, synchronous_commit ${s.synchronous_commit})`,
    redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
  };
}

export type Machine = Awaited<ReturnType<typeof describeMachine>>;
