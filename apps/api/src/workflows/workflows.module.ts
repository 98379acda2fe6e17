import { Module } from '@nestjs/common';
import { WorkflowCatalog } from './workflow-catalog';
import { WorkflowsController } from './workflows.controller';

@Module({ controllers: [WorkflowsController], providers: [WorkflowCatalog] })
export class WorkflowsModule {}
