import { randomBytes } from 'node:crypto';
import { WorkflowEngine } from '@samflyt/engine';
import fc from 'fast-check';
import { expectProblem, startApi, type ApiHarness } from '../support/api';
import { insertGrantsWorld, roundSettings, type GrantsWorld } from './support';
import { databaseFingerprint } from '../support/database';
import { fireTimers } from '../support/clock';

jest.setTimeout(180_000);

/**
 * The paths the sak 30/24 walk-through does not take, through HTTP on a real database (timers fired
 * in-process): more information requested and answered, rejection as incomplete, the round cancelled
 * before decision, and malformed PATCH bodies.
 */
describe('grants: information, rejection, cancellation, malformed PATCH', () => {
  let api: ApiHarness;
  let w: GrantsWorld;
  let engine: WorkflowEngine;
  let round: string;
  const apps: string[] = [];
  const tag = randomBytes(3).toString('hex');
  const day = 86_400_000;
  const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const sek = () => auth(w.secretariatToken);
  const answers = { beskrivelse: 'Tverrfaglig team', kommuner: 3, tema: 'Samhandling' };
  // A message's e-mail text and the letter it carries (rendered to PDF by the worker, which these tests do not run).
  const mails = async (to: string) =>
    (
      await api.pg.query<{ subject: string; body: string }>(
        `SELECT subject, body || coalesce(E'\\n' || (letter::text), '') AS body
           FROM outbox_messages WHERE recipient = $1 ORDER BY created_at`,
        [to],
      )
    ).rows;
  const app = async (id: string) => (await api.http().get(`/grant-applications/${id}`).set(sek())).body;

  beforeAll(async () => {
    api = await startApi('grants-paths');
    w = await insertGrantsWorld(api.pg, tag);
    engine = api.app.get(WorkflowEngine);
    const created = await api
      .http()
      .post('/grant-rounds')
      .set(sek())
      .send(roundSettings({ title: `Tilskudd ${tag}`, opensAt: iso(-60_000) }));
    expect(created.status).toBe(201);
    round = created.body.id;
    await api.http().post(`/grant-rounds/${round}/approve`).set(sek()).send({ reference: 'sak 30/24' }).expect(200);
    await api.http().post(`/grant-rounds/${round}/open`).set(sek()).expect(200);
    for (const a of w.applicants.slice(0, 4)) {
      const res = await api
        .http()
        .post(`/grant-rounds/${round}/applications`)
        .set(auth(a.token))
        .send({ title: `Prosjekt ${a.org}`, requestedAmount: 300_000, answers });
      expect(res.status).toBe(201);
      apps.push(res.body.id);
    }
    for (const [i, id] of apps.slice(0, 3).entries())
      expect((await api.http().post(`/grant-applications/${id}/submit`).set(auth(w.applicants[i].token))).status).toBe(
        200,
      );
  });
  afterAll(() => api?.close());

  it('the secretariat asks for more information with a deadline; the applicant is reminded once, answers, and is back in the check', async () => {
    const [id, a] = [apps[0], w.applicants[0]];
    const deadline = iso(5 * day);
    const asked = await api
      .http()
      .post(`/grant-applications/${id}/formal-check`)
      .set(sek())
      .send({ outcome: 'info-requested', message: 'Legg ved et budsjett for 2025.', deadline });
    expect(asked.status).toBe(200);
    expect(asked.body.state).toBe('infoRequested');
    const request = (await mails(a.email)).find((m) => m.body.includes('Legg ved et budsjett for 2025.'));
    expect(request).toBeDefined();
    // No deadline, or one in the past, is refused naming the field.
    expect(
      expectProblem(
        await api
          .http()
          .post(`/grant-applications/${apps[1]}/formal-check`)
          .set(sek())
          .send({ outcome: 'info-requested', message: 'Mer', deadline: '2020-01-01' }),
        400,
      ).errors?.[0].field,
    ).toBe('deadline');
    // The reminder before the deadline: once, to the applicant.
    const before = (await mails(a.email)).length;
    await fireTimers(api.pg, engine, `name LIKE 'info-reminder-%' AND status = 'pending'`);
    await fireTimers(api.pg, engine, `name LIKE 'info-reminder-%'`);
    const after = await mails(a.email);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)!.subject).toMatch(/Påminnelse/);
    const answered = await api
      .http()
      .post(`/grant-applications/${id}/information`)
      .set(auth(a.token))
      .send({ message: 'Budsjettet er lagt inn.', answers: { beskrivelse: 'Med budsjett' } });
    expect(answered.status).toBe(200);
    expect(answered.body.state).toBe('submitted');
    expect(answered.body.answers.beskrivelse).toBe('Med budsjett');
    // The deadline timer is gone with the request: it cannot reject the answered application.
    const pending = await api.pg.query(
      `SELECT count(*)::int AS n FROM workflow_timers t JOIN grant_applications g ON g.instance_id = t.instance_id
        WHERE g.id = $1 AND t.name LIKE 'info-%' AND t.status = 'pending'`,
      [id],
    );
    expect(pending.rows[0].n).toBe(0);
    expect(
      (await api.http().post(`/grant-applications/${id}/formal-check`).set(sek()).send({ outcome: 'complete' })).body
        .state,
    ).toBe('complete');
  });

  it('rejects an application as incomplete with a reason, which the applicant reads in the letter', async () => {
    const [id, a] = [apps[1], w.applicants[1]];
    expect(
      expectProblem(
        await api.http().post(`/grant-applications/${id}/formal-check`).set(sek()).send({ outcome: 'rejected' }),
        400,
      ).errors?.[0].field,
    ).toBe('message');
    const res = await api
      .http()
      .post(`/grant-applications/${id}/formal-check`)
      .set(sek())
      .send({ outcome: 'rejected', message: 'Søknaden mangler forankring i kommunens ledelse.' });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('rejected');
    expect(res.body.rejectionReason).toContain('forankring');
    const letters = (await api.http().get(`/grant-applications/${id}/letters`).set(auth(a.token))).body;
    expect(letters.map((l: { body: string }) => l.body).join('\n')).toContain('forankring');
  });

  it('never answers a malformed PATCH with a 5xx, and an error writes nothing', async () => {
    const bodies = fc.oneof(
      fc.anything(),
      fc.record(
        {
          title: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
          requestedAmount: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)),
          answers: fc.oneof(fc.dictionary(fc.string(), fc.anything()), fc.string(), fc.constant(null)),
          budget: fc.oneof(fc.integer(), fc.string()),
          form: fc.anything(),
          criteria: fc.anything(),
          closesAt: fc.oneof(
            fc.string(),
            fc.date().map((d) => d.toString()),
          ),
        },
        { requiredKeys: [] },
      ),
    );
    const draft = apps[3];
    const spare = (
      await api
        .http()
        .post('/grant-rounds')
        .set(sek())
        .send(roundSettings({ title: 'Kladd' }))
    ).body.id as string;
    await fc.assert(
      fc.asyncProperty(bodies, fc.boolean(), async (body, onRound) => {
        const before = await databaseFingerprint(api.pg);
        const req = onRound
          ? api.http().patch(`/grant-rounds/${spare}`).set(sek())
          : api.http().patch(`/grant-applications/${draft}`).set(auth(w.applicants[3].token));
        const res = await req.set('Content-Type', 'application/json').send(JSON.stringify(body) ?? 'undefined');
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          expectProblem(res, res.status);
          expect(await databaseFingerprint(api.pg)).toEqual(before);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('cancels the round with a reason before the decision; every open application is told', async () => {
    expectProblem(await api.http().post(`/grant-rounds/${round}/cancel`).set(sek()).send({}), 400);
    const res = await api
      .http()
      .post(`/grant-rounds/${round}/cancel`)
      .set(sek())
      .send({ reason: 'Midlene ble trukket tilbake i statsbudsjettet.' });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('cancelled');
    expect(res.body.cancelledReason).toContain('statsbudsjettet');
    await fireTimers(api.pg, engine, 'false'); // the round's signal to its applications
    // Complete, and a draft: cancelled and told; the rejected one stays rejected.
    for (const [i, id] of [apps[0], apps[2], apps[3]].entries()) {
      expect((await app(id)).state).toBe('cancelled');
      const a = w.applicants[[0, 2, 3][i]];
      expect((await mails(a.email)).some((m) => m.body.includes('statsbudsjettet'))).toBe(true);
    }
    expect((await app(apps[1])).state).toBe('rejected');
    expectProblem(await api.http().post(`/grant-rounds/${round}/cancel`).set(sek()).send({ reason: 'Igjen' }), 409);
  });
});
