import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { RedisHealthIndicator } from './redis.health';

const example = (status: 'ok' | 'error', redis: 'up' | 'down') => ({
  status,
  details: { database: { status: 'up' }, redis: { status: redis } },
});

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Database and Redis reachable: 200, else 503 naming which is down. No token needed.' })
  @ApiOkResponse({ schema: { type: 'object', example: example('ok', 'up') } })
  @ApiServiceUnavailableResponse({ schema: { type: 'object', example: example('error', 'down') } })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: 2_000 }),
        () => this.redis.isHealthy('redis'),
      ]);
    } catch (error) {
      // Terminus reports "down" as a 503 exception carrying the result; it is an answer, not a failure.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
