import { Body, Controller, Get, HttpStatus, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { WorkflowEngine, type Actor } from '@samflyt/engine';
import type { Response } from 'express';
import { CurrentActor } from '../auth/current-actor.decorator';
import { EventEndpoint } from '../http/event-endpoint.decorator';
import { IdempotencyKey } from '../http/idempotency-key.decorator';
import { etagOf, ifNoneMatchHits } from '../http/request-headers';
import { IfMatchRevision, IfNoneMatch } from '../http/revision-headers.decorator';
import { ApiProblems } from '../problems/api-problems.decorator';
import {
  InstanceDto,
  JournalEntryDto,
  SendEventDto,
  StartInstanceDto,
  sendEventBody,
  toInstanceDto,
  toJournalEntryDto,
} from './instance.dto';

const etagHeader = { ETag: { description: 'The revision, quoted: `"3"`', schema: { type: 'string' } } };
/**
 * Not `@IdParam`: this generic API answers an unknown or malformed id with the engine's own 404 `instance-not-found`,
 * which its clients know.
 */
const idParam = ApiParam({ name: 'id', format: 'uuid', description: 'Instance id (anything else is 404)' });

@ApiTags('instances')
@ApiBearerAuth()
@ApiProblems(401)
@Controller()
export class InstancesController {
  constructor(private readonly engine: WorkflowEngine) {}

  @Post('workflows/:name/instances')
  @ApiOperation({ summary: 'Start an instance of a workflow on its latest version' })
  @ApiParam({ name: 'name', example: 'assignment' })
  @ApiCreatedResponse({
    type: InstanceDto,
    headers: { ...etagHeader, Location: { description: '`/instances/{id}`', schema: { type: 'string' } } },
  })
  @ApiProblems(400, 403, 404, 413, 415, 422)
  async start(
    @Param('name') name: string,
    @Body() body: StartInstanceDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<InstanceDto> {
    const view = await this.engine.start(name, body.input, actor, { idempotencyKey });
    res.setHeader('Location', `/instances/${view.id}`);
    res.setHeader('ETag', etagOf(view.revision));
    return toInstanceDto(view);
  }

  @Get('instances/:id')
  @ApiOperation({ summary: 'An instance: state, context, revision, the events the caller may send, timers' })
  @idParam
  @ApiOkResponse({ type: InstanceDto, headers: etagHeader })
  @ApiNotModifiedResponse({ description: 'The revision in If-None-Match is current' })
  @ApiProblems(403, 404)
  async get(
    @Param('id') id: string,
    @IfNoneMatch() ifNoneMatch: string | undefined,
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

  @EventEndpoint('instances/:id/events', {
    summary: 'Send an event to an instance',
    description:
      "The body is `{ type, ...payload }`; each event's payload schema is in GET /workflows. Concurrent events " +
      'on one instance are applied one at a time; on any error nothing is written.',
    response: InstanceDto,
    headers: etagHeader,
    problems: [400, 403, 404, 409, 412, 413, 415, 422],
  })
  @idParam
  @ApiBody({
    schema: sendEventBody,
    examples: { delivered: { value: { type: 'assignment.delivered', note: 'Vedlagt.' } } },
  })
  async send(
    @Param('id') id: string,
    @Body() event: SendEventDto,
    @IdempotencyKey({ required: true }) idempotencyKey: string,
    @IfMatchRevision() expectedRevision: number | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<InstanceDto> {
    const view = await this.engine.send(id, event, actor, { idempotencyKey, expectedRevision });
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
