import { assignmentInput, bearer, people, startApi, type ApiHarness } from '../support/api';

describe('API idempotency and concurrency', () => {
  let api: ApiHarness;
  const sek = bearer(people.secretariat);

  beforeAll(async () => {
    api = await startApi('api-concurrency');
  });
  afterAll(() => api?.close());

  const journalRows = async (instanceId: string, key?: string) =>
    (
      await api.pg.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM workflow_journal WHERE instance_id = $1 AND ($2::text IS NULL OR idempotency_key = $2)`,
        [instanceId, key ?? null],
      )
    ).rows[0].n;

  it('the same Idempotency-Key twice: applied once, the second answer equals the first', async () => {
    const id = await api.createAssignment();
    const send = () =>
      api
        .http()
        .post(`/instances/${id}/events`)
        .set(sek)
        .set('Idempotency-Key', 'levering-1')
        .send({ type: 'assignment.delivered', note: 'Utkast vedlagt' });
    const first = await send();
    const before = await api.fingerprint();
    const second = await send();
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(await api.fingerprint()).toEqual(before);
    expect(first.body.revision).toBe(2);
    expect(await journalRows(id, 'levering-1')).toBe(1);
    const view = await api.http().get(`/instances/${id}`).set(sek).expect(200);
    expect(view.body.revision).toBe(2);
  });

  it('the same Idempotency-Key sent concurrently: applied once, every answer equal', async () => {
    const id = await api.createAssignment();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        api
          .http()
          .post(`/instances/${id}/events`)
          .set(sek)
          .set('Idempotency-Key', 'samtidig')
          .send({ type: 'assignment.rescheduled', dueAt: '2031-01-15' }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(responses.map((r) => r.text)).size).toBe(1);
    expect(responses[0].body.revision).toBe(2);
    expect(await journalRows(id)).toBe(2);
  });

  it('the same Idempotency-Key on a start: one instance, the same answer', async () => {
    const before = await api.fingerprint();
    const start = () =>
      api
        .http()
        .post('/workflows/assignment/instances')
        .set(sek)
        .set('Idempotency-Key', 'nytt-oppdrag')
        .send({ input: assignmentInput({ title: 'Sammendrag av høringssvar' }) });
    const first = await start();
    const second = await start();
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.text).toBe(first.text);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers.location).toBe(`/instances/${first.body.id}`);
    expect((await api.fingerprint()).instances).toBe(before.instances + 1);
  });

  it('the same Idempotency-Key on concurrent starts: one instance, every answer equal, never a 500', async () => {
    for (let round = 0; round < 5; round++) {
      const before = await api.fingerprint();
      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          api
            .http()
            .post('/workflows/assignment/instances')
            .set(sek)
            .set('Idempotency-Key', `samtidig-start-${round}`)
            .send({ input: assignmentInput({ title: 'Felles høringssvar' }) }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
      expect(new Set(responses.map((r) => r.text)).size).toBe(1);
      expect((await api.fingerprint()).instances).toBe(before.instances + 1);
    }
  });

  it('50 concurrent events on one instance serialize: every accepted one counts, none is lost', async () => {
    const id = await api.createAssignment();
    const dueAt = (i: number) => new Date(Date.UTC(2031, 0, 1 + i, 12)).toISOString().replace('.000Z', 'Z');
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api
          .http()
          .post(`/instances/${id}/events`)
          .set(sek)
          .set('Idempotency-Key', `flytt-${i}`)
          .send({ type: 'assignment.rescheduled', dueAt: dueAt(i) }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    // Each answer saw a distinct revision: 2..51, in some order.
    expect(responses.map((r) => r.body.revision).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 2),
    );
    const view = await api.http().get(`/instances/${id}`).set(sek).expect(200);
    expect(view.body.revision).toBe(51);
    expect(view.headers.etag).toBe('"51"');
    // The last applied event's date is the one in the context.
    const last = responses.find((r) => r.body.revision === 51)!;
    expect(view.body.context.dueAt).toBe(last.body.context.dueAt);

    const history = await api.http().get(`/instances/${id}/history`).set(sek).expect(200);
    expect(history.body.map((e: { seq: number }) => e.seq)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    expect(new Set(history.body.slice(1).map((e: { payload: { dueAt: string } }) => e.payload.dueAt)).size).toBe(50);
    // Only the last arming is pending: 2 reminders + the deadline.
    const pending = await api.pg.query(
      `SELECT name FROM workflow_timers WHERE instance_id = $1 AND status = 'pending'`,
      [id],
    );
    expect(pending.rows.map((r) => r.name).sort()).toEqual(['deadline', 'reminder-P1D', 'reminder-P7D']);
  });

  it('concurrent writers with the same If-Match: one wins, the others get 412 and write nothing', async () => {
    const id = await api.createAssignment();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api
          .http()
          .post(`/instances/${id}/events`)
          .set(sek)
          .set('Idempotency-Key', `race-${i}`)
          .set('If-Match', '"1"')
          .send({ type: 'assignment.rescheduled', dueAt: `2031-02-${String(i + 10)}` }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(9).fill(412)]);
    expect(responses.filter((r) => r.status === 412).every((r) => r.body.revision === 2)).toBe(true);
    expect(await journalRows(id)).toBe(2);
    const view = await api.http().get(`/instances/${id}`).set(sek).expect(200);
    expect(view.body.revision).toBe(2);
  });

  it('If-Match with the current revision applies; If-None-Match with it answers 304', async () => {
    const id = await api.createAssignment();
    const res = await api
      .http()
      .post(`/instances/${id}/events`)
      .set(sek)
      .set('Idempotency-Key', 'med-if-match')
      .set('If-Match', 'W/"1"')
      .send({ type: 'assignment.delivered', note: 'Levert' })
      .expect(200);
    expect(res.headers.etag).toBe('"2"');
    const fresh = await api.http().get(`/instances/${id}`).set(sek).set('If-None-Match', '"2"');
    expect(fresh.status).toBe(304);
    expect(fresh.headers.etag).toBe('"2"');
    const stale = await api.http().get(`/instances/${id}`).set(sek).set('If-None-Match', '"1"');
    expect(stale.status).toBe(200);
  });
});
