import { DataSource, DataSourceOptions } from 'typeorm';
import { CommitteeEntity, MembershipEntity, OrganisationEntity, PersonEntity } from './committees';
import {
  IdempotencyRecordEntity,
  JournalEntryEntity,
  OutboxMessageEntity,
  TimerEntity,
  WorkflowInstanceEntity,
} from './engine';
import { Engine1732370000000 } from './migrations/1732370000000-engine';
import { Committees1732380000000 } from './migrations/1732380000000-committees';
import { Meetings1732400000000 } from './migrations/1732400000000-meetings';
import { Votes1732410000000 } from './migrations/1732410000000-votes';
import { Grants1732420000000 } from './migrations/1732420000000-grants';
import { Hearings1732430000000 } from './migrations/1732430000000-hearings';
// The entity files, not './votes': its services import the workflows lib, which migrations do not need.
import { BallotEntity } from './votes/ballot.entity';
import { InhabilDeclarationEntity } from './votes/inhabil-declaration.entity';
import { VoteEntity } from './votes/vote.entity';
// Likewise the meetings entity files, not './meetings' with its services.
import {
  CaseAssignmentEntity,
  CaseEntity,
  CaseInputEntity,
  CaseMeetingEntity,
  CaseNumberEntity,
} from './meetings/case.entity';
import { AgendaItemEntity, AttendanceEntity, MeetingEntity } from './meetings/meeting.entity';

export const entities = [
  WorkflowInstanceEntity,
  JournalEntryEntity,
  TimerEntity,
  OutboxMessageEntity,
  IdempotencyRecordEntity,
  OrganisationEntity,
  PersonEntity,
  CommitteeEntity,
  MembershipEntity,
  MeetingEntity,
  AgendaItemEntity,
  AttendanceEntity,
  CaseEntity,
  CaseMeetingEntity,
  CaseInputEntity,
  CaseNumberEntity,
  CaseAssignmentEntity,
  InhabilDeclarationEntity,
  VoteEntity,
  BallotEntity,
];

export const migrations = [
  Engine1732370000000,
  Committees1732380000000,
  Meetings1732400000000,
  Votes1732410000000,
  Grants1732420000000,
  Hearings1732430000000,
];

export function dataSourceOptions(url: string, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTransactionMode: 'all',
    synchronize: false,
    extra: { max: poolSize },
  };
}

/** Runs pending migrations; returns the names of those applied. */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations();
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
