import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Put, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { AgendaService, MeetingService } from '@samflyt/domain';
import type { Actor } from '@samflyt/engine';
import type { Response } from 'express';
import { CurrentActor, CurrentPersonId } from '../auth/current-actor.decorator';
import { parseIdempotencyKey } from '../http/request-headers';
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

const idParam = ApiParam({ name: 'id', format: 'uuid', description: 'Meeting id' });
const codeParam = ApiParam({ name: 'code', example: 'ASU' });
const idempotencyKey = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'A retry with the same key and body gets the first answer and changes nothing',
});

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
  @idempotencyKey
  @ApiCreatedResponse({ type: MeetingDto })
  @ApiProblems(400, 403, 404, 422)
  async create(
    @Param('code') code: string,
    @Body() body: CreateMeetingDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeetingDto> {
    const view = await this.meetings.create(code, body, actor, parseIdempotencyKey(key, false));
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
  @idParam
  @ApiOkResponse({ type: MeetingDto })
  @ApiProblems(403, 404)
  async get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<MeetingDto> {
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
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: MeetingDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async replaceAgenda(
    @Param('id') id: string,
    @Body() body: ReplaceAgendaDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<MeetingDto> {
    await this.agenda.replace(id, body.items, actor, parseIdempotencyKey(key, false));
    return toMeetingDto(await this.meetings.get(id, actor));
  }

  @Post('meetings/:id/publish')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'The sakliste is ready: the notice (innkalling) goes out noticeDays before the meeting' })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: MeetingDto })
  @ApiProblems(403, 404, 409)
  publish(@Param('id') id: string, @Headers('idempotency-key') key: string | undefined, @CurrentActor() actor: Actor) {
    return this.event(id, { type: 'agenda.published' }, key, actor);
  }

  @Post('meetings/:id/attendance')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Attendance: an answer before the meeting, or the record once it is held',
    description:
      'Before the meeting a member answers for themself (present, remote/Teams, absent/forfall), the secretariat for ' +
      'anyone; reminders go only to members without an answer. Once held, the secretariat records who met, ' +
      'including a vara standing in for a named member.',
  })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: MeetingDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async attendance(
    @Param('id') id: string,
    @Body() body: AttendanceInputDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentActor() actor: Actor,
    @CurrentPersonId() personId: string | null,
  ): Promise<MeetingDto> {
    const answer = { ...body, personId: body.personId ?? personId ?? undefined };
    return toMeetingDto(await this.meetings.attendance(id, answer, actor, parseIdempotencyKey(key, false)));
  }

  @Post('meetings/:id/held')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'The meeting took place: attendance is now recorded, and the referat written' })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: MeetingDto })
  @ApiProblems(403, 404, 409)
  held(@Param('id') id: string, @Headers('idempotency-key') key: string | undefined, @CurrentActor() actor: Actor) {
    return this.event(id, { type: 'meeting.held' }, key, actor);
  }

  @Post('meetings/:id/approve-minutes')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'The referat is approved; members are told' })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: MeetingDto })
  @ApiProblems(403, 404, 409)
  approve(@Param('id') id: string, @Headers('idempotency-key') key: string | undefined, @CurrentActor() actor: Actor) {
    return this.event(id, { type: 'minutes.approved' }, key, actor);
  }

  @Post('meetings/:id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Cancel the meeting before it is held; members who had the notice are told' })
  @idParam
  @idempotencyKey
  @ApiOkResponse({ type: MeetingDto })
  @ApiProblems(400, 403, 404, 409)
  cancel(
    @Param('id') id: string,
    @Body() body: CancelMeetingDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentActor() actor: Actor,
  ) {
    return this.event(id, { type: 'meeting.cancelled', reason: body.reason }, key, actor);
  }

  private async event(
    id: string,
    event: { type: string; [k: string]: unknown },
    key: string | undefined,
    actor: Actor,
  ) {
    return toMeetingDto(await this.meetings.send(id, event, actor, parseIdempotencyKey(key, false)));
  }
}
