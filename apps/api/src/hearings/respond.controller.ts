import { Body, Controller, Get, Post, Res, UploadedFile, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { HearingAnswerService, type RecipientSession } from '@samflyt/domain';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { EventEndpoint } from '../http/event-endpoint.decorator';
import { ApiFileDownload, FileUpload, sendFile, uploaded, type UploadedFileLike } from '../http/files';
import { IdParam } from '../http/id-param.decorator';
import { IdempotencyKey } from '../http/idempotency-key.decorator';
import { RateLimit } from '../http/rate-limit';
import { ApiProblems } from '../problems/api-problems.decorator';
import { AnswerDto, AnswerRequestDto, AnswerVersionDto, RecipientHearingDto, WithdrawSignatureDto } from './answer.dto';
import { AttachmentDto } from './hearing.dto';
import { CurrentRecipient, RecipientLinkGuard } from './recipient-link.guard';

/**
 * A høringsinstans answering through its personal link (header `X-Hearing-Token`). It sees its own
 * hearing, its own organisation's answer (given or co-signed) and nothing of other recipients'.
 */
@ApiTags('hearing recipients')
@ApiSecurity('hearing-link')
@Public()
@RateLimit('public')
@UseGuards(RecipientLinkGuard)
@ApiProblems(401)
@Controller('respond')
export class RespondController {
  constructor(private readonly answers: HearingAnswerService) {}

  @Get()
  @ApiOperation({
    summary: 'The hearing as this recipient sees it: proposal, questions, its own deadline and answer',
  })
  @ApiOkResponse({ type: RecipientHearingDto })
  @ApiProblems(404)
  view(@CurrentRecipient() recipient: RecipientSession): Promise<RecipientHearingDto> {
    return this.answers.view(recipient);
  }

  @Post('answer')
  @ApiOperation({
    summary: 'Give the answer, or change it (a new version; every version is kept)',
    description:
      'Alone or jointly: `coSigners` names other recipients of the hearing that have not answered, before their own ' +
      'deadlines; each is asked once (by e-mail) to confirm through its own link, and the answer counts for it only ' +
      'then. Only the answering organisation changes it, until its deadline. ' +
      'After the deadline a first answer is accepted and marked late, unless the secretariat refuses late answers ' +
      '(422). A receipt goes to the contacts.',
  })
  @ApiCreatedResponse({ type: AnswerDto })
  @ApiProblems(400, 403, 404, 409, 422)
  answer(
    @Body() body: AnswerRequestDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentRecipient() recipient: RecipientSession,
  ): Promise<AnswerDto> {
    return this.answers.answerAs(recipient, body, key);
  }

  @Get('answers/:answerId')
  @ApiOperation({ summary: 'An answer this organisation gave or co-signed (404 for any other)' })
  @ApiOkResponse({ type: AnswerDto })
  @ApiProblems(404)
  read(
    @IdParam('answer', 'answerId') answerId: string,
    @CurrentRecipient() recipient: RecipientSession,
  ): Promise<AnswerDto> {
    return this.answers.answerFor(recipient, answerId);
  }

  @Get('answers/:answerId/versions')
  @ApiOperation({ summary: 'Every version of this organisation’s answer' })
  @ApiOkResponse({ type: [AnswerVersionDto] })
  @ApiProblems(404)
  versions(
    @IdParam('answer', 'answerId') answerId: string,
    @CurrentRecipient() recipient: RecipientSession,
  ): Promise<AnswerVersionDto[]> {
    return this.answers.versionsFor(recipient, answerId);
  }

  @EventEndpoint('answers/:answerId/withdraw-signature', {
    summary: 'Withdraw this organisation’s signature from a joint answer it co-signed',
    description:
      'A new version of the answer without this organisation; the answering organisation is told by e-mail, and ' +
      'this organisation’s reminders come back, so it may answer on its own. Until its own deadline (422 after). ' +
      'The organisation that gave the answer changes it instead (403); an answer this organisation did not sign is 404.',
    response: RecipientHearingDto,
    problems: [400, 403, 404, 409, 422],
  })
  withdrawSignature(
    @IdParam('answer', 'answerId') answerId: string,
    @Body() body: WithdrawSignatureDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentRecipient() recipient: RecipientSession,
  ): Promise<RecipientHearingDto> {
    return this.answers.withdrawSignature(recipient, answerId, body.reason, key);
  }

  @EventEndpoint('answers/:answerId/confirm-signature', {
    summary: 'Confirm this organisation as co-signer of a joint answer that names it',
    description:
      'Until confirmed, a joint answer does not count as this organisation’s answer. A new version of the answer with ' +
      'this organisation signing; the answering organisation is told. Until its own deadline (422 after). An answer ' +
      'that does not wait for this organisation’s confirmation is 404; one after it answered otherwise 409.',
    response: RecipientHearingDto,
    problems: [403, 404, 409, 422],
  })
  confirmSignature(
    @IdParam('answer', 'answerId') answerId: string,
    @IdempotencyKey() key: string | undefined,
    @CurrentRecipient() recipient: RecipientSession,
  ): Promise<RecipientHearingDto> {
    return this.answers.confirmSignature(recipient, answerId, key);
  }

  @Post('attachments')
  @FileUpload()
  @ApiOperation({ summary: 'Upload a file for the answer; name its id in `attachmentIds` when answering' })
  @ApiCreatedResponse({ type: AttachmentDto })
  @ApiProblems(400, 409, 413)
  upload(
    @UploadedFile() file: UploadedFileLike | undefined,
    @CurrentRecipient() recipient: RecipientSession,
  ): Promise<AttachmentDto> {
    return this.answers.uploadForAnswer(recipient, uploaded(file));
  }

  @Get('attachments/:attachmentId')
  @ApiOperation({ summary: 'Download a file of the proposal or of this organisation’s answer' })
  @ApiFileDownload()
  @ApiProblems(404)
  async download(
    @IdParam('attachment', 'attachmentId') attachmentId: string,
    @CurrentRecipient() recipient: RecipientSession,
    @Res() res: Response,
  ): Promise<void> {
    sendFile(res, await this.answers.attachmentFor(recipient, attachmentId));
  }
}
