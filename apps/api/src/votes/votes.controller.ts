import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { InhabilService, VoteService } from '@samflyt/domain';
import { notFound, type Actor } from '@samflyt/engine';
import type { Response } from 'express';
import { CurrentActor, CurrentPersonId } from '../auth/current-actor.decorator';
import { AnyOfRoles } from '../auth/roles.decorator';
import { parseIdempotencyKey } from '../http/request-headers';
import { ApiProblems } from '../problems/api-problems.decorator';
import {
  BallotDto,
  CancelVoteDto,
  CaseDecisionDto,
  DecideCaseFromVoteDto,
  DeclareInhabilDto,
  InhabilDeclarationDto,
  OpenVoteDto,
  VoteDto,
  toInhabilDto,
  toVoteDto,
} from './vote.dto';

/**
 * Voters and members are persons: the caller as the person their login belongs to (the token's
 * `sub`, or the person found by its e-mail), so ballots and declarations carry persons.id.
 */
const asPerson = (actor: Actor, personId: string | null): Actor => (personId ? { ...actor, id: personId } : actor);

const caseParam = ApiParam({ name: 'id', format: 'uuid', description: 'Case id' });
const voteParam = ApiParam({ name: 'id', format: 'uuid', description: 'Vote id' });
const idempotencyKey = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'A retry with the same key gets the first answer and changes nothing',
});

/** Votes on cases and inhabilitet declarations. Thin: the rules live in the votes services and the vote machine. */
@ApiTags('votes')
@ApiBearerAuth()
@ApiProblems(401)
@Controller()
export class VotesController {
  constructor(
    private readonly votes: VoteService,
    private readonly inhabil: InhabilService,
  ) {}

  @Post('cases/:id/votes')
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary: 'Open a vote on a case (secretariat)',
    description:
      'Who may vote is derived from the committee memberships, the meeting attendance (a vote in a meeting) and the ' +
      "case's inhabilitet declarations, never typed in. The rule defaults to the committee's. Quorum is checked " +
      'first: 422 naming the rule and the numbers when it is not met. A written round notifies the voters, reminds ' +
      'those who have not voted before the deadline, and closes at it.',
  })
  @caseParam
  @ApiCreatedResponse({
    type: VoteDto,
    headers: { Location: { description: '`/votes/{id}`', schema: { type: 'string' } } },
  })
  @ApiProblems(400, 403, 404, 409, 422)
  async open(
    @Param('id') caseId: string,
    @Body() body: OpenVoteDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<VoteDto> {
    const view = await this.votes.open(caseId, body, actor);
    res.setHeader('Location', `/votes/${view.id}`);
    return toVoteDto(view);
  }

  @Get('cases/:id/votes')
  @ApiOperation({ summary: 'The votes on a case, oldest first (the closed ones carry the text for the minutes)' })
  @caseParam
  @ApiOkResponse({ type: [VoteDto] })
  @ApiProblems(403, 404)
  async listForCase(@Param('id') caseId: string, @CurrentActor() actor: Actor): Promise<VoteDto[]> {
    return (await this.votes.listForCase(caseId, actor)).map(toVoteDto);
  }

  @Get('votes/:id')
  @ApiOperation({
    summary: 'A vote: who may vote, who has voted (not how, until closed), the result',
  })
  @voteParam
  @ApiOkResponse({ type: VoteDto })
  @ApiProblems(403, 404)
  async get(
    @Param('id') id: string,
    @CurrentActor() caller: Actor,
    @CurrentPersonId() personId: string | null,
  ): Promise<VoteDto> {
    const view = await this.votes.get(id, asPerson(caller, personId));
    if (!view) throw notFound('vote', id);
    return toVoteDto(view);
  }

  @Post('votes/:id/ballots')
  @ApiOperation({
    summary: 'Cast a ballot (an eligible voter), or record one in a meeting (secretariat, with voterId)',
    description:
      'One ballot per voter: a second is 409 and changes nothing. A voter who is not eligible gets 403; a ballot ' +
      'after the deadline or the close gets 409.',
  })
  @voteParam
  @idempotencyKey
  @ApiCreatedResponse({ type: VoteDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async ballot(
    @Param('id') id: string,
    @Body() body: BallotDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentActor() caller: Actor,
    @CurrentPersonId() personId: string | null,
  ): Promise<VoteDto> {
    const idempotencyKey = parseIdempotencyKey(key, false);
    const actor = asPerson(caller, personId);
    const view =
      body.voterId === undefined || body.voterId === actor.id
        ? await this.votes.cast(id, body.choice, actor, idempotencyKey)
        : await this.votes.record(id, body.voterId, body.choice, actor, idempotencyKey);
    return toVoteDto(view);
  }

  @Post('votes/:id/close')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary: 'Close a vote held in a meeting and count it (secretariat); a written round closes at its deadline',
  })
  @voteParam
  @idempotencyKey
  @ApiOkResponse({ type: VoteDto })
  @ApiProblems(403, 404, 409, 422)
  async close(
    @Param('id') id: string,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<VoteDto> {
    return toVoteDto(await this.votes.close(id, actor, parseIdempotencyKey(key, false)));
  }

  @Post('votes/:id/cancel')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'Cancel an open vote, with a reason (secretariat); nothing is counted' })
  @voteParam
  @idempotencyKey
  @ApiOkResponse({ type: VoteDto })
  @ApiProblems(400, 403, 404, 409)
  async cancel(
    @Param('id') id: string,
    @Body() body: CancelVoteDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<VoteDto> {
    return toVoteDto(await this.votes.cancel(id, body.reason, actor, parseIdempotencyKey(key, false)));
  }

  @Post('votes/:id/decide-case')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary: "Record the case's vedtak with this closed vote's result (secretariat)",
    description:
      "Sends the case's `case.decided` with the vote's result text (count per side, the rule applied) as `voteResult`, " +
      'taken from the vote rather than retyped; `resolution` when the vedtak differs from the forslag til vedtak.',
  })
  @voteParam
  @idempotencyKey
  @ApiOkResponse({ type: CaseDecisionDto })
  @ApiProblems(400, 403, 404, 409)
  async decideCase(
    @Param('id') id: string,
    @Body() body: DecideCaseFromVoteDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDecisionDto> {
    return this.votes.decideCase(id, body, actor, parseIdempotencyKey(key, false));
  }

  @Post('cases/:id/inhabil')
  @ApiOperation({
    summary: 'Declare a member inhabil in a case (the member themself, or the secretariat)',
    description: 'The member is left out of votes on the case opened afterwards. 409 while a vote on the case is open.',
  })
  @caseParam
  @ApiCreatedResponse({ type: InhabilDeclarationDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async declare(
    @Param('id') caseId: string,
    @Body() body: DeclareInhabilDto,
    @CurrentActor() caller: Actor,
    @CurrentPersonId() personId: string | null,
  ): Promise<InhabilDeclarationDto> {
    return toInhabilDto(await this.inhabil.declare(caseId, body, asPerson(caller, personId)));
  }

  @Get('cases/:id/inhabil')
  @ApiOperation({ summary: "The case's inhabilitet declarations (a member without a committee role sees their own)" })
  @caseParam
  @ApiOkResponse({ type: [InhabilDeclarationDto] })
  @ApiProblems(403, 404)
  async listInhabil(
    @Param('id') caseId: string,
    @CurrentActor() caller: Actor,
    @CurrentPersonId() personId: string | null,
  ): Promise<InhabilDeclarationDto[]> {
    return (await this.inhabil.list(caseId, asPerson(caller, personId))).map(toInhabilDto);
  }
}
