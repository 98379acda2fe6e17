import { Body, Controller, Delete, Get, Inject, Param, Post, Put, Query, Res, UploadedFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  HearingAnswerService,
  HearingReadService,
  HearingService,
  HearingSummaryService,
  summaryCsv,
  summaryMarkdown,
  summaryPdf,
  type LinkBases,
} from '@samflyt/domain';
import type { Actor } from '@samflyt/engine';
import type { Response } from 'express';
import { CurrentActor } from '../auth/current-actor.decorator';
import { AnyOfRoles } from '../auth/roles.decorator';
import { EventEndpoint } from '../http/event-endpoint.decorator';
import { ApiFileDownload, FileUpload, sendFile, uploaded, type UploadedFileLike } from '../http/files';
import { IdParam } from '../http/id-param.decorator';
import { IdempotencyKey } from '../http/idempotency-key.decorator';
import { ReasonDto } from '../http/reason.dto';
import { ApiProblems } from '../problems/api-problems.decorator';
import {
  ConclusionDto,
  CreateHearingDto,
  ExtensionDto,
  HearingDraftDto,
  HearingDto,
  HearingListDto,
  HearingListQueryDto,
  LateAnswersDto,
  PresentDto,
  SummaryTextDto,
} from './hearing.dto';
import { AnswerDto, AnswerListDto, AnswerListQueryDto, AnswerVersionDto, RegisterAnswerDto } from './answer.dto';
import { HearingSummaryDto } from './summary.dto';
import { HEARING_LINKS } from './hearing-links.config';

const SECRETARIAT = ['secretariat'];

