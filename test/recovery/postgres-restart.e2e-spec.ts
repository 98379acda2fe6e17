import type { INestApplication } from '@nestjs/common';
import { ApiEnv, loadEnv, runMigrations } from '@samflyt/domain';
import { Client } from 'pg';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { assignmentInput, bearer, people } from '../support/api';
import { uniquePrefix } from '../support/database';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres';
import { pollUntil, sleep } from '../support/wait';
import { killAllWorkers, startWorker, type WorkerProcess } from '../support/worker-process';

const LANES = 6;
/** No answer, of any kind, may take longer than this while the database is away. */
const ANSWER_BOUND_MS = 7_000;
const OUTAGE_MS = 8_000;

interface Answer {
  status: number;
  ms: number;
  contentType: string;
  retryAfter?: string;
  type?: string;
}

describe('PostgreSQL restarting under load', () => {
  let pg: OwnPostgres;
  let app: INestApplication;
  let worker: WorkerProcess;
  let db: Client;
  let base: string;

  beforeAll(async () => {
    pg = await startOwnPostgres('pg-restart');
    await runMigrations(pg.url);
    const prefix = uniquePrefix('pg-restart');
    const env = loadEnv(ApiEnv, { ...process.env, DATABASE_URL: pg.url, QUEUE_PREFIX: prefix });
    app = await createApiApp(env, { logger: ['error'] });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    worker = await startWorker({
      DATABASE_URL: pg.url,
      REDIS_URL: env.REDIS_URL,
      QUEUE_PREFIX: prefix,
      RECONCILE_INTERVAL_MS: '1000',
    });
  });

  afterAll(async () => {
    await db?.end().catch(() => undefined);
    await killAllWorkers();
    await app?.close();
    await pg?.destroy();
  });

  it('answers 503 problem+json with Retry-After while it is away, recovers by itself, and loses or doubles no event', async () => {
    const answers: Answer[] = [];
    const accepted = new Map<string, string>(); // Idempotency-Key → instance id
    let load = true;
    const send = async (key: string): Promise<void> => {
      for (;;) {
        const started = Date.now();
        const res = await request(base)
          .post('/workflows/assignment/instances')
          .set(bearer(people.secretariat))
          .set('Idempotency-Key', key)
          .timeout(ANSWER_BOUND_MS * 2)
          .send({ input: assignmentInput({ dueAt: new Date(Date.now() + 6_000).toISOString(), reminderOffsets: [] }) });
        answers.push({
          status: res.status,
          ms: Date.now() - started,
          contentType: String(res.headers['content-type']),
          retryAfter: res.headers['retry-after'] as string | undefined,
          type: (res.body as { type?: string }).type,
        });
        if (res.status === 201) {
          accepted.set(key, (res.body as { id: string }).id);
          return;
        }
        if (res.status !== 503) throw new Error(`unexpected ${res.status}: ${res.text}`);
        await sleep(200); // a client honouring Retry-After would wait longer; shorter here to press the API
      }
    };
    const lanes = Array.from({ length: LANES }, async (_, lane) => {
      for (let n = 0; load; n++) await send(`restart-${lane}-${n}`);
    });

    await sleep(2_000);
    const beforeOutage = accepted.size;
    await pg.stop();
    const outageStarted = Date.now();
    await sleep(1_000);
    const read = await request(base)
      .get(`/instances/${[...accepted.values()][0]}`)
      .set(bearer(people.secretariat));
    expect({
      status: read.status,
      type: read.headers['content-type'],
      retryAfter: read.headers['retry-after'],
    }).toEqual({
      status: 503,
      type: expect.stringContaining('application/problem+json'),
      retryAfter: '5',
    });
    await sleep(OUTAGE_MS - (Date.now() - outageStarted));
    const duringOutage = answers.filter((a) => a.status === 503).length;
    await pg.start();
    await sleep(4_000);
    load = false;
    await Promise.all(lanes);

    // While it was away: 503s, each a problem with Retry-After, none slower than the bound; nothing else.
    expect(duringOutage).toBeGreaterThan(0);
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201, 503]));
    for (const a of answers.filter((x) => x.status === 503)) {
      expect(a).toMatchObject({
        contentType: expect.stringContaining('application/problem+json'),
        retryAfter: '5',
        type: 'https://samflyt.no/problems/service-unavailable',
      });
    }
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(ANSWER_BOUND_MS);
    // It recovered by itself: requests were accepted after the restart, with no restart of the API.
    expect(accepted.size).toBeGreaterThan(beforeOutage);
    expect((await request(base).get('/health')).status).toBe(200);

    // No event lost or applied twice: one instance, one creating journal row and one idempotency record per key.
    db = new Client({ connectionString: pg.url });
    await db.connect();
    const ids = [...accepted.values()];
    expect(new Set(ids).size).toBe(accepted.size);
    const { rows } = await db.query<{ instances: number; journal: number; keys: number }>(`SELECT
        (SELECT count(*)::int FROM workflow_instances) AS instances,
        (SELECT count(*)::int FROM workflow_journal WHERE from_state IS NULL) AS journal,
        (SELECT count(*)::int FROM idempotency_records) AS keys`);
    expect(rows[0]).toEqual({ instances: accepted.size, journal: accepted.size, keys: accepted.size });

    // The worker resumed: every deadline fires once and every e-mail goes out (new assignment, two overdue notices).
    await pollUntil(
      'every deadline fired and every e-mail sent',
      async () =>
        (
          await db.query<{ timers: number; fired: number; unsent: number }>(`SELECT
            (SELECT count(*)::int FROM workflow_timers) AS timers,
            (SELECT count(*)::int FROM workflow_timers WHERE status = 'fired') AS fired,
            (SELECT count(*)::int FROM outbox_messages WHERE status <> 'sent') AS unsent`)
        ).rows[0],
      (c) => c.fired === accepted.size && c.unsent === 0,
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    const { rows: deadlines } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM workflow_journal WHERE event_type = 'deadline.passed' GROUP BY instance_id`,
    );
    expect(deadlines).toHaveLength(accepted.size);
    expect(deadlines.every((d) => d.n === 1)).toBe(true);
    const { rows: mails } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages`);
    expect(mails[0].n).toBe(3 * accepted.size);
    expect(worker.output()).not.toMatch(/worker exited|FATAL/);
    process.stdout.write(
      `postgres restart: ${answers.length} answers, ${answers.filter((a) => a.status === 503).length} of them 503, ` +
        `${accepted.size} accepted, slowest ${Math.max(...answers.map((a) => a.ms))} ms\n`,
    );
  });
});
