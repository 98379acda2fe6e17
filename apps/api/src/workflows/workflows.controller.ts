import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../problems/api-problems.decorator';
import { WorkflowCatalog } from './workflow-catalog';
import { WorkflowDto } from './workflow.dto';

@ApiTags('workflows')
@ApiBearerAuth()
@Controller('workflows')
export class WorkflowsController {
  constructor(private readonly catalog: WorkflowCatalog) {}

  @Get()
  @ApiOperation({ summary: 'The registered workflows: versions, states, events and their payload schemas' })
  @ApiOkResponse({ type: [WorkflowDto] })
  @ApiProblems(401)
  list(): WorkflowDto[] {
    return this.catalog.list();
  }
}
