import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AnyOfRoles } from '../auth/roles.decorator';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ApiMetrics } from './api-metrics';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ApiMetrics) {}

  @Get()
  @AnyOfRoles('admin', 'secretariat')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'Text exposition format: events applied, outbox and timer counts, timer lag, queue depths, process metrics. ' +
      'Needs a token with role admin or secretariat (configure Prometheus with `authorization: { credentials: <jwt> }`).',
  })
  @ApiOkResponse({ content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiProblems(401, 403)
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    const { contentType, body } = await this.metrics.render();
    res.setHeader('Content-Type', contentType);
    return body;
  }
}
