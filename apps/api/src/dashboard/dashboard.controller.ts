import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentPersonId } from '../auth/current-actor.decorator';
import { AnyOfRoles } from '../auth/roles.decorator';
import { ApiProblems } from '../problems/api-problems.decorator';
import { DeadlinePageDto, InstancePageDto, MessagePageDto, MyVoteDto } from './dashboard.dto';
import { DashboardService } from './dashboard.service';
import { intQuery, nameQuery, oneOfQuery, pageQuery, textQuery, uuidQuery } from './page-query';

const pageParams = [
  ApiQuery({ name: 'page', required: false, type: Number, description: 'From 1; default 1' }),
  ApiQuery({ name: 'pageSize', required: false, type: Number, description: '1-100; default 20' }),
];
const paged = (target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
  for (const decorate of pageParams) decorate(target, key, descriptor);
};

/** Read models for the web application: the secretariat's overview, and a member's own open votes. */
@ApiTags('dashboard')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('deadlines')
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary: 'What is due in the next days and what is overdue, across processes (secretariat)',
    description:
      'Deadlines of every process (a pending timer named `deadline`: assignments, written votes, …), processes in ' +
      'the state `overdue`, and meetings starting within the window. Overdue first, then by date.',
  })
  @ApiQuery({ name: 'days', required: false, type: Number, description: '1-366; default 30' })
  @ApiQuery({ name: 'kind', required: false, type: String, example: 'assignment' })
  @ApiQuery({ name: 'overdue', required: false, enum: ['true', 'false'] })
  @paged
  @ApiOkResponse({ type: DeadlinePageDto })
  @ApiProblems(400, 403)
  deadlines(
    @Query('days') days?: string,
    @Query('kind') kind?: string,
    @Query('overdue') overdue?: string,
    @Query('page') page?: string,
    @Query('pageSize') pageSize?: string,
  ): Promise<DeadlinePageDto> {
    return this.dashboard.deadlines(
      intQuery('days', days, 30, 1, 366),
      { kind: nameQuery('kind', kind), overdueOnly: oneOfQuery('overdue', overdue, ['true', 'false']) === 'true' },
      pageQuery(page, pageSize),
    );
  }

  @Get('messages')
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary: 'E-mails and reminders the system has sent or will send, with delivery status (secretariat)',
    description: 'Newest first. `q` searches recipient, name and subject.',
  })
  @ApiQuery({ name: 'status', required: false, enum: ['pending', 'sent', 'failed'] })
  @ApiQuery({ name: 'instanceId', required: false, type: String, format: 'uuid' })
  @ApiQuery({ name: 'q', required: false, type: String })
  @paged
  @ApiOkResponse({ type: MessagePageDto })
  @ApiProblems(400, 403)
  messages(
    @Query('status') status?: string,
    @Query('instanceId') instanceId?: string,
    @Query('q') q?: string,
    @Query('page') page?: string,
    @Query('pageSize') pageSize?: string,
  ): Promise<MessagePageDto> {
    return this.dashboard.messages(
      {
        status: oneOfQuery('status', status, ['pending', 'sent', 'failed']),
        instanceId: uuidQuery('instanceId', instanceId),
        q: textQuery('q', q),
      },
      pageQuery(page, pageSize),
    );
  }

  @Get('instances')
  @AnyOfRoles('secretariat')
  @ApiOperation({
    summary: 'Process instances, most recently changed first (secretariat)',
    description: '`q` searches the title and the case reference. Each links to GET /instances/{id}/history.',
  })
  @ApiQuery({ name: 'workflow', required: false, type: String, example: 'assignment' })
  @ApiQuery({ name: 'state', required: false, type: String, example: 'overdue' })
  @ApiQuery({ name: 'q', required: false, type: String })
  @paged
  @ApiOkResponse({ type: InstancePageDto })
  @ApiProblems(400, 403)
  instances(
    @Query('workflow') workflow?: string,
    @Query('state') state?: string,
    @Query('q') q?: string,
    @Query('page') page?: string,
    @Query('pageSize') pageSize?: string,
  ): Promise<InstancePageDto> {
    return this.dashboard.instances(
      { workflow: nameQuery('workflow', workflow), state: textQuery('state', state, 60), q: textQuery('q', q) },
      pageQuery(page, pageSize),
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
