import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { GrantApplicationService } from '@samflyt/domain';
import { WorkflowEngine, invalidInput, toDeadline, type Actor } from '@samflyt/engine';
import { MAX_ATTACHMENT_BYTES } from '@samflyt/workflows';
import type { Response } from 'express';
import { CurrentActor, CurrentPersonId } from '../auth/current-actor.decorator';
import { AnyOfRoles } from '../auth/roles.decorator';
import { JournalEntryDto, toJournalEntryDto } from '../instances/instance.dto';
import { parseIdempotencyKey } from '../http/request-headers';
import { ApiProblems } from '../problems/api-problems.decorator';
import { UploadLimit } from '../problems/upload-limit';
import {
  AppealCaseDto,
  AppealDecisionDto,
  AppealDto,
  ApplicationDto,
  ApplicationPageDto,
  FormalCheckDto,
  LetterDto,
  ProvideInfoDto,
  ReportDto,
  ReportViewDto,
  UpdateApplicationDto,
  WithdrawDto,
  toApplicationDto,
  toApplicationPage,
  toLetterDto,
  toReportDto,
} from './grant.dto';
import { pageQuery } from './paging';

const idParam = ApiParam({ name: 'id', format: 'uuid', description: 'Application id' });
const idempotencyKey = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'A retry with the same key changes nothing',
});
const key = (k: string | undefined) => parseIdempotencyKey(k, false);
const now = () => new Date().toISOString();

