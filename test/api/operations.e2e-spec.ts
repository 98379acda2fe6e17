import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { verify, type JwtPayload } from 'jsonwebtoken';
import { bearer, expectProblem, people, startApi, tokenFor, type ApiHarness } from '../support/api';
import { freePort } from '../../scripts/lib/process-utils';
import { requireEnv } from '../support/database';

const root = join(__dirname, '..', '..');
const dist = (path: string) => {
  const file = join(root, 'dist', path);
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first (npm test does)`);
  return file;
};

describe('API operations: health, catalog, docs, metrics, queue board', () => {
  let api: ApiHarness;
  const admin = bearer(people.admin);
  const sek = bearer(people.secretariat);

  beforeAll(async () => {
    api = await startApi('api-ops');
  });
  afterAll(() => api?.close());

  it('GET /health reports database and Redis up', async () => {
    const res = await api.http().get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('GET /workflows describes the assignment machine: states, events, schemas', async () => {
    const res = await api.http().get('/workflows').set(bearer(people.other)).expect(200);
    const [assignment] = res.body;
    expect(assignment).toMatchObject({
      name: 'assignment',
      version: 1,
      latest: true,
      title: expect.any(String),
      initialState: 'assigned',
      states: ['assigned', 'overdue', 'delivered', 'accepted', 'cancelled'],
      finalStates: ['accepted', 'cancelled'],
    });
    const events = Object.fromEntries(assignment.events.map((e: { type: string }) => [e.type, e]));
    expect(Object.keys(events).sort()).toEqual([
      'assignment.accepted',
      'assignment.cancelled',
      'assignment.delivered',
      'assignment.rescheduled',
      'assignment.returned',
      'deadline.passed',
      'reminder.due',
    ]);
    expect(events['deadline.passed'].systemOnly).toBe(true);
    expect(events['assignment.delivered']).toMatchObject({
      systemOnly: false,
      description: expect.stringContaining('deliver'),
      payloadSchema: { type: 'object', required: ['note'], additionalProperties: false },
    });
    expect(events['assignment.rescheduled'].payloadSchema.properties.dueAt.type).toBe('string');
    expect(assignment.inputSchema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['title', 'assignee', 'dueAt']),
    });
  });

  it('GET /docs-json documents every endpoint, bearer auth and the problem responses', async () => {
    const { body: doc } = await api.http().get('/docs-json').expect(200);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/archive/export',
      '/cases/{id}',
      '/cases/{id}/decide',
      '/cases/{id}/inhabil',
      '/cases/{id}/inputs',
      '/cases/{id}/minutes',
      '/cases/{id}/postpone',
      '/cases/{id}/schedule',
      '/cases/{id}/votes',
      '/cases/{id}/withdraw',
      '/committees',
      '/committees/import',
      '/committees/{code}',
      '/committees/{code}/cases',
      '/committees/{code}/meetings',
      '/dashboard/deadlines',
      '/dashboard/instances',
      '/dashboard/messages',
      '/dashboard/messages/{id}/events',
      '/dashboard/messages/{id}/resend',
      '/dashboard/my-votes',
      '/grant-applications',
      '/grant-applications/{id}',
      '/grant-applications/{id}/appeal',
      '/grant-applications/{id}/appeal/case',
      '/grant-applications/{id}/appeal/decision',
      '/grant-applications/{id}/attachments/{attachmentId}',
      '/grant-applications/{id}/attachments/{field}',
      '/grant-applications/{id}/formal-check',
      '/grant-applications/{id}/history',
      '/grant-applications/{id}/information',
      '/grant-applications/{id}/letters',
      '/grant-applications/{id}/reports',
      '/grant-applications/{id}/reports/{key}',
      '/grant-applications/{id}/reports/{key}/accept',
      '/grant-applications/{id}/submit',
      '/grant-applications/{id}/withdraw',
      '/grant-rounds',
      '/grant-rounds/{id}',
      '/grant-rounds/{id}/adjustments',
      '/grant-rounds/{id}/applications',
      '/grant-rounds/{id}/approve',
      '/grant-rounds/{id}/cancel',
      '/grant-rounds/{id}/close-scoring',
      '/grant-rounds/{id}/complete',
      '/grant-rounds/{id}/decision',
      '/grant-rounds/{id}/export.csv',
      '/grant-rounds/{id}/follow-up',
      '/grant-rounds/{id}/innstilling',
      '/grant-rounds/{id}/innstilling.md',
      '/grant-rounds/{id}/innstilling.pdf',
      '/grant-rounds/{id}/letter-templates',
      '/grant-rounds/{id}/letter-templates/{kind}',
      '/grant-rounds/{id}/letter-templates/{kind}/preview',
      '/grant-rounds/{id}/open',
      '/grant-rounds/{id}/recusals',
      '/grant-rounds/{id}/review',
      '/grant-rounds/{id}/scores',
      '/health',
      '/health/live',
      '/health/ready',
      '/hearings',
      '/hearings/{id}',
      '/hearings/{id}/answers',
      '/hearings/{id}/answers/{answerId}/release',
      '/hearings/{id}/answers/{answerId}/versions',
      '/hearings/{id}/answers/{answerId}/withhold',
      '/hearings/{id}/attachments',
      '/hearings/{id}/attachments/{attachmentId}',
      '/hearings/{id}/conclude',
      '/hearings/{id}/late-answers',
      '/hearings/{id}/present',
      '/hearings/{id}/recipients/{organisationId}/extension',
      '/hearings/{id}/recipients/{organisationId}/link',
      '/hearings/{id}/send',
      '/hearings/{id}/summary',
      '/hearings/{id}/summary.csv',
      '/hearings/{id}/summary.md',
      '/hearings/{id}/summary.pdf',
      '/hearings/{id}/summary/start',
      '/hearings/{id}/summary/texts/{questionId}',
      '/hearings/{id}/withdraw',
      '/instances/{id}',
      '/instances/{id}/events',
      '/instances/{id}/history',
      '/instances/{id}/letters',
      '/invitations/accept',
      '/letters/{id}',
      '/letters/{id}/pdf',
      '/meetings/{id}',
      '/meetings/{id}/agenda',
      '/meetings/{id}/approve-minutes',
      '/meetings/{id}/attendance',
      '/meetings/{id}/cancel',
      '/meetings/{id}/held',
      '/meetings/{id}/minutes.md',
      '/meetings/{id}/minutes.pdf',
      '/meetings/{id}/publish',
      '/metrics',
      '/organisations',
      '/organisations/{id}/contacts',
      '/organisations/{id}/contacts/{contactId}',
      '/persons/me',
      '/persons/{id}/identities',
      '/persons/{id}/invitations',
      '/public/hearings',
      '/public/hearings/{id}',
      '/public/hearings/{id}/attachments/{attachmentId}',
      '/respond',
      '/respond/answer',
      '/respond/answers/{answerId}',
      '/respond/answers/{answerId}/confirm-signature',
      '/respond/answers/{answerId}/versions',
      '/respond/answers/{answerId}/withdraw-signature',
      '/respond/attachments',
      '/respond/attachments/{attachmentId}',
      '/votes/{id}',
      '/votes/{id}/ballots',
      '/votes/{id}/cancel',
      '/votes/{id}/close',
      '/votes/{id}/decide-case',
      '/workflows',
      '/workflows/{name}/instances',
    ]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const events = doc.paths['/instances/{id}/events'].post;
    expect(Object.keys(events.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '409',
      '412',
      '413',
      '415',
      '422',
      '500',
    ]);
    expect(events.responses['409'].content['application/problem+json'].schema.$ref).toBe(
      '#/components/schemas/ProblemDto',
    );
    expect(events.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['id', 'Idempotency-Key', 'If-Match']),
    );
    expect(events.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/health'].get.security).toBeUndefined();
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['InstanceDto', 'JournalEntryDto', 'WorkflowDto', 'ProblemDto', 'StartInstanceDto']),
    );
    expect(events.requestBody.content['application/json'].schema).toMatchObject({
      required: ['type'],
      additionalProperties: true,
    });
    const ui = await api.http().get('/docs/').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('GET /metrics counts applied events and reads outbox, timers and queues', async () => {
    const id = await api.createAssignment();
    await api
      .http()
      .post(`/instances/${id}/events`)
      .set(sek)
      .set('Idempotency-Key', 'm1')
      .send({ type: 'assignment.delivered', note: 'Levert' })
      .expect(200);
    const res = await api.http().get('/metrics').set(admin).expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const value = (line: string) =>
      Number(
        res.text
          .split('\n')
          .find((l) => l.startsWith(`${line} `))
          ?.split(' ')[1],
      );
    expect(value('samflyt_events_applied_total{workflow="assignment",event="workflow.started"}')).toBe(1);
    expect(value('samflyt_events_applied_total{workflow="assignment",event="assignment.delivered"}')).toBe(1);
    // Start: notice to the assignee; delivery: notice to the owner.
    expect(value('samflyt_outbox_messages{status="pending"}')).toBe(2);
    expect(value('samflyt_outbox_messages{status="failed"}')).toBe(0);
    expect(value('samflyt_timers{status="cancelled"}')).toBe(3);
    expect(value('samflyt_timers{status="pending"}')).toBe(0);
    expect(value('samflyt_timer_lag_seconds_max')).toBe(0);
    expect(value('samflyt_queue_jobs{queue="samflyt-outbox",state="waiting"}')).toBe(2);
    expect(value('samflyt_queue_jobs{queue="samflyt-timers",state="delayed"}')).toBe(0);
    expect(res.text).toContain('process_resident_memory_bytes');
  });

  describe('queue board at /admin/queues', () => {
    it('serves the board and its API to an admin bearer token', async () => {
      const page = await api.http().get('/admin/queues').set(bearer(people.admin)).expect(200);
      expect(page.text).toContain('<html');
      const queues = await api.http().get('/admin/queues/api/queues').set(bearer(people.admin)).expect(200);
      expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([
        'samflyt-outbox',
        'samflyt-timers',
      ]);
    });

    it("takes no token from the address or a cookie (the web server adds the session's bearer token)", async () => {
      const res = await api.http().get(`/admin/queues?token=${tokenFor(people.admin)}&page=2`);
      expectProblem(res, 401, 'unauthorized');
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(JSON.parse(res.text).instance).toBe('/admin/queues');
      expectProblem(
        await api
          .http()
          .get('/admin/queues/api/queues')
          .set('Cookie', `samflyt_token=${tokenFor(people.admin)}`),
        401,
        'unauthorized',
      );
    });

    it('refuses a non-admin token (403) and a missing one (401)', async () => {
      expectProblem(await api.http().get('/admin/queues').set(bearer(people.secretariat)), 403, 'forbidden');
      expectProblem(await api.http().get('/admin/queues/api/queues'), 401, 'unauthorized');
    });
  });
});

describe('API with Redis unreachable', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    // A port nothing listens on.
    api = await startApi('api-no-redis', { REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
  });
  afterAll(() => api?.close());

  it('starts, reports Redis down with 503, and still commits events (the reconciler enqueues later)', async () => {
    const health = await api.http().get('/health').expect(503);
    expect(health.body).toMatchObject({
      status: 'error',
      details: { database: { status: 'up' }, redis: { status: 'down' } },
    });

    const started = Date.now();
    const id = await api.createAssignment();
    await api
      .http()
      .post(`/instances/${id}/events`)
      .set(bearer(people.secretariat))
      .set('Idempotency-Key', 'uten-redis')
      .send({ type: 'assignment.rescheduled', dueAt: new Date(Date.now() + 3_600_000).toISOString() })
      .expect(200);
    expect(Date.now() - started).toBeLessThan(3_000);

    const pending = await api.pg.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE status = 'pending'`);
    expect(pending.rows[0].n).toBe(2);
    const metrics = await api.http().get('/metrics').set(bearer(people.admin)).expect(200);
    expect(metrics.text).toMatch(/^samflyt_dispatch_errors_total [2-9]/m);
    expect(metrics.text).not.toContain('samflyt_queue_jobs{');
  });
});

