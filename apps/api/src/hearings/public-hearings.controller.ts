import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HearingService, HearingSummaryService } from '@samflyt/domain';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { ApiProblems } from '../problems/api-problems.decorator';
import { HearingListDto, HearingListQueryDto, PublicHearingDto } from './hearing.dto';
import { sendFile } from '../http/files';
import { toListItem } from './hearing-links.config';

/** Published hearings, readable without login: the proposal once sent, the answers once closed. */
@ApiTags('public')
@Public()
@Controller('public/hearings')
export class PublicHearingsController {
  constructor(
    private readonly hearings: HearingService,
    private readonly summaries: HearingSummaryService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Hearings that have been sent, newest deadline first' })
  @ApiOkResponse({ type: HearingListDto })
  @ApiProblems(400)
  async list(@Query() query: HearingListQueryDto): Promise<HearingListDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    const { rows, total } = await this.hearings.repo.list(
      { state: query.state, committee: query.committee, q: query.q, published: true },
      page,
      pageSize,
    );
    return { items: rows.map(toListItem), total, page, pageSize };
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A published hearing; its answers once it has closed (withheld ones named with the reason)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: PublicHearingDto })
  @ApiProblems(404)
  async get(@Param('id') id: string): Promise<PublicHearingDto> {
    return this.summaries.publicHearing(id);
  }

  @Get(':id/attachments/:attachmentId')
  @ApiOperation({ summary: 'A file of the proposal, or of a published answer' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'attachmentId', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'The file', content: { 'application/octet-stream': {} } })
  @ApiProblems(404)
  async attachment(
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @Res() res: Response,
  ): Promise<void> {
    sendFile(res, await this.summaries.publicAttachment(id, attachmentId));
  }
}
