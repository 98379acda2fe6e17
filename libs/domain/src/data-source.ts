import {
  Engine1732370000000,
  EngineCorrelation1732460000000,
  EngineReadModel1732440000000,
  OutboxRecovery1732460000100,
} from '@samflyt/engine';
import { DataSource, DataSourceOptions } from 'typeorm';
import { Committees1732380000000 } from './committees/committees.migration';
import { PersonIdentities1732450000001 } from './committees/person-identities.migration';
import { PersonInvitations1732450000400 } from './committees/person-invitations.migration';
import { ReadModelBackfill1732440000001 } from './dashboard/read-model-backfill.migration';
import { Grants1732420000000 } from './grants/grants.migration';
import { HearingLinksAndConsent1732450000300 } from './hearings/hearing-links.migration';
import { Hearings1732430000000 } from './hearings/hearings.migration';
import { Letters1732460000200 } from './letters/letters.migration';
import { Meetings1732400000000 } from './meetings/meetings.migration';
import { AttachmentExpiry1732450000000 } from './uploads.migration';
import { Votes1732410000000 } from './votes/votes.migration';

/**
 * The schema is its migrations: every table is created and changed by one, beside the feature that owns it (the
 * engine's in libs/engine). Queries are SQL in repositories and projections; no TypeORM entities are declared.
 */
export const migrations = [
  Engine1732370000000,
  Committees1732380000000,
  Meetings1732400000000,
  Votes1732410000000,
  Grants1732420000000,
  Hearings1732430000000,
  EngineReadModel1732440000000,
  ReadModelBackfill1732440000001,
  AttachmentExpiry1732450000000,
  PersonIdentities1732450000001,
  HearingLinksAndConsent1732450000300,
  PersonInvitations1732450000400,
  EngineCorrelation1732460000000,
  OutboxRecovery1732460000100,
  Letters1732460000200,
];

export function dataSourceOptions(url: string, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [],
    migrations,
    migrationsTransactionMode: 'all',
    synchronize: false,
    // A connection that cannot be had within 5 s fails (the API answers 503) instead of hanging the request.
    extra: { max: poolSize, connectionTimeoutMillis: 5_000 },
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
