import { Body, Controller, Get, HttpCode, HttpStatus, Logger, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DashboardRepository, MessageResendRepository } from '@samflyt/domain';
import { withTimeout, type Actor } from '@samflyt/engine';
import { CurrentActor, CurrentPersonId } from '../auth/current-actor.decorator';
import { AnyOfRoles } from '../auth/roles.decorator';
import { QueueConnection } from '../engine/queue-connection';
import { IdParam } from '../http/id-param.decorator';
import { ApiProblems } from '../problems/api-problems.decorator';
import {
  DeadlinePageDto,
  DeadlineQueryDto,
  InstancePageDto,
  InstanceQueryDto,
  MessageDto,
  MessageEventDto,
  MessagePageDto,
  MessageQueryDto,
  MyVoteDto,
  ResendMessageDto,
} from './dashboard.dto';

/** Read models for the web application: the secretariat's overview, and a member's own open votes. */
@ApiTags('dashboard')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('dashboard')
export class DashboardController {
  private readonly logger = new Logger(DashboardController.name);

  constructor(
    private readonly dashboard: DashboardRepository,
    private readonly resends: MessageResendRepository,
    private readonly queues: QueueConnection,
  ) {}

  @Get('deadlines')
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary: 'What is due in the next days and what is overdue, across processes (secretariat)',
    description:
      'Deadlines of every process (the timers each workflow declares as deadlines: an assignment’s due date, a ' +
      'written vote’s deadline, a round’s closing time, …), processes in the state `overdue`, and meetings starting ' +
      'within the window. Overdue first, then by date.',
  })
  @ApiOkResponse({ type: DeadlinePageDto })
  @ApiProblems(400, 403)
  deadlines(@Query() { days, kind, overdue, page, pageSize }: DeadlineQueryDto): Promise<DeadlinePageDto> {
    return this.dashboard.deadlines({ days, kind: kind ?? null, overdueOnly: overdue ?? false }, { page, pageSize });
  }

  @Get('messages')
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary: 'E-mails and reminders the system has sent or will send, with delivery status (secretariat)',
    description: 'Newest first. `q` searches recipient, name and subject.',
  })
  @ApiOkResponse({ type: MessagePageDto })
  @ApiProblems(400, 403)
  messages(@Query() { status, instanceId, q, page, pageSize }: MessageQueryDto): Promise<MessagePageDto> {
    return this.dashboard.messages(
      { status: status ?? null, instanceId: instanceId ?? null, q: q ?? null },
      { page, pageSize },
    );
  }

  @Post('messages/:id/resend')
  @HttpCode(HttpStatus.OK)
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary: 'Send a failed e-mail again, to a corrected address if given (secretariat)',
    description:
      'Only a `failed` message (409 otherwise). The message becomes `pending` with its retries reset, and is ' +
      'journaled with who did it, the old and the new address and why it had failed (GET …/events).',
  })
  @ApiOkResponse({ type: MessageDto })
  @ApiProblems(400, 403, 404, 409)
  async resend(
    @IdParam('message') id: string,
    @Body() body: ResendMessageDto,
    @CurrentActor() actor: Actor,
  ): Promise<MessageDto> {
    const message = await this.resends.resend(id, body.recipient, actor);
    // Committed: hand it to the queue now. The failed job still holds the id; the reconciler covers a Redis away.
    await withTimeout(this.queues.dispatcher.outbox.remove(id), 5_000, 'removing the failed job timed out')
      .then(() => this.queues.dispatch({ timers: [], messages: [id] }))
      .catch((error: unknown) => this.logger.warn(`Message ${id} waits for the reconciler: ${String(error)}`));
    return message;
  }

  @Get('messages/:id/events')
  @AnyOfRoles('secretariat')
  @ApiOperation({ summary: 'What the secretariat did about one e-mail: each resend, by whom, to which address' })
  @ApiOkResponse({ type: [MessageEventDto] })
  @ApiProblems(403, 404)
  messageEvents(@IdParam('message') id: string): Promise<MessageEventDto[]> {
    return this.resends.events(id);
  }

  @Get('instances')
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary: 'Process instances, most recently changed first (secretariat)',
    description: '`q` searches the title and the case reference. Each links to GET /instances/{id}/history.',
  })
  @ApiOkResponse({ type: InstancePageDto })
  @ApiProblems(400, 403)
  instances(@Query() { workflow, state, q, page, pageSize }: InstanceQueryDto): Promise<InstancePageDto> {
    return this.dashboard.instances(
      { workflow: workflow ?? null, state: state ?? null, q: q ?? null },
      { page, pageSize },
    );
  }

  @Get('my-votes')
  @ApiOperation({
    summary: "The caller's open votes: where they may vote, and whether they have",
    description: 'Empty for a login the register has no person for.',
  })
  @ApiOkResponse({ type: [MyVoteDto] })
  myVotes(@CurrentPersonId() personId: string | null): Promise<MyVoteDto[]> {
    return this.dashboard.myVotes(personId);
  }
}
