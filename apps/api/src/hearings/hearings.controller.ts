import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  Headers,
  HttpCode,
  Inject,
  HttpStatus,
  Param,
  Post,
  Put,
  Query,
  Res,
  UploadedFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  HearingAnswerService,
  HearingService,
  HearingSummaryService,
  summaryCsv,
  summaryMarkdown,
  summaryPdf,
  type LinkBases,
} from '@samflyt/domain';
import { DomainError, ErrorCode, hasRole, notFound, type Actor } from '@samflyt/engine';
import type { Response } from 'express';
import { CurrentActor } from '../auth/current-actor.decorator';
import { AnyOfRoles } from '../auth/roles.decorator';
import { parseIdempotencyKey } from '../http/request-headers';
import { ApiProblems } from '../problems/api-problems.decorator';
import {
  AnswerDto,
  AnswerListDto,
  AnswerListQueryDto,
  AnswerVersionDto,
  ConclusionDto,
  CreateHearingDto,
  ExtensionDto,
  HearingDraftDto,
  HearingDto,
  HearingListDto,
  HearingListQueryDto,
  HearingSummaryDto,
  LateAnswersDto,
  PresentDto,
  ReasonDto,
  RegisterAnswerDto,
  SummaryTextDto,
} from './hearing.dto';
import { FileUpload, sendFile, uploaded, type UploadedFileLike } from '../http/files';
import { HEARING_LINKS, toListItem } from './hearing-links.config';

const idParam = ApiParam({ name: 'id', format: 'uuid', description: 'Hearing id' });
const idempotencyKey = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'A retry with the same key gets the first answer and changes nothing',
});
const key = (value: string | undefined) => parseIdempotencyKey(value, false);

/** The secretariat's side of a hearing (høring), and the owning committee's reading of it. */
@ApiTags('hearings')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('hearings')
export class HearingsController {
  constructor(
    private readonly hearings: HearingService,
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
  async list(@Query() query: HearingListQueryDto, @CurrentActor() actor: Actor): Promise<HearingListDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    const { items, total } = await this.hearings.list(
      { state: query.state, committee: query.committee, q: query.q },
      page,
      pageSize,
      actor,
    );
    return { items: items.map(toListItem), total, page, pageSize };
  }

