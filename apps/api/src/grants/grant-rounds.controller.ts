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
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  GrantApplicationService,
  GrantRoundService,
  innstillingMarkdown,
  innstillingPdf,
  mayReadInternals,
  roundCsv,
} from '@samflyt/domain';
import { ErrorCode, DomainError, type Actor } from '@samflyt/engine';
import { innstillingOf, missingFor, totalOf } from '@samflyt/workflows';
import type { Response } from 'express';
import { CurrentActor, CurrentPersonId } from '../auth/current-actor.decorator';
import { Public } from '../auth/public.decorator';
import { AnyOfRoles } from '../auth/roles.decorator';
import { parseIdempotencyKey } from '../http/request-headers';
import { ApiProblems } from '../problems/api-problems.decorator';
import { OptionalActor, OptionalAuthGuard } from '../auth/optional-actor';
import {
  AdjustmentDto,
  ApproveRoundDto,
  ApplicationDto,
  CreateApplicationDto,
  ReasonDto,
  RecordDecisionDto,
  RecusalDto,
  ReviewDto,
  RoundDto,
  RoundPageDto,
  RoundSettingsDto,
  ScoreDto,
  SubmitInnstillingDto,
  toApplicationDto,
  toInnstillingLineDto,
  toRoundDto,
  toRoundPage,
} from './grant.dto';
import { pageQuery } from './paging';

const idParam = ApiParam({ name: 'id', format: 'uuid', description: 'Grant round id' });
const idempotencyKey = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'A retry with the same key changes nothing',
});
const asPerson = (actor: Actor, personId: string | null): Actor => (personId ? { ...actor, id: personId } : actor);
const key = (k: string | undefined) => parseIdempotencyKey(k, false);

/** Utlysninger: set-up, publication (public), review, innstilling, decision, follow-up. */
@ApiTags('grants')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('grant-rounds')
export class GrantRoundsController {
  constructor(
    private readonly rounds: GrantRoundService,
    private readonly applications: GrantApplicationService,
  ) {}

