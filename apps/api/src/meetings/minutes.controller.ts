import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { MinutesService } from '@samflyt/domain';
import type { Actor } from '@samflyt/engine';
import type { Response } from 'express';
import { CurrentActor } from '../auth/current-actor.decorator';
import { sendFile } from '../http/files';
import { IdParam } from '../http/id-param.decorator';
import { ApiProblems } from '../problems/api-problems.decorator';

/**
 * The referat in the structure of the committee's minutes: header table with attendance, sakliste,
 * then each sak with forslag til vedtak, referat, innspill and vedtak.
 */
@ApiTags('meetings')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('meetings/:id')
export class MinutesController {
  constructor(private readonly minutes: MinutesService) {}

  @Get('minutes.md')
  @ApiOperation({ summary: 'The referat as Markdown (Norwegian bokmål)' })
  @ApiProduces('text/markdown')
  @ApiResponse({
    status: 200,
    description: 'The referat',
    content: { 'text/markdown': { schema: { type: 'string' } } },
  })
  @ApiProblems(403, 404)
  async markdown(@IdParam('meeting') id: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const content = await this.minutes.markdown(id, actor);
    sendFile(res, { filename: `referat-${id}.md`, mediaType: 'text/markdown; charset=utf-8', content });
  }

  @Get('minutes.pdf')
  @ApiOperation({ summary: 'The referat as PDF (A4)' })
  @ApiProduces('application/pdf')
  @ApiResponse({
    status: 200,
    description: 'The referat',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(403, 404)
  async pdf(@IdParam('meeting') id: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const content = await this.minutes.pdf(id, actor);
    sendFile(res, { filename: `referat-${id}.pdf`, mediaType: 'application/pdf', content });
  }
}
