import type { INestApplication } from '@nestjs/common';
import { ApiEnv, loadEnv, runMigrations } from '@samflyt/domain';
import { Redis } from 'ioredis';
import { sign, type SignOptions } from 'jsonwebtoken';
import { Client } from 'pg';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { QueueConnection } from '../../apps/api/src/engine/queue-connection';
import { advanceTimers } from './clock';
import { freshDatabase, requireEnv, uniquePrefix } from './database';

export interface Person {
  sub: string;
  name: string;
  roles: string[];
  email?: string;
}

/** The cast of the role tests: ids match `assignmentInput()`. */
export const people = {
  secretariat: { sub: 'sek-1', name: 'Sekretariatet', roles: ['secretariat'], email: 'sek@example.no' },
  assignee: { sub: 'au-leder', name: 'Kari Nordmann', roles: ['au-member'], email: 'kari@example.no' },
  other: { sub: 'kommune-5001', name: 'Ola Kommune', roles: ['au-member'], email: 'ola@example.no' },
  admin: { sub: 'admin-1', name: 'Drift', roles: ['admin'] },
} satisfies Record<string, Person>;

export type Role = keyof typeof people;

export function tokenFor(person: Person, options: SignOptions = {}, secret = requireEnv('JWT_SECRET')): string {
  const { sub, ...claims } = person;
  return sign(claims, secret, { algorithm: 'HS256', subject: sub, expiresIn: '1h', ...options });
}

export const bearer = (person: Person): Record<string, string> => ({ Authorization: `Bearer ${tokenFor(person)}` });

export function assignmentInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Utlysningstekst, søknadsskjema og kriterier',
    caseRef: '30/24',
    body: 'AU',
    assignee: { id: people.assignee.sub, name: people.assignee.name, email: people.assignee.email },
    dueAt: '2030-09-30',
    reminderOffsets: ['P7D', 'P1D'],
    ...overrides,
  };
}

/** Everything an event could write, so a test can say "nothing changed". */
export interface Fingerprint {
  instances: number;
  revisions: number;
  journal: number;
  timers: string;
  outbox: number;
  idempotency: number;
  instanceRows: string;
}

export interface ApiHarness {
  app: INestApplication;
  env: ApiEnv;
  /** supertest against the listening app: `api.http().get('/health')`. */
  http(): ReturnType<typeof request>;
  pg: Client;
  fingerprint(): Promise<Fingerprint>;
  /** Starts an assignment as the secretariat; returns its id. */
  createAssignment(overrides?: Record<string, unknown>): Promise<string>;
  /** Time passes up to `until` for the worker on this API's database and queues (support/clock.ts). */
  advanceTimers(until: Date | string): Promise<void>;
  close(): Promise<void>;
}

/** An API on a database and queue prefix of its own, for one test file. */
export async function startApi(label: string, envOverrides: Record<string, string> = {}): Promise<ApiHarness> {
  const db = await freshDatabase(label);
  await runMigrations(db.url); // a no-op when the template is already migrated
  const prefix = uniquePrefix(label);
  const env = loadEnv(ApiEnv, { ...process.env, DATABASE_URL: db.url, QUEUE_PREFIX: prefix, ...envOverrides });
  const app = await createApiApp(env, { logger: ['error'] });
  // Listening on a real port makes concurrent requests really concurrent (supertest on an
  // unbound server binds it per request).
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const http = () => request(base);

  return {
    app,
    env,
    http,
    pg,
    fingerprint: async () => {
      const { rows } = await pg.query<Fingerprint>(`SELECT
        (SELECT count(*)::int FROM workflow_instances) AS instances,
        (SELECT coalesce(sum(revision), 0)::int FROM workflow_instances) AS revisions,
        (SELECT md5(coalesce(string_agg(id || ':' || revision || ':' || state || ':' || updated_at, ',' ORDER BY id), ''))
           FROM workflow_instances) AS "instanceRows",
        (SELECT count(*)::int FROM workflow_journal) AS journal,
        (SELECT md5(coalesce(string_agg(id || ':' || status, ',' ORDER BY id), '')) FROM workflow_timers) AS timers,
        (SELECT count(*)::int FROM outbox_messages) AS outbox,
        (SELECT count(*)::int FROM idempotency_records) AS idempotency`);
      return rows[0];
    },
    createAssignment: async (overrides = {}) => {
      const res = await http()
        .post('/workflows/assignment/instances')
        .set(bearer(people.secretariat))
        .send({ input: assignmentInput(overrides) });
      if (res.status !== 201)
        throw new Error(`could not start an assignment: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    },
    advanceTimers: (until) =>
      advanceTimers(
        { query: async (sql, params) => (await pg.query(sql, params)).rows },
        app.get(QueueConnection).dispatcher.timers,
        new Date(until),
      ),
    close: async () => {
      await app.close();
      await pg.end();
      await deleteQueueKeys(env.REDIS_URL, prefix);
      await db.drop();
    },
  };
}

async function deleteQueueKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // Redis may be the one a test stopped; its keys are test data either way.
  } finally {
    redis.disconnect();
  }
}

/** A problem+json response: `status`, `type` ending, and (optionally) the fields named. */
export function expectProblem(
  res: request.Response,
  status: number,
  type?: string,
): { detail: string; errors?: { field: string; message: string }[]; [k: string]: unknown } {
  expect({ status: res.status, contentType: res.headers['content-type'] }).toEqual({
    status,
    contentType: expect.stringContaining('application/problem+json'),
  });
  const body = JSON.parse(res.text) as Record<string, unknown>;
  expect(body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  if (type) expect(body.type).toBe(type.startsWith('about:') ? type : `https://samflyt.no/problems/${type}`);
  return body as ReturnType<typeof expectProblem>;
}