  @Post()
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'Set up a grant round as a draft (secretariat)' })
  @idempotencyKey
  @ApiCreatedResponse({ type: RoundDto })
  @ApiProblems(400, 403, 422)
  async create(
    @Body() body: RoundSettingsDto,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.rounds.create(body, actor, key(k)));
  }

  @Get()
  @Public()
  @UseGuards(OptionalAuthGuard)
  @ApiOperation({
    summary:
      'Grant rounds, newest first: published calls for everyone; drafts for the secretariat and the reviewing committee',
  })
  @ApiQuery({ name: 'state', required: false })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number })
  @ApiOkResponse({ type: RoundPageDto })
  @ApiProblems(400)
  async list(@Query() query: Record<string, string>, @OptionalActor() actor: Actor | null): Promise<RoundPageDto> {
    return toRoundPage(await this.rounds.list(pageQuery(query, ['state']), actor));
  }

  @Get(':id')
  @Public()
  @UseGuards(OptionalAuthGuard)
  @ApiOperation({ summary: 'A grant round: the call, its form and criteria (public once approved)' })
  @idParam
  @ApiOkResponse({ type: RoundDto })
  @ApiProblems(404)
  async get(@Param('id') id: string, @OptionalActor() actor: Actor | null): Promise<RoundDto> {
    return toRoundDto(await this.rounds.get(id, actor));
  }

  @Patch(':id')
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'Change the set-up of a draft round (secretariat)' })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: RoundDto })
  @ApiProblems(400, 403, 404, 409)
  async update(
    @Param('id') id: string,
    @Body() body: RoundSettingsDto,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.rounds.update(id, { ...body }, actor, key(k)));
  }

  @Post(':id/approve')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'Record that ASU approved the call; it opens at opensAt (secretariat)' })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: RoundDto })
  @ApiProblems(400, 403, 404, 409)
  async approve(
    @Param('id') id: string,
    @Body() body: ApproveRoundDto,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.rounds.act(id, { type: 'round.approved', reference: body.reference }, actor, key(k)));
  }

  @Post(':id/open')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'Open an approved call before opensAt (secretariat); it opens by itself at opensAt' })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: RoundDto })
  @ApiProblems(403, 404, 409)
  async open(
    @Param('id') id: string,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.rounds.act(id, { type: 'round.opened' }, actor, key(k)));
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'Cancel the round with a reason, before the decision (secretariat); applicants are told' })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: RoundDto })
  @ApiProblems(400, 403, 404, 409)
  async cancel(
    @Param('id') id: string,
    @Body() body: ReasonDto,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.rounds.act(id, { type: 'round.cancelled', reason: body.reason }, actor, key(k)));
  }

  @Post(':id/applications')
  @ApiOperation({
    summary: 'Start an application (a person of a kommune or the hospital trust) while the call is open',
  })
  @idParam
  @idempotencyKey
  @ApiCreatedResponse({ type: ApplicationDto })
  @ApiProblems(400, 403, 404, 409)
  async apply(
    @Param('id') id: string,
    @Body() body: CreateApplicationDto,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
    @CurrentPersonId() personId: string | null,
  ): Promise<ApplicationDto> {
    return toApplicationDto(await this.applications.create(id, body, actor, personId, key(k)));
  }

  @Post(':id/review')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary:
      'Start scoring (secretariat): every application checked; scorers are the members of the reviewing committee',
  })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: RoundDto })
  @ApiProblems(403, 404, 409, 422)
  async review(
    @Param('id') id: string,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.rounds.startReview(id, actor, key(k)));
  }

  @Get(':id/review')
  @ApiOperation({ summary: 'Scoring status and the innstilling (secretariat and the reviewing committee)' })
  @idParam
  @ApiOkResponse({ type: ReviewDto })
  @ApiProblems(403, 404)
  async reviewStatus(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<ReviewDto> {
    const row = await this.rounds.get(id, actor);
    if (!mayReadInternals(actor, row)) {
      throw new DomainError(ErrorCode.Forbidden, 'Only the secretariat and the reviewing committee read the scoring');
    }
    const c = await this.rounds.context(row);
    const lines = c.ranking ? innstillingOf(c) : [];
    return {
      state: row.state,
      scorers: c.scorers.map((s) => ({ personId: s.personId, name: s.name })),
      missing: c.scorers.map((s) => ({ personId: s.personId, name: s.name, missing: missingFor(c, s.personId) })),
      recusals: c.recusals,
      nonScorers: c.nonScorers,
      innstilling: lines.map(toInnstillingLineDto),
      budget: c.budget,
      total: totalOf(lines),
    };
  }

  @Post(':id/scores')
  @ApiOperation({
    summary: 'Score an application on every criterion with a comment (a scorer of the round); again to revise',
  })
  @idParam
  @idempotencyKey
  @ApiCreatedResponse({ type: RoundDto })
  @ApiProblems(400, 403, 404, 409)
  async score(
    @Param('id') id: string,
    @Body() body: ScoreDto,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
    @CurrentPersonId() personId: string | null,
  ): Promise<RoundDto> {
    return toRoundDto(await this.rounds.score(id, body, asPerson(actor, personId), key(k)));
  }

  @Post(':id/recusals')
  @ApiOperation({ summary: 'Declare yourself inhabil for an application (a scorer); you cannot score it after' })
  @idParam
  @idempotencyKey
  @ApiCreatedResponse({ type: RoundDto })
  @ApiProblems(400, 403, 404, 409)
  async recuse(
    @Param('id') id: string,
    @Body() body: RecusalDto,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
    @CurrentPersonId() personId: string | null,
  ): Promise<RoundDto> {
    return toRoundDto(await this.rounds.declareInhabil(id, body, asPerson(actor, personId), key(k)));
  }

  @Post(':id/close-scoring')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'Close scoring before the deadline when everyone has scored (secretariat)' })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: RoundDto })
  @ApiProblems(403, 404, 409, 422)
  async closeScoring(
    @Param('id') id: string,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.rounds.act(id, { type: 'scoring.closed' }, actor, key(k)));
  }

  @Post(':id/adjustments')
  @ApiOperation({
    summary: 'Change an amount or a place in the innstilling, with a written reason (AU or secretariat)',
  })
  @idParam
  @idempotencyKey
  @ApiCreatedResponse({ type: RoundDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async adjust(
    @Param('id') id: string,
    @Body() body: AdjustmentDto,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
    @CurrentPersonId() personId: string | null,
  ): Promise<RoundDto> {
    return toRoundDto(await this.rounds.adjust(id, body, asPerson(actor, personId), key(k)));
  }

  @Get(':id/innstilling.md')
  @ApiOperation({ summary: 'The innstilling as Markdown' })
  @ApiProduces('text/markdown')
  @idParam
  @ApiProblems(403, 404, 409)
  async markdown(@Param('id') id: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const c = await this.innstillingContext(id, actor);
    res.type('text/markdown; charset=utf-8').send(innstillingMarkdown(c));
  }

  @Get(':id/innstilling.pdf')
  @ApiOperation({ summary: 'The innstilling as PDF' })
  @ApiProduces('application/pdf')
  @idParam
  @ApiProblems(403, 404, 409)
  async pdf(@Param('id') id: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const c = await this.innstillingContext(id, actor);
    res.type('application/pdf').send(await innstillingPdf(c));
  }

  @Post(':id/innstilling')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary:
      "Put the innstilling up as a case of the deciding committee (secretariat); the case's vedtak decides the round",
  })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: RoundDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async submitInnstilling(
    @Param('id') id: string,
    @Body() body: SubmitInnstillingDto,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.rounds.submitInnstilling(id, body, actor, key(k)));
  }

  @Post(':id/decision')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'Record a vedtak that departs from the innstilling: the awards as decided (secretariat)' })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: RoundDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async decision(
    @Param('id') id: string,
    @Body() body: RecordDecisionDto,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(
      await this.rounds.act(
        id,
        { type: 'decision.recorded', resolution: body.resolution, awards: body.awards.map((a) => ({ ...a })) },
        actor,
        key(k),
      ),
    );
  }

  @Post(':id/follow-up')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'Letters are out: follow up the funded projects (secretariat)' })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: RoundDto })
  @ApiProblems(403, 404, 409)
  async followUp(
    @Param('id') id: string,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.rounds.act(id, { type: 'followUp.started' }, actor, key(k)));
  }

  @Post(':id/complete')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'Close the round when the projects have reported (secretariat)' })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: RoundDto })
  @ApiProblems(403, 404, 409)
  async complete(
    @Param('id') id: string,
    @Headers('idempotency-key') k: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<RoundDto> {
    return toRoundDto(await this.rounds.act(id, { type: 'round.completed' }, actor, key(k)));
  }

  @Get(':id/export.csv')
  @AnyOfRoles('secretariat', 'admin')
  @ApiOperation({ summary: 'Applications, scores and outcomes as CSV (secretariat)' })
  @ApiProduces('text/csv')
  @idParam
  @ApiProblems(403, 404)
  async csv(@Param('id') id: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const row = await this.rounds.get(id, actor);
    const c = await this.rounds.context(row);
    const apps = (await this.applications.list({ roundId: id, pageSize: 100 }, actor, null)).items;
    res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="soknader-${id}.csv"`);
    res.send(roundCsv(c, apps));
  }

  private async innstillingContext(id: string, actor: Actor) {
    const row = await this.rounds.get(id, actor);
    if (!mayReadInternals(actor, row))
      throw new DomainError(
        ErrorCode.Forbidden,
        'Only the secretariat and the reviewing committee read the innstilling before it is decided',
      );
    const c = await this.rounds.context(row);
    if (!c.ranking)
      throw new DomainError(
        ErrorCode.EventNotAllowed,
        `The round is in ${row.state}; the innstilling exists once scoring has closed`,
        { state: row.state, allowedEvents: [] },
      );
    return c;
  }
}
