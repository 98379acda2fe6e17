import { sign } from 'jsonwebtoken';
import { bearer, expectProblem, people, startApi, tokenFor, type ApiHarness, type Role } from '../support/api';
import { requireEnv } from '../support/database';

/**
 * Every endpoint × every kind of caller, with the exact status. "bad" is a token signed with
 * another secret; the other bad tokens are checked against one endpoint below.
 */
type Caller = Role | 'none' | 'bad';

const headersFor = (caller: Caller): Record<string, string> => {
  if (caller === 'none') return {};
  if (caller === 'bad')
    return { Authorization: `Bearer ${tokenFor(people.secretariat, {}, 'another-secret-0123456789')}` };
  return bearer(people[caller]);
};

describe('API authentication and roles', () => {
  let api: ApiHarness;
  let instanceId: string;

  beforeAll(async () => {
    api = await startApi('api-auth');
    instanceId = await api.createAssignment();
  });
  afterAll(() => api?.close());

  const table = (statuses: Record<Caller, number>) => Object.entries(statuses) as [Caller, number][];

  describe.each(table({ secretariat: 200, assignee: 200, other: 200, admin: 200, none: 200, bad: 200 }))(
    'public routes as %s',
    (caller, status) => {
      it.each(['/health', '/health/live', '/health/ready', '/docs', '/docs-json'])(
        `GET %s → ${status}`,
        async (path) => {
          const res = await api.http().get(path).set(headersFor(caller)).redirects(1);
          expect(res.status).toBe(status);
        },
      );
    },
  );

  it.each(table({ secretariat: 200, assignee: 200, other: 200, admin: 200, none: 401, bad: 401 }))(
    'GET /workflows as %s → %i',
    async (caller, status) => {
      const res = await api.http().get('/workflows').set(headersFor(caller));
      if (status === 401) expectProblem(res, 401, 'unauthorized');
      expect(res.status).toBe(status);
    },
  );

  it.each(table({ secretariat: 201, assignee: 403, other: 403, admin: 403, none: 401, bad: 401 }))(
    'POST /workflows/assignment/instances as %s → %i',
    async (caller, status) => {
      const before = await api.fingerprint();
      const res = await api
        .http()
        .post('/workflows/assignment/instances')
        .set(headersFor(caller))
        .send({
          input: { title: 'Innstilling', assignee: { id: 'x', name: 'X', email: 'x@example.no' }, dueAt: '2030-01-01' },
        });
      expect(res.status).toBe(status);
      if (status !== 201) {
        expectProblem(res, status, status === 401 ? 'unauthorized' : 'forbidden');
        expect(await api.fingerprint()).toEqual(before);
      }
    },
  );

  it.each(table({ secretariat: 200, assignee: 200, other: 403, admin: 200, none: 401, bad: 401 }))(
    'GET /instances/:id as %s → %i',
    async (caller, status) => {
      const res = await api.http().get(`/instances/${instanceId}`).set(headersFor(caller));
      expect(res.status).toBe(status);
      if (status === 200) expect(res.headers.etag).toBe(`"${res.body.revision}"`);
      if (status === 401) expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    },
  );

  it.each(table({ secretariat: 200, assignee: 200, other: 403, admin: 200, none: 401, bad: 401 }))(
    'GET /instances/:id/history as %s → %i',
    async (caller, status) => {
      const res = await api.http().get(`/instances/${instanceId}/history`).set(headersFor(caller));
      expect(res.status).toBe(status);
      if (status === 200) expect(res.body[0]).toMatchObject({ seq: 1, event: 'workflow.started', toState: 'assigned' });
    },
  );

  it.each(table({ secretariat: 200, assignee: 200, other: 403, admin: 403, none: 401, bad: 401 }))(
    'POST /instances/:id/events assignment.delivered as %s → %i',
    async (caller, status) => {
      const id = await api.createAssignment();
      const before = await api.fingerprint();
      const res = await api
        .http()
        .post(`/instances/${id}/events`)
        .set(headersFor(caller))
        .set('Idempotency-Key', `deliver-${caller}`)
        .send({ type: 'assignment.delivered', note: 'Utkast vedlagt' });
      expect(res.status).toBe(status);
      if (status === 200) {
        expect(res.body).toMatchObject({ state: 'delivered', revision: 2 });
      } else {
        expectProblem(res, status, status === 401 ? 'unauthorized' : 'forbidden');
        expect(await api.fingerprint()).toEqual(before);
      }
    },
  );

  it.each(table({ secretariat: 200, assignee: 403, other: 403, admin: 403, none: 401, bad: 401 }))(
    'POST /instances/:id/events assignment.accepted (secretariat only) as %s → %i',
    async (caller, status) => {
      const id = await api.createAssignment();
      await api
        .http()
        .post(`/instances/${id}/events`)
        .set(bearer(people.assignee))
        .set('Idempotency-Key', 'deliver')
        .send({ type: 'assignment.delivered', note: 'Ferdig' })
        .expect(200);
      const res = await api
        .http()
        .post(`/instances/${id}/events`)
        .set(headersFor(caller))
        .set('Idempotency-Key', 'accept')
        .send({ type: 'assignment.accepted' });
      expect(res.status).toBe(status);
      if (status === 200) expect(res.body.state).toBe('accepted');
    },
  );

  it.each(table({ secretariat: 200, assignee: 403, other: 403, admin: 200, none: 401, bad: 401 }))(
    'GET /metrics as %s → %i',
    async (caller, status) => {
      const res = await api.http().get('/metrics').set(headersFor(caller));
      expect(res.status).toBe(status);
      if (status === 200) expect(res.text).toContain('samflyt_events_applied_total');
    },
  );

  it.each(table({ secretariat: 403, assignee: 403, other: 403, admin: 200, none: 401, bad: 401 }))(
    'GET /admin/queues as %s → %i',
    async (caller, status) => {
      const res = await api.http().get('/admin/queues').set(headersFor(caller));
      expect(res.status).toBe(status);
      if (status !== 200) expectProblem(res, status, status === 401 ? 'unauthorized' : 'forbidden');
    },
  );

  describe('tokens that are not accepted → 401', () => {
    const secret = () => requireEnv('JWT_SECRET');
    const { sub, ...claims } = people.secretariat;
    const cases: [string, () => string][] = [
      ['expired', () => `Bearer ${tokenFor(people.secretariat, { expiresIn: -10 })}`],
      ['wrong secret', () => `Bearer ${tokenFor(people.secretariat, {}, 'not-the-secret-at-all-0000')}`],
      ['alg none', () => `Bearer ${sign({ ...claims, sub }, '', { algorithm: 'none' } as never)}`],
      ['HS512', () => `Bearer ${sign({ ...claims, sub }, secret(), { algorithm: 'HS512' })}`],
      ['no roles claim', () => `Bearer ${sign({ sub, name: claims.name }, secret())}`],
      ['no sub', () => `Bearer ${sign({ ...claims }, secret())}`],
      ['roles not an array', () => `Bearer ${sign({ ...claims, sub, roles: 'secretariat' }, secret())}`],
      ['garbage', () => 'Bearer not.a.jwt'],
      ['Basic scheme', () => 'Basic c2VrOnNlaw=='],
      ['empty bearer', () => 'Bearer '],
    ];
    it.each(cases)('%s', async (_, header) => {
      const res = await api.http().get('/workflows').set('Authorization', header());
      const problem = expectProblem(res, 401, 'unauthorized');
      expect(res.headers['www-authenticate']).toBe('Bearer realm="samflyt"');
      expect(problem.detail).toMatch(/token|Bearer/);
    });
  });

  it('takes the actor from the token: name and id are journaled', async () => {
    const id = await api.createAssignment();
    await api
      .http()
      .post(`/instances/${id}/events`)
      .set(bearer(people.assignee))
      .set('Idempotency-Key', 'who')
      .send({ type: 'assignment.delivered', note: 'Levert' })
      .expect(200);
    const history = await api.http().get(`/instances/${id}/history`).set(bearer(people.assignee)).expect(200);
    expect(history.body.map((e: { actor: unknown }) => e.actor)).toEqual([
      { id: people.secretariat.sub, name: people.secretariat.name },
      { id: people.assignee.sub, name: people.assignee.name },
    ]);
  });
});
