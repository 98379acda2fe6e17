import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { ApiEnv, CommitteeService, CommitteesRepository, PersonInvitationService } from '@samflyt/domain';
import type { DataSource } from 'typeorm';
import { QueueConnection } from '../engine/queue-connection';
import { hearingLinkBases } from '../hearings/hearing-links.config';
import { CommitteesController } from './committees.controller';
import { yamlBody } from './import-body';
import { InvitationsController } from './invitations.controller';
import { PersonsController } from './persons.controller';

@Module({
  controllers: [CommitteesController, PersonsController, InvitationsController],
  providers: [
    {
      provide: CommitteeService,
      inject: [getDataSourceToken()],
      useFactory: (ds: DataSource) => new CommitteeService(new CommitteesRepository(ds), ds),
    },
    {
      provide: PersonInvitationService,
      inject: [getDataSourceToken(), QueueConnection, ApiEnv],
      useFactory: (ds: DataSource, queues: QueueConnection, env: ApiEnv) =>
        new PersonInvitationService(ds, queues, { web: hearingLinkBases(env).web, ttlDays: env.INVITATION_TTL_DAYS }),
    },
  ],
})
export class CommitteesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(yamlBody()).forRoutes({ path: 'committees/import', method: RequestMethod.POST });
  }
}
