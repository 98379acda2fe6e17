import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { InhabilService, VoteService } from '@samflyt/domain';
import { WorkflowEngine } from '@samflyt/engine';
import type { DataSource } from 'typeorm';
import { VotesController } from './votes.controller';

@Module({
  controllers: [VotesController],
  providers: [
    {
      provide: VoteService,
      inject: [getDataSourceToken(), WorkflowEngine],
      useFactory: (dataSource: DataSource, engine: WorkflowEngine) => new VoteService(dataSource, engine),
    },
    {
      provide: InhabilService,
      inject: [getDataSourceToken()],
      useFactory: (dataSource: DataSource) => new InhabilService(dataSource),
    },
  ],
})
export class VotesModule {}