describe('start-up and the token script', () => {
  const run = (script: string, args: string[], env: Record<string, string | undefined>) =>
    spawnSync(process.execPath, [dist(script), ...args], {
      env: { PATH: process.env.PATH, ...env },
      encoding: 'utf8',
      timeout: 20_000,
    });

  it('the API refuses to start without JWT_SECRET, naming it', () => {
    const res = run('apps/api/src/main.js', [], {
      DATABASE_URL: requireEnv('DATABASE_URL'),
      REDIS_URL: requireEnv('REDIS_URL'),
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('JWT_SECRET');
  });

  it('the API refuses a malformed DATABASE_URL and PORT, naming them', () => {
    const res = run('apps/api/src/main.js', [], {
      DATABASE_URL: 'mysql://x',
      REDIS_URL: requireEnv('REDIS_URL'),
      JWT_SECRET: requireEnv('JWT_SECRET'),
      PORT: 'eighty',
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('DATABASE_URL');
    expect(res.stderr).toContain('PORT');
  });

  it('npm run token prints an HS256 token the API accepts', () => {
    const args = [
      '--sub',
      'sek-9',
      '--name',
      'Sekretær',
      '--roles',
      'secretariat,admin',
      '--email',
      's@example.no',
      '--ttl',
      '2h',
    ];
    const res = run('scripts/token.js', args, { JWT_SECRET: requireEnv('JWT_SECRET') });
    expect(res.status).toBe(0);
    const claims = verify(res.stdout.trim(), requireEnv('JWT_SECRET'), { algorithms: ['HS256'] }) as JwtPayload;
    expect(claims).toMatchObject({
      sub: 'sek-9',
      name: 'Sekretær',
      roles: ['secretariat', 'admin'],
      email: 's@example.no',
    });
    expect(claims.exp! - claims.iat!).toBe(7200);
  });

  it('npm run token without JWT_SECRET fails, naming it', () => {
    const res = run('scripts/token.js', ['--sub', 'a', '--name', 'A', '--roles', 'admin'], {});
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('JWT_SECRET');
  });

  it('npm run token without --sub fails with the usage', () => {
    const res = run('scripts/token.js', ['--name', 'A', '--roles', 'admin'], { JWT_SECRET: requireEnv('JWT_SECRET') });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('--sub');
  });
});