/** The secretariat's side of a hearing (høring), and the owning committee's reading of it. */
@ApiTags('hearings')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('hearings')
export class HearingsController {
  constructor(
    private readonly hearings: HearingService,
    private readonly reads: HearingReadService,
    private readonly answers: HearingAnswerService,
    private readonly summaries: HearingSummaryService,
    @Inject(HEARING_LINKS) private readonly links: LinkBases,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Hearings, newest deadline first (secretariat: all; committee members: their committees’)',
  })
  @ApiOkResponse({ type: HearingListDto })
  @ApiProblems(400, 403)
  list(
    @Query() { page, pageSize, ...filter }: HearingListQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<HearingListDto> {
    return this.reads.list(filter, { page, pageSize }, actor);
  }

  @Post()
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary: 'Create a hearing as a draft (secretariat)',
    description:
      'Recipients are organisations (GET /organisations) with their contact persons. The answer has `warnings` ' +
      'when the deadline is under 6 weeks (or 3 months) from now or spans summer, Easter or Christmas without extra time.',
  })
  @ApiCreatedResponse({ type: HearingDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async create(
    @Body() body: CreateHearingDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HearingDto> {
    const view = await this.hearings.create(body, actor, this.links, key);
    res.setHeader('Location', `/hearings/${view.id}`);
    return view;
  }

  @Get(':id')
  @ApiOperation({ summary: 'A hearing: recipients with their own deadlines and answers, counts, warnings' })
  @ApiOkResponse({ type: HearingDto })
  @ApiProblems(403, 404)
  get(@IdParam('hearing') id: string, @CurrentActor() actor: Actor): Promise<HearingDto> {
    return this.reads.get(id, actor);
  }

  @Put(':id')
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary: 'Change the draft: the fields given replace the draft’s (secretariat)',
    description: 'Only while a draft (409 otherwise). The answer carries the deadline warnings.',
  })
  @ApiOkResponse({ type: HearingDto })
  @ApiProblems(400, 403, 404, 409, 422)
  update(
    @IdParam('hearing') id: string,
    @Body() body: HearingDraftDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<HearingDto> {
    return this.hearings.update(id, body, actor, key);
  }

  @Post(':id/attachments')
  @AnyOfRoles('secretariat')
  @FileUpload()
  @ApiOperation({ summary: 'Attach a file to the proposal of a draft (secretariat)' })
  @ApiCreatedResponse({ type: HearingDto })
  @ApiProblems(400, 403, 404, 409, 413)
  attach(
    @IdParam('hearing') id: string,
    @UploadedFile() file: UploadedFileLike | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<HearingDto> {
    return this.hearings.attach(id, uploaded(file), actor);
  }

  @Delete(':id/attachments/:attachmentId')
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'Remove a file from the proposal of a draft (secretariat)' })
  @ApiOkResponse({ type: HearingDto })
  @ApiProblems(403, 404, 409)
  detach(
    @IdParam('hearing') id: string,
    @IdParam('attachment', 'attachmentId') attachmentId: string,
    @CurrentActor() actor: Actor,
  ): Promise<HearingDto> {
    return this.hearings.detach(id, attachmentId, actor);
  }

  @Get(':id/attachments/:attachmentId')
  @ApiOperation({ summary: 'Download a file of the proposal or of an answer' })
  @ApiFileDownload()
  @ApiProblems(403, 404)
  async download(
    @IdParam('hearing') id: string,
    @IdParam('attachment', 'attachmentId') attachmentId: string,
    @CurrentActor() actor: Actor,
    @Res() res: Response,
  ): Promise<void> {
    sendFile(res, await this.reads.attachment(id, attachmentId, actor));
  }

  @EventEndpoint(':id/send', {
    summary: 'Send the hearing (secretariat)',
    description:
      "Each recipient's contacts get the proposal and a personal answer link; reminders are armed per recipient; the " +
      'deadline closes the hearing by itself. Needs a deadline in the future and a contact per recipient (422). ' +
      'The answer carries the deadline warnings as of sending.',
    roles: SECRETARIAT,
    response: HearingDto,
    problems: [403, 404, 409, 422],
  })
  send(
    @IdParam('hearing') id: string,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<HearingDto> {
    return this.hearings.sendOut(id, actor, key);
  }

  @EventEndpoint(':id/recipients/:organisationId/extension', {
    summary: 'Grant one recipient a later deadline (utsatt frist); its reminders move with it (secretariat)',
    roles: SECRETARIAT,
    response: HearingDto,
    problems: [400, 403, 404, 409, 422],
  })
  extend(
    @IdParam('hearing') id: string,
    @IdParam('organisation', 'organisationId') organisationId: string,
    @Body() body: ExtensionDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<HearingDto> {
    return this.hearings.grantExtension(id, organisationId, body, actor, key);
  }

  @EventEndpoint(':id/recipients/:organisationId/link', {
    summary: 'Re-issue one recipient’s personal link: the old one stops working, the new one is e-mailed (secretariat)',
    description: 'While the hearing takes answers (409 otherwise). Without a body.',
    roles: SECRETARIAT,
    response: HearingDto,
    problems: [403, 404, 409],
  })
  reissueLink(
    @IdParam('hearing') id: string,
    @IdParam('organisation', 'organisationId') organisationId: string,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<HearingDto> {
    return this.hearings.reissueLink(id, organisationId, actor, key);
  }

  @EventEndpoint(':id/late-answers', {
    summary: 'Accept late answers (marked late) or refuse them (secretariat)',
    roles: SECRETARIAT,
    response: HearingDto,
    problems: [400, 403, 404, 409],
  })
  lateAnswers(
    @IdParam('hearing') id: string,
    @Body() body: LateAnswersDto,
    @CurrentActor() actor: Actor,
  ): Promise<HearingDto> {
    return this.hearings.acceptLateAnswers(id, body.accept, actor);
  }

  @Get(':id/answers')
  @ApiOperation({ summary: 'The answers (current versions), oldest first; withheld ones included and marked' })
  @ApiOkResponse({ type: AnswerListDto })
  @ApiProblems(400, 403, 404)
  listAnswers(
    @IdParam('hearing') id: string,
    @Query() { page, pageSize, ...filter }: AnswerListQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<AnswerListDto> {
    return this.answers.list(id, filter, { page, pageSize }, actor);
  }

  @Post(':id/answers')
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary: 'Register an answer that came by letter or e-mail, or change it (secretariat)',
    description: 'The same rules as an answer through a personal link: late is marked, joint answers count for each.',
  })
  @ApiCreatedResponse({ type: AnswerDto })
  @ApiProblems(400, 403, 404, 409, 422)
  register(
    @IdParam('hearing') id: string,
    @Body() body: RegisterAnswerDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<AnswerDto> {
    return this.answers.register(id, body, actor, key);
  }

  @Get(':id/answers/:answerId/versions')
  @ApiOperation({ summary: 'Every version of an answer, oldest first' })
  @ApiOkResponse({ type: [AnswerVersionDto] })
  @ApiProblems(403, 404)
  versions(
    @IdParam('hearing') id: string,
    @IdParam('answer', 'answerId') answerId: string,
    @CurrentActor() actor: Actor,
  ): Promise<AnswerVersionDto[]> {
    return this.answers.versions(id, answerId, actor);
  }

  @EventEndpoint(':id/answers/:answerId/withhold', {
    summary: 'Withhold an answer from publication, with a reason (secretariat)',
    roles: SECRETARIAT,
    response: HearingDto,
    problems: [400, 403, 404, 409, 422],
  })
  withhold(
    @IdParam('hearing') id: string,
    @IdParam('answer', 'answerId') answerId: string,
    @Body() body: ReasonDto,
    @CurrentActor() actor: Actor,
  ): Promise<HearingDto> {
    return this.hearings.withholdAnswer(id, answerId, body.reason, actor);
  }

  @EventEndpoint(':id/answers/:answerId/release', {
    summary: 'Publish a withheld answer after all (secretariat)',
    roles: SECRETARIAT,
    response: HearingDto,
    problems: [400, 403, 404, 409, 422],
  })
  release(
    @IdParam('hearing') id: string,
    @IdParam('answer', 'answerId') answerId: string,
    @CurrentActor() actor: Actor,
  ): Promise<HearingDto> {
    return this.hearings.releaseAnswer(id, answerId, actor);
  }

  @EventEndpoint(':id/summary/start', {
    summary: 'Start the sammendrag of a closed hearing (secretariat)',
    roles: SECRETARIAT,
    response: HearingDto,
    problems: [403, 404, 409],
  })
  startSummary(@IdParam('hearing') id: string, @CurrentActor() actor: Actor): Promise<HearingDto> {
    return this.hearings.startSummary(id, actor);
  }

  @Put(':id/summary/texts/:questionId')
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'The secretariat’s summary of the answers to a question (`general`: the whole)' })
  @ApiParam({ name: 'questionId', example: 'q1' })
  @ApiOkResponse({ type: HearingDto })
  @ApiProblems(400, 403, 404, 409, 422)
  summaryText(
    @IdParam('hearing') id: string,
    @Param('questionId') questionId: string,
    @Body() body: SummaryTextDto,
    @CurrentActor() actor: Actor,
  ): Promise<HearingDto> {
    return this.hearings.recordSummaryText(id, questionId, body.text, actor);
  }

  @Get(':id/summary')
  @ApiOperation({
    summary: 'The sammendrag: answers per question, counts, joint signatories, non-responders, late marked',
  })
  @ApiOkResponse({ type: HearingSummaryDto })
  @ApiProblems(403, 404)
  summary(@IdParam('hearing') id: string, @CurrentActor() actor: Actor): Promise<HearingSummaryDto> {
    return this.summaries.summary(id, actor);
  }

  @Get(':id/summary.md')
  @ApiOperation({ summary: 'The sammendrag as Markdown (Norwegian bokmål)' })
  @ApiProduces('text/markdown')
  @ApiResponse({ status: 200, description: 'Sammendrag', content: { 'text/markdown': { schema: { type: 'string' } } } })
  @ApiProblems(403, 404)
  async summaryMarkdown(
    @IdParam('hearing') id: string,
    @CurrentActor() actor: Actor,
    @Res() res: Response,
  ): Promise<void> {
    const content = summaryMarkdown(await this.summaries.summary(id, actor));
    sendFile(res, { filename: `sammendrag-${id}.md`, mediaType: 'text/markdown; charset=utf-8', content });
  }

  @Get(':id/summary.csv')
  @ApiOperation({ summary: 'The answers per question as CSV (semicolon-separated, UTF-8 with BOM)' })
  @ApiProduces('text/csv')
  @ApiResponse({ status: 200, description: 'Sammendrag', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiProblems(403, 404)
  async summaryCsv(@IdParam('hearing') id: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const content = summaryCsv(await this.summaries.summary(id, actor));
    sendFile(res, { filename: `sammendrag-${id}.csv`, mediaType: 'text/csv; charset=utf-8', content });
  }

  @Get(':id/summary.pdf')
  @ApiOperation({ summary: 'The sammendrag as PDF (A4)' })
  @ApiProduces('application/pdf')
  @ApiResponse({
    status: 200,
    description: 'Sammendrag',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(403, 404)
  async summaryPdf(@IdParam('hearing') id: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const content = await summaryPdf(await this.summaries.summary(id, actor));
    sendFile(res, { filename: `sammendrag-${id}.pdf`, mediaType: 'application/pdf', content });
  }

  @EventEndpoint(':id/present', {
    summary: 'Present the sammendrag to the owning committee as a case (secretariat)',
    description:
      'Creates the case (once: a retry finds it) and, with `meetingId`, puts it on that meeting’s sakliste with the ' +
      'sammendrag as vedlegg. The sammendrag is frozen from here: no more answers or summary texts.',
    roles: SECRETARIAT,
    response: HearingDto,
    problems: [400, 403, 404, 409, 422],
  })
  present(
    @IdParam('hearing') id: string,
    @Body() body: PresentDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<HearingDto> {
    return this.hearings.present(id, body, actor, key);
  }

  @EventEndpoint(':id/conclude', {
    summary: 'Conclude a presented hearing (secretariat)',
    roles: SECRETARIAT,
    response: HearingDto,
    problems: [400, 403, 404, 409],
  })
  conclude(
    @IdParam('hearing') id: string,
    @Body() body: ConclusionDto,
    @CurrentActor() actor: Actor,
  ): Promise<HearingDto> {
    return this.hearings.conclude(id, body.conclusion, actor);
  }

  @EventEndpoint(':id/withdraw', {
    summary: 'Withdraw the hearing, with a reason; recipients of a sent hearing are told (secretariat)',
    roles: SECRETARIAT,
    response: HearingDto,
    problems: [400, 403, 404, 409],
  })
  withdraw(@IdParam('hearing') id: string, @Body() body: ReasonDto, @CurrentActor() actor: Actor): Promise<HearingDto> {
    return this.hearings.withdraw(id, body.reason, actor);
  }
}
