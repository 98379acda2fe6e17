import { Body, Controller, Get, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AgendaService, MeetingService } from '@samflyt/domain';
import type { Actor } from '@samflyt/engine';
import type { Response } from 'express';
import { CurrentActor, CurrentPersonId } from '../auth/current-actor.decorator';
import { EventEndpoint } from '../http/event-endpoint.decorator';
import { IdParam } from '../http/id-param.decorator';
import { IdempotencyKey } from '../http/idempotency-key.decorator';
import { ApiProblems } from '../problems/api-problems.decorator';
import {
  AttendanceInputDto,
  CancelMeetingDto,
  CreateMeetingDto,
  MeetingDto,
  MeetingSummaryDto,
  ReplaceAgendaDto,
  toMeetingDto,
  toMeetingSummaryDto,
} from './meeting.dto';

const codeParam = ApiParam({ name: 'code', example: 'ASU' });
type Key = string | undefined;

/** Meetings, their sakliste and attendance. Thin: the rules are the meeting workflow's and the services'. */
@ApiTags('meetings')
@ApiBearerAuth()
@ApiProblems(401)
@Controller()
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingService,
    private readonly agenda: AgendaService,
  ) {}

  @Post('committees/:code/meetings')
  @ApiOperation({
    summary: 'Plan a meeting of a committee',
    description:
      "The committee's members on the day are called to it; the notice goes out the committee's notice_days before.",
  })
  @codeParam
  @ApiCreatedResponse({ type: MeetingDto })
  @ApiProblems(400, 403, 404, 422)
  async create(
    @Param('code') code: string,
    @Body() body: CreateMeetingDto,
    @IdempotencyKey() key: Key,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeetingDto> {
    const view = await this.meetings.create(code, body, actor, key);
    res.setHeader('Location', `/meetings/${view.id}`);
    return toMeetingDto(view);
  }

  @Get('committees/:code/meetings')
  @ApiOperation({ summary: "A committee's meetings, oldest first" })
  @codeParam
  @ApiOkResponse({ type: [MeetingSummaryDto] })
  @ApiProblems(403, 404)
  async list(@Param('code') code: string, @CurrentActor() actor: Actor): Promise<MeetingSummaryDto[]> {
    return (await this.meetings.list(code, actor)).map(toMeetingSummaryDto);
  }

  @Get('meetings/:id')
  @ApiOperation({ summary: 'A meeting: details, sakliste with each case and its track through meetings, attendance' })
  @ApiOkResponse({ type: MeetingDto })
  @ApiProblems(403, 404)
  async get(@IdParam('meeting') id: string, @CurrentActor() actor: Actor): Promise<MeetingDto> {
    return toMeetingDto(await this.meetings.get(id, actor));
  }

  @Put('meetings/:id/agenda')
  @ApiOperation({
    summary: 'Replace the sakliste',
    description:
      'Each line is a case (an existing case of the committee, in draft or already on this meeting), a break or another ' +
      'point, with start time, minutes and who is responsible. Draft cases are put on the meeting; cases left out go back ' +
      'to draft. Any bad line refuses the whole list (400 naming `items.N.field`) and nothing changes.',
  })
  @ApiOkResponse({ type: MeetingDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async replaceAgenda(
    @IdParam('meeting') id: string,
    @Body() body: ReplaceAgendaDto,
    @IdempotencyKey() key: Key,
    @CurrentActor() actor: Actor,
  ): Promise<MeetingDto> {
    await this.agenda.replace(id, body.items, actor, key);
    return toMeetingDto(await this.meetings.get(id, actor));
  }

  @EventEndpoint('meetings/:id/publish', {
    summary: 'The sakliste is ready: the notice (innkalling) goes out noticeDays before the meeting',
    response: MeetingDto,
    problems: [403, 404, 409],
  })
  async publish(@IdParam('meeting') id: string, @IdempotencyKey() key: Key, @CurrentActor() actor: Actor) {
    return toMeetingDto(await this.meetings.publish(id, actor, key));
  }

  @EventEndpoint('meetings/:id/attendance', {
    summary: 'Attendance: an answer before the meeting, or the record once it is held',
    description:
      'Before the meeting a member answers for themself (present, remote/Teams, absent/forfall), the secretariat for ' +
      'anyone; reminders go only to members without an answer. Once held, the secretariat records who met, ' +
      'including a vara standing in for a named member.',
    response: MeetingDto,
    problems: [400, 403, 404, 409, 422],
  })
  async attendance(
    @IdParam('meeting') id: string,
    @Body() body: AttendanceInputDto,
    @IdempotencyKey() key: Key,
    @CurrentActor() actor: Actor,
    @CurrentPersonId() personId: string | null,
  ): Promise<MeetingDto> {
    const answer = { ...body, personId: body.personId ?? personId ?? undefined };
    return toMeetingDto(await this.meetings.attendance(id, answer, actor, key));
  }

  @EventEndpoint('meetings/:id/held', {
    summary: 'The meeting took place: attendance is now recorded, and the referat written',
    response: MeetingDto,
    problems: [403, 404, 409],
  })
  async held(@IdParam('meeting') id: string, @IdempotencyKey() key: Key, @CurrentActor() actor: Actor) {
    return toMeetingDto(await this.meetings.markHeld(id, actor, key));
  }

  @EventEndpoint('meetings/:id/approve-minutes', {
    summary: 'The referat is approved; members are told',
    response: MeetingDto,
    problems: [403, 404, 409],
  })
  async approve(@IdParam('meeting') id: string, @IdempotencyKey() key: Key, @CurrentActor() actor: Actor) {
    return toMeetingDto(await this.meetings.approveMinutes(id, actor, key));
  }

  @EventEndpoint('meetings/:id/cancel', {
    summary: 'Cancel the meeting before it is held; members who had the notice are told',
    response: MeetingDto,
    problems: [400, 403, 404, 409],
  })
  async cancel(
    @IdParam('meeting') id: string,
    @Body() body: CancelMeetingDto,
    @IdempotencyKey() key: Key,
    @CurrentActor() actor: Actor,
  ) {
    return toMeetingDto(await this.meetings.cancel(id, body.reason, actor, key));
  }
}
