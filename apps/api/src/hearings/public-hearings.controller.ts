import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicHearingService } from '@samflyt/domain';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { ApiFileDownload, sendFile } from '../http/files';
import { IdParam } from '../http/id-param.decorator';
import { RateLimit } from '../http/rate-limit';
import { ApiProblems } from '../problems/api-problems.decorator';
import { HearingListDto, HearingListQueryDto } from './hearing.dto';
import { PublicHearingDto } from './public-hearing.dto';

/** Published hearings, readable without login: the proposal once sent, the answers once closed. */
@ApiTags('public')
@Public()
@RateLimit('public')
@Controller('public/hearings')
export class PublicHearingsController {
  constructor(private readonly hearings: PublicHearingService) {}

  @Get()
  @ApiOperation({ summary: 'Hearings that have been sent, newest deadline first' })
  @ApiOkResponse({ type: HearingListDto })
  @ApiProblems(400)
  list(@Query() { page, pageSize, ...filter }: HearingListQueryDto): Promise<HearingListDto> {
    return this.hearings.list(filter, { page, pageSize });
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A published hearing; its answers once it has closed (withheld ones named with the reason)',
  })
  @ApiOkResponse({ type: PublicHearingDto })
  @ApiProblems(404)
  get(@IdParam('hearing') id: string): Promise<PublicHearingDto> {
    return this.hearings.hearing(id);
  }

  @Get(':id/attachments/:attachmentId')
  @ApiOperation({ summary: 'A file of the proposal, or of a published answer' })
  @ApiFileDownload()
  @ApiProblems(404)
  async attachment(
    @IdParam('hearing') id: string,
    @IdParam('attachment', 'attachmentId') attachmentId: string,
    @Res() res: Response,
  ): Promise<void> {
    sendFile(res, await this.hearings.attachment(id, attachmentId));
  }
}
