import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { CommitteeService, CommitteesRepository } from '@samflyt/domain';
import type { DataSource } from 'typeorm';
import { CommitteesController } from './committees.controller';
import { yamlBody } from './import-body';
import { PersonsController } from './persons.controller';

@Module({
  controllers: [CommitteesController, PersonsController],
  providers: [
    {
      provide: CommitteeService,
      inject: [getDataSourceToken()],
      useFactory: (ds: DataSource) => new CommitteeService(new CommitteesRepository(ds), ds),
    },
  ],
})
export class CommitteesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(yamlBody()).forRoutes({ path: 'committees/import', method: RequestMethod.POST });
  }
}
