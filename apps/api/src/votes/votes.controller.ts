import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InhabilService, VoteService } from '@samflyt/domain';
import type { Actor } from '@samflyt/engine';
import type { Response } from 'express';
import { CurrentActor, CurrentPerson } from '../auth/current-actor.decorator';
import { AnyOfRoles } from '../auth/roles.decorator';
import { EventEndpoint } from '../http/event-endpoint.decorator';
import { IdParam } from '../http/id-param.decorator';
import { IdempotencyKey } from '../http/idempotency-key.decorator';
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
 * Votes on cases and inhabilitet declarations. Thin: the rules live in the votes services and the vote machine.
 * Voters and members are persons (`@CurrentPerson()`), so ballots and declarations carry persons.id.
 */
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
  @ApiCreatedResponse({
    type: VoteDto,
    headers: { Location: { description: '`/votes/{id}`', schema: { type: 'string' } } },
  })
  @ApiProblems(400, 403, 404, 409, 422)
  async open(
    @IdParam('case') caseId: string,
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
  @ApiOkResponse({ type: [VoteDto] })
  @ApiProblems(403, 404)
  async listForCase(@IdParam('case') caseId: string, @CurrentActor() actor: Actor): Promise<VoteDto[]> {
    return (await this.votes.listForCase(caseId, actor)).map(toVoteDto);
  }

  @Get('votes/:id')
  @ApiOperation({ summary: 'A vote: who may vote, who has voted (not how, until closed), the result' })
  @ApiOkResponse({ type: VoteDto })
  @ApiProblems(403, 404)
  async get(@IdParam('vote') id: string, @CurrentPerson() person: Actor): Promise<VoteDto> {
    return toVoteDto(await this.votes.get(id, person));
  }

  @Post('votes/:id/ballots')
  @ApiOperation({
    summary: 'Cast a ballot (an eligible voter), or record one in a meeting (secretariat, with voterId)',
    description:
      'One ballot per voter: a second is 409 and changes nothing. A voter who is not eligible gets 403; a ballot ' +
      'after the deadline or the close gets 409.',
  })
  @ApiCreatedResponse({ type: VoteDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async ballot(
    @IdParam('vote') id: string,
    @Body() body: BallotDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentPerson() person: Actor,
  ): Promise<VoteDto> {
    return toVoteDto(await this.votes.ballot(id, body, person, key));
  }

  @EventEndpoint('votes/:id/close', {
    summary: 'Close a vote held in a meeting and count it (secretariat); a written round closes at its deadline',
    roles: ['secretariat'],
    response: VoteDto,
    problems: [403, 404, 409, 422],
  })
  async close(
    @IdParam('vote') id: string,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<VoteDto> {
    return toVoteDto(await this.votes.close(id, actor, key));
  }

  @EventEndpoint('votes/:id/cancel', {
    summary: 'Cancel an open vote, with a reason (secretariat); nothing is counted',
    roles: ['secretariat'],
    response: VoteDto,
    problems: [400, 403, 404, 409],
  })
  async cancel(
    @IdParam('vote') id: string,
    @Body() body: CancelVoteDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<VoteDto> {
    return toVoteDto(await this.votes.cancel(id, body.reason, actor, key));
  }

  @EventEndpoint('votes/:id/decide-case', {
    summary: "Record the case's vedtak with this closed vote's result (secretariat)",
    description:
      "Sends the case's `case.decided` with the vote's result text (count per side, the rule applied) as `voteResult`, " +
      'taken from the vote rather than retyped; `resolution` when the vedtak differs from the forslag til vedtak.',
    roles: ['secretariat'],
    response: CaseDecisionDto,
    problems: [400, 403, 404, 409],
  })
  decideCase(
    @IdParam('vote') id: string,
    @Body() body: DecideCaseFromVoteDto,
    @IdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDecisionDto> {
    return this.votes.decideCase(id, body, actor, key);
  }

  @Post('cases/:id/inhabil')
  @ApiOperation({
    summary: 'Declare a member inhabil in a case (the member themself, or the secretariat)',
    description: 'The member is left out of votes on the case opened afterwards. 409 while a vote on the case is open.',
  })
  @ApiCreatedResponse({ type: InhabilDeclarationDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async declare(
    @IdParam('case') caseId: string,
    @Body() body: DeclareInhabilDto,
    @CurrentPerson() person: Actor,
  ): Promise<InhabilDeclarationDto> {
    return toInhabilDto(await this.inhabil.declare(caseId, body, person));
  }

  @Get('cases/:id/inhabil')
  @ApiOperation({ summary: "The case's inhabilitet declarations (a member without a committee role sees their own)" })
  @ApiOkResponse({ type: [InhabilDeclarationDto] })
  @ApiProblems(403, 404)
  async listInhabil(@IdParam('case') caseId: string, @CurrentPerson() person: Actor): Promise<InhabilDeclarationDto[]> {
    return (await this.inhabil.list(caseId, person)).map(toInhabilDto);
  }
}
