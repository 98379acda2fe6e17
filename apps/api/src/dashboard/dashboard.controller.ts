import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DashboardRepository } from '@samflyt/domain';
import { CurrentPersonId } from '../auth/current-actor.decorator';
import { AnyOfRoles } from '../auth/roles.decorator';
import { ApiProblems } from '../problems/api-problems.decorator';
import {
  DeadlinePageDto,
  DeadlineQueryDto,
  InstancePageDto,
  InstanceQueryDto,
  MessagePageDto,
  MessageQueryDto,
  MyVoteDto,
} from './dashboard.dto';

/** Read models for the web application: the secretariat's overview, and a member's own open votes. */
@ApiTags('dashboard')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardRepository) {}

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
