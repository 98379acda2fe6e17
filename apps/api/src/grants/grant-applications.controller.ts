import { Body, Controller, Get, Param, Patch, Put, Query, Res, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { GrantApplicationService, GrantCaseworkService } from '@samflyt/domain';
import type { Actor } from '@samflyt/engine';
import { MAX_GRANT_ATTACHMENT_BYTES } from '@samflyt/workflows';
import type { Response } from 'express';
import { CurrentActor, CurrentPerson } from '../auth/current-actor.decorator';
import { EventEndpoint } from '../http/event-endpoint.decorator';
import { FileUpload, sendFile, uploaded, type UploadedFileLike } from '../http/files';
import { IdParam } from '../http/id-param.decorator';
import { IdempotencyKey } from '../http/idempotency-key.decorator';
import { ReasonDto } from '../http/reason.dto';
import { JournalEntryDto, toJournalEntryDto } from '../instances/instance.dto';
import { ApiProblems } from '../problems/api-problems.decorator';
import {
  AppealCaseDto,
  AppealDecisionDto,
  AppealDto,
  ApplicationDto,
  ApplicationPageDto,
  ApplicationQueryDto,
  FormalCheckDto,
  LetterDto,
  ProvideInfoDto,
  ReportDto,
  ReportViewDto,
  UpdateApplicationDto,
  toApplicationDto,
  toApplicationPage,
  toLetterDto,
  toReportDto,
} from './grant.dto';

/** Søknader: the applicant's drafts and submission, the formal check, klage and reports. */
@ApiTags('grants')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('grant-applications')
export class GrantApplicationsController {
  constructor(
    private readonly applications: GrantApplicationService,
    private readonly casework: GrantCaseworkService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Applications the caller may see: an applicant their own, the secretariat all, the reviewing committee submitted ones',
  })
  @ApiOkResponse({ type: ApplicationPageDto })
  @ApiProblems(400)
  async list(@Query() query: ApplicationQueryDto, @CurrentPerson() reader: Actor): Promise<ApplicationPageDto> {
    return toApplicationPage(await this.applications.list(query, reader));
  }

  @Get(':id')
  @ApiOperation({ summary: "An application (404 for another applicant's)" })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblems(404)
  async get(@IdParam('application') id: string, @CurrentPerson() reader: Actor): Promise<ApplicationDto> {
    return toApplicationDto(await this.applications.get(id, reader));
  }

  @Get(':id/history')
  @ApiOperation({
    summary:
      "The application's history, oldest first (the applicant, the secretariat, the reviewing committee): the status timeline",
  })
  @ApiOkResponse({ type: [JournalEntryDto] })
  @ApiProblems(404)
  async history(@IdParam('application') id: string, @CurrentPerson() reader: Actor): Promise<JournalEntryDto[]> {
    return (await this.applications.history(id, reader)).map(toJournalEntryDto);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a draft (the applicant); answers are checked against the form' })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblems(400, 403, 404, 409)
  async update(
    @IdParam('application') id: string,
    @Body() body: UpdateApplicationDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentPerson() applicant: Actor,
  ): Promise<ApplicationDto> {
    return toApplicationDto(await this.applications.update(id, body, applicant, key));
  }

  @Put(':id/attachments/:field')
  @ApiOperation({
    summary: 'Upload an attachment for a form field (multipart `file`); type and size are checked against the field',
    description: 'At most 10 MB, or the field’s own `maxBytes`: a larger file is 413 naming `file` and the limit.',
  })
  @ApiParam({ name: 'field', description: 'The form field key' })
  @FileUpload(MAX_GRANT_ATTACHMENT_BYTES)
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblems(400, 403, 404, 409, 413)
  async upload(
    @IdParam('application') id: string,
    @Param('field') field: string,
    @UploadedFile() file: UploadedFileLike | undefined,
    @CurrentPerson() applicant: Actor,
  ): Promise<ApplicationDto> {
    const { filename, mediaType, content } = uploaded(file);
    const stored = { filename, contentType: mediaType, data: content };
    return toApplicationDto(await this.applications.upload(id, field, stored, applicant));
  }

  @Get(':id/attachments/:attachmentId')
  @ApiOperation({ summary: 'Download an attachment' })
  @ApiProduces('application/octet-stream')
  @ApiProblems(404)
  async download(
    @IdParam('application') id: string,
    @IdParam('attachment', 'attachmentId') attachmentId: string,
    @CurrentPerson() reader: Actor,
    @Res() res: Response,
  ): Promise<void> {
    const a = await this.applications.attachment(id, attachmentId, reader);
    sendFile(res, { filename: a.filename, mediaType: a.content_type, content: a.data });
  }

  @EventEndpoint(':id/submit', {
    summary: 'Submit (the applicant) before the closing time; after it, 409 naming when it closed',
    response: ApplicationDto,
    problems: [403, 404, 409, 422],
  })
  async submit(
    @IdParam('application') id: string,
    @IdempotencyKey() key: string | undefined,
    @CurrentPerson() applicant: Actor,
  ): Promise<ApplicationDto> {
    return toApplicationDto(await this.applications.submit(id, applicant, key));
  }

  @EventEndpoint(':id/withdraw', {
    summary: 'Withdraw the application, with a reason (the applicant)',
    response: ApplicationDto,
    problems: [400, 403, 404, 409],
  })
  async withdraw(
    @IdParam('application') id: string,
    @Body() body: ReasonDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentPerson() applicant: Actor,
  ): Promise<ApplicationDto> {
    return toApplicationDto(await this.applications.withdraw(id, body.reason, applicant, key));
  }

  @EventEndpoint(':id/formal-check', {
    summary:
      'Formal check (secretariat): complete, info-requested (message, deadline) or rejected (message: the reason)',
    roles: ['secretariat'],
    response: ApplicationDto,
    problems: [400, 403, 404, 409],
  })
  async check(
    @IdParam('application') id: string,
    @Body() body: FormalCheckDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationDto> {
    return toApplicationDto(await this.casework.formalCheck(id, body, actor, key));
  }

  @EventEndpoint(':id/information', {
    summary: 'Answer a request for more information (the applicant); back to the formal check',
    response: ApplicationDto,
    problems: [400, 403, 404, 409],
  })
  async info(
    @IdParam('application') id: string,
    @Body() body: ProvideInfoDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentPerson() applicant: Actor,
  ): Promise<ApplicationDto> {
    return toApplicationDto(await this.applications.provideInfo(id, body, applicant, key));
  }

  @Get(':id/letters')
  @ApiOperation({ summary: 'Letters sent about the application (tilskuddsbrev, avslag, avvisning, klagevedtak)' })
  @ApiOkResponse({ type: [LetterDto] })
  @ApiProblems(404)
  async letters(@IdParam('application') id: string, @CurrentPerson() reader: Actor): Promise<LetterDto[]> {
    return (await this.applications.letters(id, reader)).map(toLetterDto);
  }

  @EventEndpoint(':id/appeal', {
    summary: 'Klage on the decision within the appeal period, when the round allows it (the applicant)',
    response: ApplicationDto,
    problems: [400, 403, 404, 409],
  })
  async appeal(
    @IdParam('application') id: string,
    @Body() body: AppealDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentPerson() applicant: Actor,
  ): Promise<ApplicationDto> {
    return toApplicationDto(await this.applications.appeal(id, body.text, applicant, key));
  }

  @EventEndpoint(':id/appeal/case', {
    summary:
      'Put the klage to the deciding committee as a new case with a forslag til vedtak (secretariat); its vedtak decides',
    roles: ['secretariat'],
    response: ApplicationDto,
    problems: [400, 403, 404, 409],
  })
  async appealCase(
    @IdParam('application') id: string,
    @Body() body: AppealCaseDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationDto> {
    return toApplicationDto(await this.casework.appealCase(id, body, actor, key));
  }

  @EventEndpoint(':id/appeal/decision', {
    summary: 'Record the outcome of the klage when the vedtak departs from the proposal (secretariat)',
    roles: ['secretariat'],
    response: ApplicationDto,
    problems: [400, 403, 404, 409],
  })
  async appealDecision(
    @IdParam('application') id: string,
    @Body() body: AppealDecisionDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationDto> {
    return toApplicationDto(await this.casework.decideAppeal(id, body, actor, key));
  }

  @Get(':id/reports')
  @ApiOperation({ summary: 'Reports the funded project owes, with due dates and status' })
  @ApiOkResponse({ type: [ReportViewDto] })
  @ApiProblems(404)
  async reports(@IdParam('application') id: string, @CurrentPerson() reader: Actor): Promise<ReportViewDto[]> {
    return (await this.applications.reports(id, reader)).map(toReportDto);
  }

  @Put(':id/reports/:key')
  @ApiOperation({ summary: 'Submit a report (the applicant)' })
  @ApiParam({ name: 'key', description: 'Report key from the round' })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblems(400, 403, 404, 409)
  async report(
    @IdParam('application') id: string,
    @Param('key') reportKey: string,
    @Body() body: ReportDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentPerson() applicant: Actor,
  ): Promise<ApplicationDto> {
    return toApplicationDto(await this.applications.submitReport(id, reportKey, body.text, applicant, key));
  }

  @EventEndpoint(':id/reports/:key/accept', {
    summary: 'Accept a submitted report (secretariat)',
    roles: ['secretariat'],
    response: ApplicationDto,
    problems: [403, 404, 409],
  })
  @ApiParam({ name: 'key' })
  async accept(
    @IdParam('application') id: string,
    @Param('key') reportKey: string,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationDto> {
    return toApplicationDto(await this.casework.acceptReport(id, reportKey, actor, key));
  }
}
