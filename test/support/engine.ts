import { DataSource } from 'typeorm';
import { dataSourceOptions, createRegistry } from '@samflyt/domain';
import { WorkflowEngine, WorkflowRegistry, type Actor, type Dispatcher } from '@samflyt/engine';
import { freshDatabase } from './database';

export const secretariat: Actor = {
  id: 'sek-1',
  name: 'Sekretariatet',
  roles: ['secretariat'],
  email: 'sekretariat@helsefellesskap.test',
};

export const assignee = { id: 'au-leder', name: 'Kari Nordmann', email: 'kari.nordmann@malvik.test' };

export const assigneeActor: Actor = { id: assignee.id, name: assignee.name, roles: ['au-member'] };

export const outsider: Actor = { id: 'other', name: 'Ola Utenfor', roles: ['asu-member'] };

/** An assignment due `dueInMs` from now, with the given reminder offsets. */
export const assignmentInput = (dueInMs: number, reminderOffsets: string[] = []) => ({
  title: 'Utarbeide utlysningstekst, søknadsskjema og kriterier',
  caseRef: '30/24',
  body: 'Utvidet AU',
  assignee,
  dueAt: new Date(Date.now() + dueInMs).toISOString(),
  reminderOffsets,
});

export interface EngineHarness {
  engine: WorkflowEngine;
  dataSource: DataSource;
  url: string;
  count(table: string, where?: string, params?: unknown[]): Promise<number>;
  close(): Promise<void>;
}

/** A WorkflowEngine on a fresh database of its own. */
export async function engineHarness(
  label: string,
  options: { registry?: WorkflowRegistry; dispatcher?: Dispatcher | null } = {},
): Promise<EngineHarness> {
  const db = await freshDatabase(label);
  const dataSource = new DataSource(dataSourceOptions(db.url, 40));
  await dataSource.initialize();
  const engine = new WorkflowEngine(dataSource, options.registry ?? createRegistry(), options.dispatcher ?? null);
  return {
    engine,
    dataSource,
    url: db.url,
    count: async (table, where = 'true', params = []) => {
      const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
      return row.n as number;
    },
    close: async () => {
      await dataSource.destroy();
      await db.drop();
    },
  };
}
