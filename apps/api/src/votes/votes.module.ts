import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { InhabilService, VoteService, VotesRepository } from '@samflyt/domain';
import { WorkflowEngine } from '@samflyt/engine';
import type { DataSource } from 'typeorm';
import { VotesController } from './votes.controller';

const db = getDataSourceToken();

@Module({
  controllers: [VotesController],
  providers: [
    { provide: VotesRepository, inject: [db], useFactory: (ds: DataSource) => new VotesRepository(ds) },
    {
      provide: VoteService,
      inject: [VotesRepository, WorkflowEngine],
      useFactory: (repo: VotesRepository, engine: WorkflowEngine) => new VoteService(repo, engine),
    },
    {
      provide: InhabilService,
      inject: [VotesRepository, db],
      useFactory: (repo: VotesRepository, ds: DataSource) => new InhabilService(repo, ds),
    },
  ],
})
export class VotesModule {}
