import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { WorkflowEngine, type Actor, type WorkflowEvent } from '@samflyt/engine';
import type { Response } from 'express';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiProblems } from '../problems/api-problems.decorator';
import { EventBodyPipe } from './event-body.pipe';
import {
  InstanceDto,
  JournalEntryDto,
  StartInstanceDto,
  sendEventSchema,
  toInstanceDto,
  toJournalEntryDto,
} from './instance.dto';
import { etagOf, ifNoneMatchHits, parseIdempotencyKey, parseIfMatch } from '../http/request-headers';

const etagHeader = { ETag: { description: 'The revision, quoted: `"3"`', schema: { type: 'string' } } };
const idParam = ApiParam({ name: 'id', format: 'uuid', description: 'Instance id (anything else is 404)' });
const idempotencyKeyDoc =
  'A unique key per intended change (1-200 printable ASCII). A retry with the same key and body gets the first ' +
  'answer and changes nothing; the same key with another body is 422.';

@ApiTags('instances')
@ApiBearerAuth()
@ApiProblems(401)
@Controller()
export class InstancesController {
  constructor(private readonly engine: WorkflowEngine) {}

  @Post('workflows/:name/instances')
  @ApiOperation({ summary: 'Start an instance of a workflow on its latest version' })
  @ApiParam({ name: 'name', example: 'assignment' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: idempotencyKeyDoc })
  @ApiCreatedResponse({
    type: InstanceDto,
    headers: { ...etagHeader, Location: { description: '`/instances/{id}`', schema: { type: 'string' } } },
  })
  @ApiProblems(400, 403, 404, 413, 415, 422)
  async start(
    @Param('name') name: string,
    @Body() body: StartInstanceDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<InstanceDto> {
    const key = parseIdempotencyKey(idempotencyKey, false);
    const view = await this.engine.start(name, body.input, actor, { idempotencyKey: key });
    res.setHeader('Location', `/instances/${view.id}`);
    res.setHeader('ETag', etagOf(view.revision));
    return toInstanceDto(view);
  }

  @Get('instances/:id')
  @ApiOperation({ summary: 'An instance: state, context, revision, the events the caller may send, timers' })
  @idParam
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag from before: 304 if unchanged' })
  @ApiOkResponse({ type: InstanceDto, headers: etagHeader })
  @ApiNotModifiedResponse({ description: 'The revision in If-None-Match is current' })
  @ApiProblems(403, 404)
  async get(
    @Param('id') id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<InstanceDto | undefined> {
    const view = await this.engine.view(id, actor);
    res.setHeader('ETag', etagOf(view.revision));
    if (ifNoneMatchHits(ifNoneMatch, view.revision)) {
      res.status(HttpStatus.NOT_MODIFIED);
      return undefined;
    }
    return toInstanceDto(view);
  }

  @Post('instances/:id/events')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Send an event to an instance',
    description:
      "The body is `{ type, ...payload }`; each event's payload schema is in GET /workflows. Concurrent events " +
      'on one instance are applied one at a time; on any error nothing is written.',
  })
  @idParam
  @ApiBody({
    schema: sendEventSchema,
    examples: { delivered: { value: { type: 'assignment.delivered', note: 'Vedlagt.' } } },
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: idempotencyKeyDoc })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The revision you read (`"3"`); 412 if it moved on' })
  @ApiOkResponse({ type: InstanceDto, headers: etagHeader })
  @ApiProblems(400, 403, 404, 409, 412, 413, 415, 422)
  async send(
    @Param('id') id: string,
    @Body(EventBodyPipe) event: WorkflowEvent,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<InstanceDto> {
    const key = parseIdempotencyKey(idempotencyKey, true);
    const expectedRevision = parseIfMatch(ifMatch);
    const view = await this.engine.send(id, event, actor, { idempotencyKey: key, expectedRevision });
    res.setHeader('ETag', etagOf(view.revision));
    return toInstanceDto(view);
  }

  @Get('instances/:id/history')
  @ApiOperation({ summary: 'The journal: every accepted event, who sent it, when, from and to which state' })
  @idParam
  @ApiOkResponse({ type: [JournalEntryDto] })
  @ApiProblems(403, 404)
  async history(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<JournalEntryDto[]> {
    return (await this.engine.history(id, actor)).map(toJournalEntryDto);
  }
}
