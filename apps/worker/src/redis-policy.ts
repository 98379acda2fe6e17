import type { LoggerService } from '@nestjs/common';
import { Redis } from 'ioredis';

/** The worker must not start; the message says why and what to do. */
export class StartupRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupRefused';
  }
}

const CONNECT_TIMEOUT_MS = 10_000;

/** `host:port/db` without credentials, for messages. */
export function describeRedis(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 6379}${u.pathname.length > 1 ? u.pathname : ''}`;
}

/**
 * BullMQ keeps every job as Redis keys. Under any maxmemory-policy but `noeviction`, Redis deletes
 * keys when memory runs short and jobs vanish silently (BullMQ issue #1046). Refuses to start then,
 * unless ALLOW_REDIS_EVICTION=true; warns when CONFIG is not permitted (managed Redis).
 */
export async function checkRedisEvictionPolicy(
  redisUrl: string,
  allowEviction: boolean,
  logger: LoggerService,
): Promise<void> {
  const where = describeRedis(redisUrl);
  const client = await connect(redisUrl, where);
  let policy: string;
  try {
    const reply = (await client.config('GET', 'maxmemory-policy')) as string[];
    policy = reply[1] ?? '(not reported)';
  } catch (error) {
    logger.warn(
      `Could not read maxmemory-policy from Redis at ${where} (${(error as Error).message}); managed Redis ` +
        'services often forbid CONFIG. Make sure the policy is "noeviction": with any other, Redis may delete ' +
        'BullMQ jobs under memory pressure (BullMQ #1046).',
    );
    return;
  } finally {
    client.disconnect();
  }
  if (policy === 'noeviction') return;

  const why =
    `Redis at ${where} has maxmemory-policy "${policy}". BullMQ stores jobs as Redis keys, and with any ` +
    'policy but "noeviction" Redis deletes keys when memory runs short: timers and e-mails would then wait for ' +
    'the reconciler instead of running on time (BullMQ issue #1046).';
  const fix =
    'Fix: `redis-cli CONFIG SET maxmemory-policy noeviction` and set `maxmemory-policy noeviction` in redis.conf, ' +
    'or set ALLOW_REDIS_EVICTION=true to start anyway.';
  const rule = '!'.repeat(100);
  if (!allowEviction) {
    throw new StartupRefused(`samflyt worker refuses to start.\n${why}\n${fix}`);
  }
  logger.warn(`\n${rule}\nWARNING: ${why}\nStarting anyway because ALLOW_REDIS_EVICTION=true.\n${rule}`);
}

/** One connection attempt after another until Redis answers or CONNECT_TIMEOUT_MS has passed. */
async function connect(url: string, where: string): Promise<Redis> {
  const deadline = Date.now() + CONNECT_TIMEOUT_MS;
  for (;;) {
    const client = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: 3_000,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return client;
    } catch (error) {
      client.disconnect();
      if (Date.now() > deadline) {
        throw new StartupRefused(
          `samflyt worker cannot reach Redis at ${where} (REDIS_URL): ${(error as Error).message}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
