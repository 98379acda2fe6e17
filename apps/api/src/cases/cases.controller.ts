import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CaseService } from '@samflyt/domain';
import type { Actor } from '@samflyt/engine';
import type { Response } from 'express';
import { CurrentActor } from '../auth/current-actor.decorator';
import { EventEndpoint } from '../http/event-endpoint.decorator';
import { IdParam } from '../http/id-param.decorator';
import { IdempotencyKey } from '../http/idempotency-key.decorator';
import { ApiProblems } from '../problems/api-problems.decorator';
import {
  CaseDto,
  CaseInputDto,
  CaseListQueryDto,
  CaseMinutesDto,
  CaseSummaryDto,
  CreateCaseDto,
  DecideCaseDto,
  PostponeCaseDto,
  ScheduleCaseDto,
  WithdrawCaseDto,
  toCaseDto,
  toCaseSummaryDto,
} from './case.dto';

const codeParam = ApiParam({ name: 'code', example: 'ASU' });
type Key = string | undefined;

/** Cases (saker). Thin: the case workflow decides what may happen; the service finds the instances. */
@ApiTags('cases')
@ApiBearerAuth()
@ApiProblems(401)
@Controller()
export class CasesController {
  constructor(private readonly cases: CaseService) {}

  @Post('committees/:code/cases')
  @ApiOperation({
    summary: 'Create a case with forslag til vedtak; it gets the next number NN/YY of the committee and year',
  })
  @codeParam
  @ApiCreatedResponse({ type: CaseDto })
  @ApiProblems(400, 403, 404, 409)
  async create(
    @Param('code') code: string,
    @Body() body: CreateCaseDto,
    @IdempotencyKey() key: Key,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseDto> {
    const view = await this.cases.create(code, body, actor, key);
    res.setHeader('Location', `/cases/${view.id}`);
    return toCaseDto(view);
  }

  @Get('committees/:code/cases')
  @ApiOperation({ summary: "A committee's cases in number order" })
  @codeParam
  @ApiOkResponse({ type: [CaseSummaryDto] })
  @ApiProblems(400, 403, 404)
  async list(
    @Param('code') code: string,
    @Query() { year }: CaseListQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseSummaryDto[]> {
    return (await this.cases.list(code, actor, year)).map(toCaseSummaryDto);
  }

  @Get('cases/:id')
  @ApiOperation({ summary: 'A case: its text, the meetings it has been on, innspill, vedtak, assignments and history' })
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems(403, 404)
  async get(@IdParam('case') id: string, @CurrentActor() actor: Actor): Promise<CaseDto> {
    return toCaseDto(await this.cases.get(id, actor));
  }

  @EventEndpoint('cases/:id/schedule', {
    summary: "Put a draft case on a meeting, at the end of the meeting's sakliste",
    response: CaseDto,
    problems: [400, 403, 404, 409, 422],
  })
  async schedule(
    @IdParam('case') id: string,
    @Body() body: ScheduleCaseDto,
    @IdempotencyKey() key: Key,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDto> {
    const { meetingId, ...placement } = body;
    return toCaseDto(await this.cases.schedule(id, meetingId, placement, actor, key));
  }

  @EventEndpoint('cases/:id/postpone', {
    summary: 'Utsatt: move the case to a named later meeting',
    description:
      "It goes on that meeting's sakliste; the meeting it leaves keeps it, marked UTSATT, with the postponement as vedtak.",
    response: CaseDto,
    problems: [400, 403, 404, 409, 422],
  })
  async postpone(
    @IdParam('case') id: string,
    @Body() body: PostponeCaseDto,
    @IdempotencyKey() key: Key,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDto> {
    return toCaseDto(await this.cases.postpone(id, body, actor, key));
  }

  @EventEndpoint('cases/:id/decide', {
    summary: 'Record the vedtak: the proposal, or the amended text, with an optional vote result',
    response: CaseDto,
    problems: [400, 403, 404, 409],
  })
  async decide(
    @IdParam('case') id: string,
    @Body() body: DecideCaseDto,
    @IdempotencyKey() key: Key,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDto> {
    return toCaseDto(await this.cases.decide(id, body, actor, key));
  }

  @EventEndpoint('cases/:id/withdraw', {
    summary: 'Withdraw the case, with a reason',
    response: CaseDto,
    problems: [400, 403, 404, 409],
  })
  async withdraw(
    @IdParam('case') id: string,
    @Body() body: WithdrawCaseDto,
    @IdempotencyKey() key: Key,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDto> {
    return toCaseDto(await this.cases.withdraw(id, body.reason, actor, key));
  }

  @EventEndpoint('cases/:id/inputs', {
    summary: 'An innspill to the case at the meeting it is on',
    response: CaseDto,
    problems: [400, 403, 404, 409],
  })
  async input(
    @IdParam('case') id: string,
    @Body() body: CaseInputDto,
    @IdempotencyKey() key: Key,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDto> {
    return toCaseDto(await this.cases.recordInput(id, body, actor, key));
  }

  @Put('cases/:id/minutes')
  @ApiOperation({ summary: 'The referat of the case at the meeting it is on' })
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems(400, 403, 404, 409)
  async minutes(
    @IdParam('case') id: string,
    @Body() body: CaseMinutesDto,
    @IdempotencyKey() key: Key,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDto> {
    return toCaseDto(await this.cases.recordMinutes(id, body.text, actor, key));
  }
}
