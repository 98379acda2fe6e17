import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { QueueConnection } from '../engine/queue-connection';

const PING_TIMEOUT_MS = 1_000;

/** Redis is up when it answers PING in time. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly queues: QueueConnection,
  ) {}

  async isHealthy(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    if (!this.queues.ready) return indicator.down({ message: `not connected (${this.queues.redis.status})` });
    try {
      const answer = await this.queues.ping(PING_TIMEOUT_MS);
      return answer === 'PONG' ? indicator.up() : indicator.down({ message: `PING answered ${answer}` });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