/** Søknader: the applicant's drafts and submission, the formal check, klage and reports. */
@ApiTags('grants')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('grant-applications')
export class GrantApplicationsController {
  constructor(
    private readonly applications: GrantApplicationService,
    private readonly engine: WorkflowEngine,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Applications the caller may see: an applicant their own, the secretariat all, the reviewing committee submitted ones',
  })
  @ApiQuery({ name: 'roundId', required: false })
  @ApiQuery({ name: 'state', required: false })
  @ApiQuery({ name: 'organisationId', required: false })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number })
  @ApiOkResponse({ type: ApplicationPageDto })
  @ApiProblems(400)
  async list(
    @Query() query: Record<string, string>,
    @CurrentActor() actor: Actor,
    @CurrentPersonId() personId: string | null,
  ): Promise<ApplicationPageDto> {
    return toApplicationPage(
      await this.applications.list(pageQuery(query, ['roundId', 'state', 'organisationId']), actor, personId),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: "An application (404 for another applicant's)" })
  @idParam
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblems(404)
  async get(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @CurrentPersonId() personId: string | null,
  ): Promise<ApplicationDto> {
    return toApplicationDto(await this.applications.get(id, actor, personId));
  }

  @Get(':id/history')
  @ApiOperation({
    summary:
      "The application's history, oldest first (the applicant, the secretariat, the reviewing committee): the status timeline",
  })
  @idParam
  @ApiOkResponse({ type: [JournalEntryDto] })
  @ApiProblems(404)
  async history(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @CurrentPersonId() personId: string | null,
  ): Promise<JournalEntryDto[]> {
    const row = await this.applications.get(id, actor, personId);
    // The applicant is known by person id (the token's subject may be an e-mail or the provider's id).
    const reader = personId ? { ...actor, id: personId } : actor;
    return (await this.engine.history(row.instance_id, reader)).map(toJournalEntryDto);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a draft (the applicant); answers are checked against the form' })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblems(400, 403, 404, 409)
  async update(
    @Param('id') id: string,
    @Body() body: UpdateApplicationDto,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
    @CurrentPersonId() personId: string | null,
  ): Promise<ApplicationDto> {
    return toApplicationDto(await this.applications.update(id, body, actor, personId, key(k)));
  }

  @Put(':id/attachments/:field')
  @ApiOperation({
    summary: 'Upload an attachment for a form field (multipart `file`); type and size are checked against the field',
    description: 'At most 10 MB, or the field’s own `maxBytes`: a larger file is 413 naming `file` and the limit.',
  })
  @idParam
  @ApiParam({ name: 'field', description: 'The form field key' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
  })
  @UseInterceptors(
    UploadLimit('file', MAX_ATTACHMENT_BYTES),
    FileInterceptor('file', { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } }),
  )
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblems(400, 403, 404, 409, 413)
  async upload(
    @Param('id') id: string,
    @Param('field') field: string,
    @UploadedFile() file: { originalname: string; mimetype: string; buffer: Buffer } | undefined,
    @CurrentActor() actor: Actor,
    @CurrentPersonId() personId: string | null,
  ): Promise<ApplicationDto> {
    if (!file) throw invalidInput([{ field: 'file', message: 'a multipart upload with a `file` part is required' }]);
    return toApplicationDto(
      await this.applications.upload(
        id,
        field,
        { filename: file.originalname, contentType: file.mimetype, data: file.buffer },
        actor,
        personId,
      ),
    );
  }

  @Get(':id/attachments/:attachmentId')
  @ApiOperation({ summary: 'Download an attachment' })
  @idParam
  @ApiParam({ name: 'attachmentId', format: 'uuid' })
  @ApiProduces('application/octet-stream')
  @ApiProblems(404)
  async download(
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @CurrentActor() actor: Actor,
    @CurrentPersonId() personId: string | null,
    @Res() res: Response,
  ): Promise<void> {
    const a = await this.applications.attachment(id, attachmentId, actor, personId);
    res
      .type(a.content_type)
      .setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.filename)}`);
    res.send(a.data);
  }

  @Post(':id/submit')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Submit (the applicant) before the closing time; after it, 409 naming when it closed' })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblems(403, 404, 409, 422)
  async submit(
    @Param('id') id: string,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
    @CurrentPersonId() personId: string | null,
  ): Promise<ApplicationDto> {
    return toApplicationDto(await this.applications.submit(id, actor, personId, key(k)));
  }

  @Post(':id/withdraw')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Withdraw the application, with a reason (the applicant)' })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblems(400, 403, 404, 409)
  async withdraw(
    @Param('id') id: string,
    @Body() body: WithdrawDto,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
    @CurrentPersonId() personId: string | null,
  ): Promise<ApplicationDto> {
    return toApplicationDto(
      await this.applications.applicantAct(
        id,
        { type: 'application.withdrawn', reason: body.reason },
        actor,
        personId,
        key(k),
      ),
    );
  }

  @Post(':id/formal-check')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary:
      'Formal check (secretariat): complete, info-requested (message, deadline) or rejected (message: the reason)',
  })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblems(400, 403, 404, 409)
  async check(
    @Param('id') id: string,
    @Body() body: FormalCheckDto,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationDto> {
    let event: { type: string; [k: string]: unknown };
    if (body.outcome === 'complete') event = { type: 'check.completed' };
    else if (body.outcome === 'rejected') {
      if (!body.message) throw invalidInput([{ field: 'message', message: 'a rejection needs the reason' }]);
      event = { type: 'check.rejected', reason: body.message };
    } else {
      if (!body.message) throw invalidInput([{ field: 'message', message: 'say what information is missing' }]);
      const deadline = body.deadline ? toDeadline(body.deadline) : null;
      if (!deadline || new Date(deadline) <= new Date())
        throw invalidInput([
          { field: 'deadline', message: 'a future date (YYYY-MM-DD) or date-time with offset is required' },
        ]);
      event = { type: 'check.infoRequested', message: body.message, deadline };
    }
    return toApplicationDto(await this.applications.secretariatAct(id, event, actor, key(k)));
  }

  @Post(':id/information')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Answer a request for more information (the applicant); back to the formal check' })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblems(400, 403, 404, 409)
  async info(
    @Param('id') id: string,
    @Body() body: ProvideInfoDto,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
    @CurrentPersonId() personId: string | null,
  ): Promise<ApplicationDto> {
    return toApplicationDto(
      await this.applications.applicantAct(id, { type: 'info.provided', ...body }, actor, personId, key(k)),
    );
  }

  @Get(':id/letters')
  @ApiOperation({ summary: 'Letters sent about the application (tilskuddsbrev, avslag, avvisning, klagevedtak)' })
  @idParam
  @ApiOkResponse({ type: [LetterDto] })
  @ApiProblems(404)
  async letters(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @CurrentPersonId() personId: string | null,
  ): Promise<LetterDto[]> {
    return (await this.applications.letters(id, actor, personId)).map(toLetterDto);
  }

  @Post(':id/appeal')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Klage on the decision within the appeal period, when the round allows it (the applicant)' })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblems(400, 403, 404, 409)
  async appeal(
    @Param('id') id: string,
    @Body() body: AppealDto,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
    @CurrentPersonId() personId: string | null,
  ): Promise<ApplicationDto> {
    return toApplicationDto(
      await this.applications.applicantAct(
        id,
        { type: 'appeal.registered', text: body.text, at: now() },
        actor,
        personId,
        key(k),
      ),
    );
  }

  @Post(':id/appeal/case')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary:
      'Put the klage to the deciding committee as a new case with a forslag til vedtak (secretariat); its vedtak decides',
  })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblems(400, 403, 404, 409)
  async appealCase(
    @Param('id') id: string,
    @Body() body: AppealCaseDto,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationDto> {
    return toApplicationDto(await this.applications.appealCase(id, body, actor, key(k)));
  }

  @Post(':id/appeal/decision')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'Record the outcome of the klage when the vedtak departs from the proposal (secretariat)' })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblems(400, 403, 404, 409)
  async appealDecision(
    @Param('id') id: string,
    @Body() body: AppealDecisionDto,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationDto> {
    return toApplicationDto(
      await this.applications.secretariatAct(id, { type: 'appeal.decided', ...body, at: now() }, actor, key(k)),
    );
  }

  @Get(':id/reports')
  @ApiOperation({ summary: 'Reports the funded project owes, with due dates and status' })
  @idParam
  @ApiOkResponse({ type: [ReportViewDto] })
  @ApiProblems(404)
  async reports(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @CurrentPersonId() personId: string | null,
  ): Promise<ReportViewDto[]> {
    return (await this.applications.reports(id, actor, personId)).map(toReportDto);
  }

  @Put(':id/reports/:key')
  @ApiOperation({ summary: 'Submit a report (the applicant)' })
  @idParam
  @ApiParam({ name: 'key', description: 'Report key from the round' })
  @idempotencyKey
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblems(400, 403, 404, 409)
  async report(
    @Param('id') id: string,
    @Param('key') reportKey: string,
    @Body() body: ReportDto,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
    @CurrentPersonId() personId: string | null,
  ): Promise<ApplicationDto> {
    return toApplicationDto(
      await this.applications.applicantAct(
        id,
        { type: 'report.submitted', key: reportKey.slice(0, 40), text: body.text, at: now() },
        actor,
        personId,
        key(k),
      ),
    );
  }

  @Post(':id/reports/:key/accept')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'Accept a submitted report (secretariat)' })
  @idParam
  @ApiParam({ name: 'key' })
  @idempotencyKey
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblems(403, 404, 409)
  async accept(
    @Param('id') id: string,
    @Param('key') reportKey: string,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationDto> {
    return toApplicationDto(
      await this.applications.secretariatAct(
        id,
        { type: 'report.accepted', key: reportKey.slice(0, 40) },
        actor,
        key(k),
      ),
    );
  }
}
