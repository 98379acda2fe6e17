import { Body, Controller, Get, Patch, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { GrantApplicationService, GrantReviewService, GrantRoundService } from '@samflyt/domain';
import type { Actor } from '@samflyt/engine';
import type { Response } from 'express';
import { CurrentActor, CurrentPerson } from '../auth/current-actor.decorator';
import { OptionalActor, OptionalAuthGuard } from '../auth/optional-actor';
import { Public } from '../auth/public.decorator';
import { AnyOfRoles } from '../auth/roles.decorator';
import { EventEndpoint } from '../http/event-endpoint.decorator';
import { sendFile } from '../http/files';
import { IdParam } from '../http/id-param.decorator';
import { IdempotencyKey } from '../http/idempotency-key.decorator';
import { ReasonDto } from '../http/reason.dto';
import { ApiProblems } from '../problems/api-problems.decorator';
import {
  AdjustmentDto,
  ApplicationDto,
  ApproveRoundDto,
  CreateApplicationDto,
  RecordDecisionDto,
  RecusalDto,
  ReviewDto,
  RoundDto,
  RoundPageDto,
  RoundQueryDto,
  RoundSettingsDto,
  RoundSettingsPatchDto,
  ScoreDto,
  SubmitInnstillingDto,
  toApplicationDto,
  toReviewDto,
  toRoundDto,
  toRoundPage,
} from './grant.dto';

/** Utlysninger: set-up, publication (public), review, innstilling, decision, follow-up. */
@ApiTags('grants')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('grant-rounds')
export class GrantRoundsController {
  constructor(
    private readonly rounds: GrantRoundService,
    private readonly reviews: GrantReviewService,
    private readonly applications: GrantApplicationService,
  ) {}

  @Post()
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'Set up a grant round as a draft (secretariat)' })
  @ApiCreatedResponse({ type: RoundDto })
  @ApiProblems(400, 403, 422)
  async create(
    @Body() body: RoundSettingsDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.rounds.create(body, actor, key));
  }

  @Get()
  @Public()
  @UseGuards(OptionalAuthGuard)
  @ApiOperation({
    summary:
      'Grant rounds, newest first: published calls for everyone; drafts for the secretariat and the reviewing committee',
  })
  @ApiOkResponse({ type: RoundPageDto })
  @ApiProblems(400)
  async list(@Query() query: RoundQueryDto, @OptionalActor() actor: Actor | null): Promise<RoundPageDto> {
    return toRoundPage(await this.rounds.list(query, actor));
  }

  @Get(':id')
  @Public()
  @UseGuards(OptionalAuthGuard)
  @ApiOperation({ summary: 'A grant round: the call, its form and criteria (public once approved)' })
  @ApiOkResponse({ type: RoundDto })
  @ApiProblems(404)
  async get(@IdParam('grant round') id: string, @OptionalActor() actor: Actor | null): Promise<RoundDto> {
    return toRoundDto(await this.rounds.get(id, actor));
  }

  @Patch(':id')
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'Change the set-up of a draft round (secretariat)' })
  @ApiOkResponse({ type: RoundDto })
  @ApiProblems(400, 403, 404, 409)
  async update(
    @IdParam('grant round') id: string,
    @Body() body: RoundSettingsPatchDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.rounds.update(id, body, actor, key));
  }

  @EventEndpoint(':id/approve', {
    summary: 'Record that ASU approved the call; it opens at opensAt (secretariat)',
    roles: ['secretariat'],
    response: RoundDto,
    problems: [400, 403, 404, 409],
  })
  async approve(
    @IdParam('grant round') id: string,
    @Body() body: ApproveRoundDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.rounds.approve(id, body.reference, actor, key));
  }

  @EventEndpoint(':id/open', {
    summary: 'Open an approved call before opensAt (secretariat); it opens by itself at opensAt',
    roles: ['secretariat'],
    response: RoundDto,
    problems: [403, 404, 409],
  })
  async open(
    @IdParam('grant round') id: string,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.rounds.open(id, actor, key));
  }

  @EventEndpoint(':id/cancel', {
    summary: 'Cancel the round with a reason, before the decision (secretariat); applicants are told',
    roles: ['secretariat'],
    response: RoundDto,
    problems: [400, 403, 404, 409],
  })
  async cancel(
    @IdParam('grant round') id: string,
    @Body() body: ReasonDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.rounds.cancel(id, body.reason, actor, key));
  }

  @Post(':id/applications')
  @ApiOperation({
    summary: 'Start an application (a person of a kommune or the hospital trust) while the call is open',
  })
  @ApiCreatedResponse({ type: ApplicationDto })
  @ApiProblems(400, 403, 404, 409)
  async apply(
    @IdParam('grant round') id: string,
    @Body() body: CreateApplicationDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentPerson() applicant: Actor,
  ): Promise<ApplicationDto> {
    return toApplicationDto(await this.applications.create(id, body, applicant, key));
  }

  @EventEndpoint(':id/review', {
    summary:
      'Start scoring (secretariat): every application checked; scorers are the members of the reviewing committee',
    roles: ['secretariat'],
    response: RoundDto,
    problems: [403, 404, 409, 422],
  })
  async review(
    @IdParam('grant round') id: string,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.reviews.start(id, actor, key));
  }

  @Get(':id/review')
  @ApiOperation({ summary: 'Scoring status and the innstilling (secretariat and the reviewing committee)' })
  @ApiOkResponse({ type: ReviewDto })
  @ApiProblems(403, 404)
  async reviewStatus(@IdParam('grant round') id: string, @CurrentActor() actor: Actor): Promise<ReviewDto> {
    return toReviewDto(await this.reviews.status(id, actor));
  }

  @Post(':id/scores')
  @ApiOperation({
    summary: 'Score an application on every criterion with a comment (a scorer of the round); again to revise',
  })
  @ApiCreatedResponse({ type: RoundDto })
  @ApiProblems(400, 403, 404, 409)
  async score(
    @IdParam('grant round') id: string,
    @Body() body: ScoreDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentPerson() scorer: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.reviews.score(id, body, scorer, key));
  }

  @Post(':id/recusals')
  @ApiOperation({ summary: 'Declare yourself inhabil for an application (a scorer); you cannot score it after' })
  @ApiCreatedResponse({ type: RoundDto })
  @ApiProblems(400, 403, 404, 409)
  async recuse(
    @IdParam('grant round') id: string,
    @Body() body: RecusalDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentPerson() scorer: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.reviews.declareInhabil(id, body, scorer, key));
  }

  @EventEndpoint(':id/close-scoring', {
    summary: 'Close scoring before the deadline when everyone has scored (secretariat)',
    roles: ['secretariat'],
    response: RoundDto,
    problems: [403, 404, 409, 422],
  })
  async closeScoring(
    @IdParam('grant round') id: string,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.rounds.closeScoring(id, actor, key));
  }

  @Post(':id/adjustments')
  @ApiOperation({
    summary: 'Change an amount or a place in the innstilling, with a written reason (AU or secretariat)',
  })
  @ApiCreatedResponse({ type: RoundDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async adjust(
    @IdParam('grant round') id: string,
    @Body() body: AdjustmentDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentPerson() actor: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.reviews.adjust(id, body, actor, key));
  }

  @Get(':id/innstilling.md')
  @ApiOperation({ summary: 'The innstilling as Markdown' })
  @ApiProduces('text/markdown')
  @ApiProblems(403, 404, 409)
  async markdown(
    @IdParam('grant round') id: string,
    @CurrentActor() actor: Actor,
    @Res() res: Response,
  ): Promise<void> {
    const content = await this.reviews.innstillingMarkdown(id, actor);
    sendFile(res, { filename: `innstilling-${id}.md`, mediaType: 'text/markdown; charset=utf-8', content });
  }

  @Get(':id/innstilling.pdf')
  @ApiOperation({ summary: 'The innstilling as PDF' })
  @ApiProduces('application/pdf')
  @ApiProblems(403, 404, 409)
  async pdf(@IdParam('grant round') id: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const content = await this.reviews.innstillingPdf(id, actor);
    sendFile(res, { filename: `innstilling-${id}.pdf`, mediaType: 'application/pdf', content });
  }

  @EventEndpoint(':id/innstilling', {
    summary:
      "Put the innstilling up as a case of the deciding committee (secretariat); the case's vedtak decides the round",
    roles: ['secretariat'],
    response: RoundDto,
    problems: [400, 403, 404, 409, 422],
  })
  async submitInnstilling(
    @IdParam('grant round') id: string,
    @Body() body: SubmitInnstillingDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.reviews.submitInnstilling(id, body, actor, key));
  }

  @EventEndpoint(':id/decision', {
    summary: 'Record a vedtak that departs from the innstilling: the awards as decided (secretariat)',
    roles: ['secretariat'],
    response: RoundDto,
    problems: [400, 403, 404, 409, 422],
  })
  async decision(
    @IdParam('grant round') id: string,
    @Body() body: RecordDecisionDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.rounds.recordDecision(id, body, actor, key));
  }

  @EventEndpoint(':id/follow-up', {
    summary: 'Letters are out: follow up the funded projects (secretariat)',
    roles: ['secretariat'],
    response: RoundDto,
    problems: [403, 404, 409],
  })
  async followUp(
    @IdParam('grant round') id: string,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.rounds.startFollowUp(id, actor, key));
  }

  @EventEndpoint(':id/complete', {
    summary: 'Close the round when the projects have reported (secretariat)',
    roles: ['secretariat'],
    response: RoundDto,
    problems: [403, 404, 409],
  })
  async complete(
    @IdParam('grant round') id: string,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.rounds.complete(id, actor, key));
  }

  @Get(':id/export.csv')
  @AnyOfRoles('secretariat', 'admin')
  @ApiOperation({ summary: 'Applications, scores and outcomes as CSV (secretariat)' })
  @ApiProduces('text/csv')
  @ApiProblems(403, 404)
  async csv(@IdParam('grant round') id: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const content = await this.reviews.exportCsv(id, actor);
    sendFile(res, { filename: `soknader-${id}.csv`, mediaType: 'text/csv; charset=utf-8', content });
  }
}