  @Post()
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary: 'Create a hearing as a draft (secretariat)',
    description:
      'Recipients are organisations (GET /organisations) with their contact persons. The answer has `warnings` ' +
      'when the deadline is under 6 weeks (or 3 months) from now or spans summer, Easter or Christmas without extra time.',
  })
  @idempotencyKey
  @ApiCreatedResponse({ type: HearingDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async create(
    @Body() body: CreateHearingDto,
    @Headers('idempotency-key') idemKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HearingDto> {
    const view = await this.hearings.create(body, actor, this.links, key(idemKey));
    res.setHeader('Location', `/hearings/${view.id}`);
    return view;
  }

  @Get(':id')
  @ApiOperation({ summary: 'A hearing: recipients with their own deadlines and answers, counts, warnings' })
  @idParam
  @ApiOkResponse({ type: HearingDto })
  @ApiProblems(403, 404)
  async get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<HearingDto> {
    return this.hearings.get(id, actor);
  }

  @Put(':id')
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary: 'Change the draft: the fields given replace the draft’s (secretariat)',
    description: 'Only while a draft (409 otherwise). The answer carries the deadline warnings.',
  })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: HearingDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async update(
    @Param('id') id: string,
    @Body() body: HearingDraftDto,
    @Headers('idempotency-key') idemKey: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<HearingDto> {
    return this.hearings.update(id, body, actor, key(idemKey));
  }

  @Post(':id/attachments')
  @AnyOfRoles('secretariat')
  @FileUpload()
  @ApiOperation({ summary: 'Attach a file to the proposal of a draft (secretariat)' })
  @idParam
  @ApiCreatedResponse({ type: HearingDto })
  @ApiProblems(400, 403, 404, 409, 413)
  async attach(
    @Param('id') id: string,
    @UploadedFile() file: UploadedFileLike | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<HearingDto> {
    return this.hearings.attach(id, uploaded(file), actor);
  }

  @Delete(':id/attachments/:attachmentId')
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'Remove a file from the proposal of a draft (secretariat)' })
  @idParam
  @ApiParam({ name: 'attachmentId', format: 'uuid' })
  @ApiOkResponse({ type: HearingDto })
  @ApiProblems(403, 404, 409)
  async detach(
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @CurrentActor() actor: Actor,
  ): Promise<HearingDto> {
    return this.hearings.detach(id, attachmentId, actor);
  }

  @Get(':id/attachments/:attachmentId')
  @ApiOperation({ summary: 'Download a file of the proposal or of an answer' })
  @idParam
  @ApiParam({ name: 'attachmentId', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'The file', content: { 'application/octet-stream': {} } })
  @ApiProblems(403, 404)
  async download(
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @CurrentActor() actor: Actor,
    @Res() res: Response,
  ): Promise<void> {
    this.hearings.mayRead(await this.hearings.repo.hearing(id), actor);
    const file = await this.hearings.repo.attachmentContent(id, attachmentId);
    if (!file) throw notFound('attachment', attachmentId);
    sendFile(res, file);
  }

  @Post(':id/send')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary: 'Send the hearing (secretariat)',
    description:
      "Each recipient's contacts get the proposal and a personal answer link; reminders are armed per recipient; the " +
      'deadline closes the hearing by itself. Needs a deadline in the future and a contact per recipient (422). ' +
      'The answer carries the deadline warnings as of sending.',
  })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: HearingDto })
  @ApiProblems(403, 404, 409, 422)
  async send(
    @Param('id') id: string,
    @Headers('idempotency-key') idemKey: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<HearingDto> {
    return this.hearings.sendOut(id, actor, key(idemKey));
  }

  @Post(':id/recipients/:organisationId/extension')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary: 'Grant one recipient a later deadline (utsatt frist); its reminders move with it (secretariat)',
  })
  @idParam
  @ApiParam({ name: 'organisationId', format: 'uuid' })
  @idempotencyKey
  @ApiOkResponse({ type: HearingDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async extend(
    @Param('id') id: string,
    @Param('organisationId') organisationId: string,
    @Body() body: ExtensionDto,
    @Headers('idempotency-key') idemKey: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<HearingDto> {
    return this.hearings.grantExtension(id, organisationId, body, actor, key(idemKey));
  }

  @Post(':id/late-answers')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'Accept late answers (marked late) or refuse them (secretariat)' })
  @idParam
  @ApiOkResponse({ type: HearingDto })
  @ApiProblems(400, 403, 404, 409)
  async lateAnswers(
    @Param('id') id: string,
    @Body() body: LateAnswersDto,
    @CurrentActor() actor: Actor,
  ): Promise<HearingDto> {
    return this.hearings.send(id, { type: body.accept ? 'lateAnswers.reopened' : 'lateAnswers.closed' }, actor);
  }

  @Get(':id/answers')
  @ApiOperation({ summary: 'The answers (current versions), oldest first; withheld ones included and marked' })
  @idParam
  @ApiOkResponse({ type: AnswerListDto })
  @ApiProblems(400, 403, 404)
  async listAnswers(
    @Param('id') id: string,
    @Query() query: AnswerListQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<AnswerListDto> {
    const row = await this.hearings.repo.hearing(id);
    this.hearings.mayRead(row, actor);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.organisationId) {
      params.push(query.organisationId);
      where.push(
        `EXISTS (SELECT 1 FROM hearing_answer_signatories s WHERE s.answer_id = a.id AND s.organisation_id = $${params.length + 1}::uuid)`,
      );
    }
    if (query.late) where.push(`a.late = ${query.late === 'true'}`);
    if (query.joint) where.push(`cardinality(v.co_signers) ${query.joint === 'true' ? '>' : '='} 0`);
    const rows = await this.hearings.repo.answers(id, where.join(' AND ') || 'TRUE', params);
    const items = await this.answers.answerViews(id, rows.slice((page - 1) * pageSize, page * pageSize));
    return { items, total: rows.length, page, pageSize };
  }

  @Post(':id/answers')
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary: 'Register an answer that came by letter or e-mail, or change it (secretariat)',
    description: 'The same rules as an answer through a personal link: late is marked, joint answers count for each.',
  })
  @idParam
  @idempotencyKey
  @ApiCreatedResponse({ type: AnswerDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async register(
    @Param('id') id: string,
    @Body() body: RegisterAnswerDto,
    @Headers('idempotency-key') idemKey: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<AnswerDto> {
    const { organisationId, ...answer } = body;
    return this.answers.submit(id, organisationId, answer, actor, key(idemKey));
  }

  @Get(':id/answers/:answerId/versions')
  @ApiOperation({ summary: 'Every version of an answer, oldest first' })
  @idParam
  @ApiParam({ name: 'answerId', format: 'uuid' })
  @ApiOkResponse({ type: [AnswerVersionDto] })
  @ApiProblems(403, 404)
  async versions(
    @Param('id') id: string,
    @Param('answerId') answerId: string,
    @CurrentActor() actor: Actor,
  ): Promise<AnswerVersionDto[]> {
    this.hearings.mayRead(await this.hearings.repo.hearing(id), actor);
    return this.answers.versions(id, answerId);
  }

  @Post(':id/answers/:answerId/withhold')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'Withhold an answer from publication, with a reason (secretariat)' })
  @idParam
  @ApiParam({ name: 'answerId', format: 'uuid' })
  @ApiOkResponse({ type: HearingDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async withhold(
    @Param('id') id: string,
    @Param('answerId') answerId: string,
    @Body() body: ReasonDto,
    @CurrentActor() actor: Actor,
  ): Promise<HearingDto> {
    return this.hearings.send(id, { type: 'answer.withheld', answerId, reason: body.reason }, actor);
  }

  @Post(':id/answers/:answerId/release')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'Publish a withheld answer after all (secretariat)' })
  @idParam
  @ApiParam({ name: 'answerId', format: 'uuid' })
  @ApiOkResponse({ type: HearingDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async release(
    @Param('id') id: string,
    @Param('answerId') answerId: string,
    @CurrentActor() actor: Actor,
  ): Promise<HearingDto> {
    return this.hearings.send(id, { type: 'answer.released', answerId }, actor);
  }

  @Post(':id/summary/start')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'Start the sammendrag of a closed hearing (secretariat)' })
  @idParam
  @ApiOkResponse({ type: HearingDto })
  @ApiProblems(403, 404, 409)
  async startSummary(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<HearingDto> {
    return this.hearings.send(id, { type: 'summary.started' }, actor);
  }

  @Put(':id/summary/texts/:questionId')
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'The secretariat’s summary of the answers to a question (`general`: the whole)' })
  @idParam
  @ApiParam({ name: 'questionId', example: 'q1' })
  @ApiOkResponse({ type: HearingDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async summaryText(
    @Param('id') id: string,
    @Param('questionId') questionId: string,
    @Body() body: SummaryTextDto,
    @CurrentActor() actor: Actor,
  ): Promise<HearingDto> {
    return this.hearings.send(id, { type: 'summary.textRecorded', questionId, text: body.text }, actor);
  }

  @Get(':id/summary')
  @ApiOperation({
    summary: 'The sammendrag: answers per question, counts, joint signatories, non-responders, late marked',
  })
  @idParam
  @ApiOkResponse({ type: HearingSummaryDto })
  @ApiProblems(403, 404)
  async summary(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<HearingSummaryDto> {
    return this.summaries.summary(id, actor);
  }

  @Get(':id/summary.md')
  @ApiOperation({ summary: 'The sammendrag as Markdown (Norwegian bokmål)' })
  @idParam
  @ApiProduces('text/markdown')
  @ApiResponse({ status: 200, description: 'Sammendrag', content: { 'text/markdown': { schema: { type: 'string' } } } })
  @ApiProblems(403, 404)
  @Header('Content-Type', 'text/markdown; charset=utf-8')
  async summaryMarkdown(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<string> {
    return summaryMarkdown(await this.summaries.summary(id, actor));
  }

  @Get(':id/summary.csv')
  @ApiOperation({ summary: 'The answers per question as CSV (semicolon-separated, UTF-8 with BOM)' })
  @idParam
  @ApiProduces('text/csv')
  @ApiResponse({ status: 200, description: 'Sammendrag', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiProblems(403, 404)
  async summaryCsv(@Param('id') id: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const csv = summaryCsv(await this.summaries.summary(id, actor));
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="sammendrag-${id}.csv"`)
      .send(csv);
  }

  @Get(':id/summary.pdf')
  @ApiOperation({ summary: 'The sammendrag as PDF (A4)' })
  @idParam
  @ApiProduces('application/pdf')
  @ApiResponse({
    status: 200,
    description: 'Sammendrag',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(403, 404)
  async summaryPdf(@Param('id') id: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const pdf = await summaryPdf(await this.summaries.summary(id, actor));
    res
      .status(200)
      .type('application/pdf')
      .setHeader('Content-Disposition', `inline; filename="sammendrag-${id}.pdf"`)
      .send(pdf);
  }

  @Post(':id/present')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary: 'Present the sammendrag to the owning committee as a case (secretariat)',
    description:
      'Creates the case (once: a retry finds it) and, with `meetingId`, puts it on that meeting’s sakliste with the ' +
      'sammendrag as vedlegg. The sammendrag is frozen from here: no more answers or summary texts.',
  })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: HearingDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async present(
    @Param('id') id: string,
    @Body() body: PresentDto,
    @Headers('idempotency-key') idemKey: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<HearingDto> {
    return this.hearings.present(id, body, actor, key(idemKey));
  }

  @Post(':id/conclude')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'Conclude a presented hearing (secretariat)' })
  @idParam
  @ApiOkResponse({ type: HearingDto })
  @ApiProblems(400, 403, 404, 409)
  async conclude(
    @Param('id') id: string,
    @Body() body: ConclusionDto,
    @CurrentActor() actor: Actor,
  ): Promise<HearingDto> {
    return this.hearings.send(id, { type: 'hearing.concluded', conclusion: body.conclusion }, actor);
  }

  @Post(':id/withdraw')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'Withdraw the hearing, with a reason; recipients of a sent hearing are told (secretariat)' })
  @idParam
  @ApiOkResponse({ type: HearingDto })
  @ApiProblems(400, 403, 404, 409)
  async withdraw(@Param('id') id: string, @Body() body: ReasonDto, @CurrentActor() actor: Actor): Promise<HearingDto> {
    if (!hasRole(actor, 'secretariat')) throw new DomainError(ErrorCode.Forbidden, 'Secretariat only');
    return this.hearings.send(id, { type: 'hearing.withdrawn', reason: body.reason }, actor);
  }
}
