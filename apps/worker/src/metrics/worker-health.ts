import { Inject, Injectable } from '@nestjs/common';
import { EngineStatsRepository, withTimeout } from '@samflyt/engine';
import type { Redis } from 'ioredis';
import { REDIS } from '../engine/worker-engine.module';

const CHECK_TIMEOUT_MS = 2_000;

export interface Readiness {
  ready: boolean;
  checks: Record<'database' | 'redis', { status: 'up' | 'down'; message?: string }>;
}

/** Whether the worker can work: Postgres answers a query and Redis a PING, each within two seconds. */
@Injectable()
export class WorkerHealth {
  constructor(
    private readonly stats: EngineStatsRepository,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async readiness(): Promise<Readiness> {
    const check = async (what: () => Promise<unknown>) => {
      try {
        await withTimeout(what(), CHECK_TIMEOUT_MS, `no answer within ${CHECK_TIMEOUT_MS} ms`);
        return { status: 'up' as const };
      } catch (error) {
        return { status: 'down' as const, message: error instanceof Error ? error.message : String(error) };
      }
    };
    const [database, redis] = await Promise.all([
      check(() => this.stats.ping()),
      // Not connected: say so at once (commands would wait in ioredis's offline queue).
      check(async () => {
        if (this.redis.status !== 'ready') throw new Error(`not connected (${this.redis.status})`);
        await this.redis.ping();
      }),
    ]);
    return { ready: database.status === 'up' && redis.status === 'up', checks: { database, redis } };
  }
}
