import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { PROBLEM_CONTENT_TYPE, problemType } from '../problems/problem';
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
    const result = await this.dependencies();
    if (result.status !== 'ok') res.status(503);
    return result;
  }

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process is up and answers. Checks nothing else. No token needed.' })
  @ApiOkResponse({ schema: { type: 'object', example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOperation({
    summary:
      'Readiness: Postgres and Redis reachable: 200, else 503 problem+json naming which is down (`checks`). ' +
      'No token needed.',
  })
  @ApiOkResponse({ schema: { type: 'object', example: example('ok', 'up') } })
  @ApiServiceUnavailableResponse({
    content: {
      [PROBLEM_CONTENT_TYPE]: {
        example: {
          type: problemType('not-ready'),
          title: 'Service Unavailable',
          status: 503,
          detail: 'Not ready: redis is down',
          checks: example('error', 'down').details,
        },
      },
    },
  })
  async ready(@Res() res: Response): Promise<void> {
    const result = await this.dependencies();
    if (result.status === 'ok') {
      res.status(200).json(result);
      return;
    }
    const down = Object.keys(result.error ?? {});
    res
      .status(503)
      .type(PROBLEM_CONTENT_TYPE)
      .send(
        JSON.stringify({
          type: problemType('not-ready'),
          title: 'Service Unavailable',
          status: 503,
          detail: `Not ready: ${down.join(' and ') || 'a dependency'} ${down.length > 1 ? 'are' : 'is'} down`,
          instance: '/health/ready',
          checks: result.details,
        }),
      );
  }

  private async dependencies(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: 2_000 }),
        () => this.redis.isHealthy('redis'),
      ]);
    } catch (error) {
      // Terminus reports "down" as a 503 exception carrying the result; it is an answer, not a failure.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      return error.getResponse() as HealthCheckResult;
    }
  }
}
