import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { CaseService } from '@samflyt/domain';
import { invalidInput, type Actor } from '@samflyt/engine';
import type { Response } from 'express';
import { CurrentActor } from '../auth/current-actor.decorator';
import { parseIdempotencyKey } from '../http/request-headers';
import { ApiProblems } from '../problems/api-problems.decorator';
import {
  CaseDto,
  CaseInputDto,
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

const idParam = ApiParam({ name: 'id', format: 'uuid', description: 'Case id' });
const idempotencyKey = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'A retry with the same key and body gets the first answer and changes nothing',
});
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
  @ApiParam({ name: 'code', example: 'ASU' })
  @idempotencyKey
  @ApiCreatedResponse({ type: CaseDto })
  @ApiProblems(400, 403, 404, 409)
  async create(
    @Param('code') code: string,
    @Body() body: CreateCaseDto,
    @Headers('idempotency-key') key: Key,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseDto> {
    const view = await this.cases.create(code, body, actor, parseIdempotencyKey(key, false));
    res.setHeader('Location', `/cases/${view.id}`);
    return toCaseDto(view);
  }

  @Get('committees/:code/cases')
  @ApiOperation({ summary: "A committee's cases in number order" })
  @ApiParam({ name: 'code', example: 'ASU' })
  @ApiQuery({ name: 'year', required: false, example: 2024 })
  @ApiOkResponse({ type: [CaseSummaryDto] })
  @ApiProblems(400, 403, 404)
  async list(@Param('code') code: string, @Query('year') year: string | undefined, @CurrentActor() actor: Actor) {
    if (year !== undefined && !/^\d{4}$/.test(year))
      throw invalidInput([{ field: 'year', message: 'must be a year such as 2024' }]);
    return (await this.cases.list(code, actor, year === undefined ? undefined : Number(year))).map(toCaseSummaryDto);
  }

  @Get('cases/:id')
  @ApiOperation({ summary: 'A case: its text, the meetings it has been on, innspill, vedtak, assignments and history' })
  @idParam
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems(403, 404)
  async get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<CaseDto> {
    return toCaseDto(await this.cases.get(id, actor));
  }

  @Post('cases/:id/schedule')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Put a draft case on a meeting, at the end of the meeting's sakliste" })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async schedule(
    @Param('id') id: string,
    @Body() body: ScheduleCaseDto,
    @Headers('idempotency-key') key: Key,
    @CurrentActor() actor: Actor,
  ) {
    const { meetingId, ...line } = body;
    return toCaseDto(await this.cases.schedule(id, meetingId, line, actor, parseIdempotencyKey(key, false)));
  }

  @Post('cases/:id/postpone')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Utsatt: move the case to a named later meeting',
    description:
      "It goes on that meeting's sakliste; the meeting it leaves keeps it, marked UTSATT, with the postponement as vedtak.",
  })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async postpone(
    @Param('id') id: string,
    @Body() body: PostponeCaseDto,
    @Headers('idempotency-key') key: Key,
    @CurrentActor() actor: Actor,
  ) {
    return toCaseDto(await this.cases.postpone(id, body, actor, parseIdempotencyKey(key, false)));
  }

  @Post('cases/:id/decide')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Record the vedtak: the proposal, or the amended text, with an optional vote result' })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems(400, 403, 404, 409)
  decide(
    @Param('id') id: string,
    @Body() body: DecideCaseDto,
    @Headers('idempotency-key') key: Key,
    @CurrentActor() actor: Actor,
  ) {
    return this.event(id, { type: 'case.decided', ...body }, key, actor);
  }

  @Post('cases/:id/withdraw')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Withdraw the case, with a reason' })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems(400, 403, 404, 409)
  withdraw(
    @Param('id') id: string,
    @Body() body: WithdrawCaseDto,
    @Headers('idempotency-key') key: Key,
    @CurrentActor() actor: Actor,
  ) {
    return this.event(id, { type: 'case.withdrawn', reason: body.reason }, key, actor);
  }

  @Post('cases/:id/inputs')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'An innspill to the case at the meeting it is on' })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems(400, 403, 404, 409)
  input(
    @Param('id') id: string,
    @Body() body: CaseInputDto,
    @Headers('idempotency-key') key: Key,
    @CurrentActor() actor: Actor,
  ) {
    return this.event(id, { type: 'case.inputRecorded', ...body }, key, actor);
  }

  @Put('cases/:id/minutes')
  @ApiOperation({ summary: 'The referat of the case at the meeting it is on' })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems(400, 403, 404, 409)
  minutes(
    @Param('id') id: string,
    @Body() body: CaseMinutesDto,
    @Headers('idempotency-key') key: Key,
    @CurrentActor() actor: Actor,
  ) {
    return this.event(id, { type: 'case.minutesRecorded', text: body.text }, key, actor);
  }

  private async event(
    id: string,
    event: { type: string; [k: string]: unknown },
    key: Key,
    actor: Actor,
  ): Promise<CaseDto> {
    return toCaseDto(await this.cases.send(id, event, actor, parseIdempotencyKey(key, false)));
  }
}
