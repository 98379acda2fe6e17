import { randomUUID } from 'node:crypto';
import { assignmentInput, bearer, expectProblem, people, startApi, type ApiHarness } from '../support/api';

/** Every error status of the API, each with "nothing written" checked against the database. */
describe('API errors: problem+json, nothing written', () => {
  let api: ApiHarness;
  let id: string;
  const sek = bearer(people.secretariat);

  beforeAll(async () => {
    api = await startApi('api-errors');
    id = await api.createAssignment();
  });
  afterAll(() => api?.close());

  /** Runs a request that must fail and asserts the database did not change. */
  async function unchanged<T>(fn: () => Promise<T>): Promise<T> {
    const before = await api.fingerprint();
    const revision = (await api.http().get(`/instances/${id}`).set(sek)).body.revision;
    const result = await fn();
    expect(await api.fingerprint()).toEqual(before);
    expect((await api.http().get(`/instances/${id}`).set(sek)).body.revision).toBe(revision);
    return result;
  }

  const event = (body: unknown, headers: Record<string, string> = { 'Idempotency-Key': randomUUID() }) =>
    api
      .http()
      .post(`/instances/${id}/events`)
      .set(sek)
      .set(headers)
      .send(body as object);
  const start = (body: unknown) =>
    api
      .http()
      .post('/workflows/assignment/instances')
      .set(sek)
      .send(body as object);
  const fields = (problem: { errors?: { field: string }[] }) => problem.errors?.map((e) => e.field);

  describe('400', () => {
    it('malformed JSON', async () => {
      const res = await unchanged(() =>
        api
          .http()
          .post(`/instances/${id}/events`)
          .set(sek)
          .set('Idempotency-Key', 'k-json')
          .set('Content-Type', 'application/json')
          .send('{"type": "assignment.delivered", "note": '),
      );
      expect(expectProblem(res, 400, 'malformed-json').detail).toMatch(/malformed JSON/);
    });

    it('malformed JSON when starting', async () => {
      const res = await unchanged(() =>
        api
          .http()
          .post('/workflows/assignment/instances')
          .set(sek)
          .set('Content-Type', 'application/json')
          .send('{input:'),
      );
      expectProblem(res, 400, 'malformed-json');
    });

    it.each([
      ['an array', [{ type: 'assignment.delivered' }]],
      ['no body', undefined],
    ])('event body that is %s, not an object', async (_, body) => {
      const res = await unchanged(() => event(body));
      expect(fields(expectProblem(res, 400, 'invalid-input'))).toEqual(['(body)']);
    });

    it.each(['42', '"assignment.delivered"', 'null'])('top-level JSON %s (only objects are accepted)', async (raw) => {
      const res = await unchanged(() =>
        api
          .http()
          .post(`/instances/${id}/events`)
          .set(sek)
          .set('Idempotency-Key', 'k-raw')
          .set('Content-Type', 'application/json')
          .send(raw),
      );
      expectProblem(res, 400, 'malformed-json');
    });

    it('a body that is not JSON', async () => {
      const res = await unchanged(() =>
        api
          .http()
          .post(`/instances/${id}/events`)
          .set(sek)
          .set('Idempotency-Key', 'k-text')
          .type('text/plain')
          .send('type=x'),
      );
      expect(fields(expectProblem(res, 400, 'invalid-input'))).toEqual(['(body)']);
    });

    it.each([
      ['missing', { note: 'x' }],
      ['a number', { type: 7 }],
      ['empty', { type: '' }],
      ['too long', { type: 'a'.repeat(101) }],
    ])('event type %s', async (_, body) => {
      const res = await unchanged(() => event(body));
      expect(fields(expectProblem(res, 400, 'invalid-input'))).toEqual(['type']);
    });

    it.each(['constructor', '__proto__', 'toString', 'xstate.init'])(
      'event type %s (not an own event)',
      async (type) => {
        const res = await unchanged(() => event({ type }));
        expect(fields(expectProblem(res, 400, 'invalid-input'))).toEqual(['type']);
      },
    );

    it('unknown event type, naming the known ones', async () => {
      const res = await unchanged(() => event({ type: 'assignment.approved' }));
      const problem = expectProblem(res, 400, 'invalid-input');
      expect(fields(problem)).toEqual(['type']);
      expect(problem.detail).toContain('assignment.delivered');
    });

    it('missing payload field', async () => {
      const res = await unchanged(() => event({ type: 'assignment.delivered' }));
      expect(fields(expectProblem(res, 400, 'invalid-input'))).toEqual(['note']);
    });

    it('unknown payload field', async () => {
      const res = await unchanged(() => event({ type: 'assignment.delivered', note: 'x', extra: 1 }));
      expectProblem(res, 400, 'invalid-input');
    });

    it.each(['2024-13-45', 'i morgen', '2024-06-01T12:00', '31.12.2030'])('bad date %s in an event', async (dueAt) => {
      const res = await unchanged(() => event({ type: 'assignment.rescheduled', dueAt }));
      expect(fields(expectProblem(res, 400, 'invalid-input'))).toEqual(['dueAt']);
    });

    it('bad date when starting', async () => {
      const res = await unchanged(() => start({ input: assignmentInput({ dueAt: '2030-02-30' }) }));
      expect(fields(expectProblem(res, 400, 'invalid-input'))).toEqual(['input.dueAt']);
    });

    it('missing field when starting', async () => {
      const { assignee: _, ...input } = assignmentInput();
      const res = await unchanged(() => start({ input }));
      expect(fields(expectProblem(res, 400, 'invalid-input'))).toEqual(['input.assignee']);
    });

    it.each([
      ['no input', {}, 'input'],
      ['input not an object', { input: 'oppdrag' }, 'input'],
      ['an unknown top-level field', { input: assignmentInput(), extra: true }, 'extra'],
    ])('start body with %s', async (_, body, field) => {
      const res = await unchanged(() => start(body));
      expect(fields(expectProblem(res, 400, 'invalid-input'))).toContain(field);
    });

    it('missing Idempotency-Key', async () => {
      const res = await unchanged(() => event({ type: 'assignment.delivered', note: 'x' }, {}));
      const problem = expectProblem(res, 400, 'invalid-input');
      expect(fields(problem)).toEqual(['Idempotency-Key']);
      expect(problem.detail).toContain('Idempotency-Key');
    });

    it.each(['a'.repeat(201), 'nøkkel-æøå'])('malformed Idempotency-Key %#', async (key) => {
      const res = await unchanged(() => event({ type: 'assignment.delivered', note: 'x' }, { 'Idempotency-Key': key }));
      expect(fields(expectProblem(res, 400, 'invalid-input'))).toEqual(['Idempotency-Key']);
    });

    it.each(['"abc"', 'W/"x"', '"1", "2"', '-1', '1.5', '"1'])('malformed If-Match %s', async (ifMatch) => {
      const res = await unchanged(() =>
        event({ type: 'assignment.delivered', note: 'x' }, { 'Idempotency-Key': randomUUID(), 'If-Match': ifMatch }),
      );
      expect(fields(expectProblem(res, 400, 'invalid-input'))).toEqual(['If-Match']);
    });
  });

  it('401 without a token', async () => {
    const res = await unchanged(() =>
      api
        .http()
        .post(`/instances/${id}/events`)
        .set('Idempotency-Key', 'k')
        .send({ type: 'assignment.delivered', note: 'x' }),
    );
    expectProblem(res, 401, 'unauthorized');
    expect(res.headers['www-authenticate']).toBe('Bearer realm="samflyt"');
  });

  it('403 for an event only the system sends (a timer event)', async () => {
    const res = await unchanged(() => event({ type: 'deadline.passed' }));
    expectProblem(res, 403, 'forbidden');
  });

  it('403 for someone who is neither assignee nor secretariat', async () => {
    const res = await unchanged(() =>
      api
        .http()
        .post(`/instances/${id}/events`)
        .set(bearer(people.other))
        .set('Idempotency-Key', 'k-other')
        .send({ type: 'assignment.delivered', note: 'x' }),
    );
    expectProblem(res, 403, 'forbidden');
  });

  describe('404', () => {
    it.each([
      ['unknown instance', () => `/instances/${randomUUID()}`],
      ['non-uuid id', () => '/instances/not-a-uuid'],
      ['sql-ish id', () => "/instances/1'%20OR%20'1'='1"],
    ])('%s', async (_, path) => {
      const get = await api.http().get(path()).set(sek);
      expectProblem(get, 404, 'instance-not-found');
      const history = await api.http().get(`${path()}/history`).set(sek);
      expectProblem(history, 404, 'instance-not-found');
      const res = await unchanged(() =>
        api
          .http()
          .post(`${path()}/events`)
          .set(sek)
          .set('Idempotency-Key', 'k')
          .send({ type: 'assignment.delivered', note: 'x' }),
      );
      expectProblem(res, 404, 'instance-not-found');
    });

    it.each(['soknad', 'constructor', '__proto__'])('unknown workflow %s', async (name) => {
      const res = await unchanged(() => api.http().post(`/workflows/${name}/instances`).set(sek).send({ input: {} }));
      const problem = expectProblem(res, 404, 'unknown-workflow');
      expect(problem.known).toEqual([
        'assignment',
        'case',
        'grant-application',
        'grant-round',
        'hearing',
        'meeting',
        'vote',
      ]);
    });

    it('unknown route', async () => {
      expectProblem(await api.http().get('/nowhere').set(sek), 404, 'not-found');
    });
  });

  it('409 for an event the state does not accept, naming the state and the allowed events', async () => {
    const res = await unchanged(() => event({ type: 'assignment.accepted', note: 'fint' }));
    const problem = expectProblem(res, 409, 'event-not-allowed');
    expect(problem.state).toBe('assigned');
    expect(problem.allowedEvents).toEqual(['assignment.cancelled', 'assignment.delivered', 'assignment.rescheduled']);
    expect(problem.detail).toContain('assigned');
  });

  it('409 lists only the events this caller may send', async () => {
    const res = await unchanged(() =>
      api
        .http()
        .post(`/instances/${id}/events`)
        .set(bearer(people.assignee))
        .set('Idempotency-Key', 'k-assignee')
        .send({ type: 'assignment.cancelled', reason: 'x' }),
    );
    // Cancelling is the secretariat's right: 403 comes before the state check.
    expectProblem(res, 403, 'forbidden');
    const view = await api.http().get(`/instances/${id}`).set(bearer(people.assignee)).expect(200);
    expect(view.body.allowedEvents).toEqual(['assignment.delivered']);
  });

  it('412 for a stale If-Match, with the current revision', async () => {
    const { revision } = (await api.http().get(`/instances/${id}`).set(sek)).body;
    for (const ifMatch of [`"${revision + 1}"`, `W/"${revision - 1}"`, '0']) {
      const res = await unchanged(() =>
        event({ type: 'assignment.delivered', note: 'x' }, { 'Idempotency-Key': randomUUID(), 'If-Match': ifMatch }),
      );
      expect(expectProblem(res, 412, 'revision-mismatch').revision).toBe(revision);
      expect(res.headers.etag).toBe(`"${revision}"`);
    }
  });

  it('415 for a JSON body in a charset other than UTF-8', async () => {
    const res = await unchanged(() =>
      api
        .http()
        .post(`/instances/${id}/events`)
        .set(sek)
        .set('Idempotency-Key', 'k-charset')
        .set('Content-Type', 'application/json; charset=latin1')
        .send('{"type":"assignment.delivered","note":"x"}'),
    );
    expectProblem(res, 415, 'unsupported-media-type');
  });

  it('413 for a body over 1 MB', async () => {
    const res = await unchanged(() => event({ type: 'assignment.delivered', note: 'x'.repeat(1_100_000) }));
    expectProblem(res, 413, 'payload-too-large');
  });

  it('422 for an Idempotency-Key reused with another body', async () => {
    const other = await api.createAssignment();
    const send = (note: string) =>
      api
        .http()
        .post(`/instances/${other}/events`)
        .set(sek)
        .set('Idempotency-Key', 'once')
        .send({ type: 'assignment.delivered', note });
    const first = await send('første');
    expect(first.status).toBe(200);
    const before = await api.fingerprint();
    const res = await send('andre');
    expectProblem(res, 422, 'idempotency-key-reused');
    expect(await api.fingerprint()).toEqual(before);
    const view = await api.http().get(`/instances/${other}`).set(sek).expect(200);
    expect(view.body).toMatchObject({ revision: 2, context: { deliveries: [{ note: 'første' }] } });
  });

  it('422 for an Idempotency-Key reused for another start', async () => {
    const send = (title: string) =>
      api
        .http()
        .post('/workflows/assignment/instances')
        .set(sek)
        .set('Idempotency-Key', 'start-once')
        .send({
          input: assignmentInput({ title }),
        });
    expect((await send('Første')).status).toBe(201);
    const before = await api.fingerprint();
    expectProblem(await send('Andre'), 422, 'idempotency-key-reused');
    expect(await api.fingerprint()).toEqual(before);
  });
});
