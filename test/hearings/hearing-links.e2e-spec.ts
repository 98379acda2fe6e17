import { signLink } from '@samflyt/workflows';
import { bearer, expectProblem, people, startApi, type ApiHarness } from '../support/api';
import {
  HOSPITAL,
  JOINT,
  asRecipient,
  createHearing,
  loadOrganisations,
  tokenFor,
  type Organisations,
} from './support';

/** Personal answer links: each answers and reads for its own organisation only; forged and expired links are refused. */
describe('hearing links', () => {
  let api: ApiHarness;
  let orgs: Organisations;
  let hearingId: string;
  let trondheim: string;
  let melhus: string;
  let malvik: string;
  let hospital: string;

  beforeAll(async () => {
    api = await startApi('hearing-links');
    orgs = await loadOrganisations(api);
    const deadline = new Date(Date.now() + 100 * 86_400_000).toISOString().slice(0, 10);
    ({ id: hearingId } = await createHearing(api, orgs, { deadline }));
    await api.http().post(`/hearings/${hearingId}/send`).set(bearer(people.secretariat)).expect(200);
    trondheim = await tokenFor(api, orgs.email['Trondheim kommune']);
    melhus = await tokenFor(api, orgs.email['Melhus kommune']);
    malvik = await tokenFor(api, orgs.email['Malvik kommune']);
    hospital = await tokenFor(api, orgs.email[HOSPITAL]);
  });
  afterAll(() => api?.close());

  it('shows a recipient its own organisation, deadline and possible co-signers', async () => {
    const res = await api.http().get('/respond').set(asRecipient(trondheim)).expect(200);
    expect(res.body).toMatchObject({
      hearingId,
      organisation: { id: orgs.id['Trondheim kommune'], name: 'Trondheim kommune' },
      contact: { email: orgs.email['Trondheim kommune'] },
      canAnswer: true,
      late: false,
      answer: null,
      role: null,
    });
    expect(res.body.possibleCoSigners).toHaveLength(23);
  });

  it('a joint answer counts for each co-signer that confirmed; it reads it but cannot change it or answer alone', async () => {
    const coSigners = JOINT.slice(1, 3).map((n) => orgs.id[n]); // Malvik, Melhus
    const given = await api
      .http()
      .post('/respond/answer')
      .set(asRecipient(trondheim))
      .send({ text: 'Felles svar.', answers: [{ questionId: 'struktur', text: 'Ja.' }], coSigners })
      .expect(201);
    expect(given.body).toMatchObject({ version: 1, late: false, organisation: { name: 'Trondheim kommune' } });
    expect(given.body.pendingCoSigners.map((c: { name: string }) => c.name)).toEqual([
      'Malvik kommune',
      'Melhus kommune',
    ]);
    for (const token of [malvik, melhus]) {
      await api.http().post(`/respond/answers/${given.body.id}/confirm-signature`).set(asRecipient(token)).expect(200);
    }

    const seen = await api.http().get('/respond').set(asRecipient(malvik)).expect(200);
    expect(seen.body).toMatchObject({ role: 'co-signer', answer: { id: given.body.id }, canAnswer: false });
    await api.http().get(`/respond/answers/${given.body.id}`).set(asRecipient(malvik)).expect(200);

    const before = await api.fingerprint();
    const own = await api.http().post('/respond/answer').set(asRecipient(malvik)).send({ text: 'Eget svar.' });
    expect(expectProblem(own, 409).detail).toContain('Trondheim kommune');
    expect(await api.fingerprint()).toEqual(before);

    // The lead changes it: Melhus is taken off, a new version is kept beside the first.
    const changed = await api
      .http()
      .post('/respond/answer')
      .set(asRecipient(trondheim))
      .send({ text: 'Felles svar, endret.', coSigners: [orgs.id['Malvik kommune']] })
      .expect(201);
    expect(changed.body).toMatchObject({ id: given.body.id, version: 4, text: 'Felles svar, endret.' });
    const versions = await api.http().get(`/respond/answers/${given.body.id}/versions`).set(asRecipient(trondheim));
    expect(versions.body.map((v: { version: number; text: string }) => [v.version, v.text])).toEqual([
      [1, 'Felles svar.'],
      [2, 'Felles svar.'],
      [3, 'Felles svar.'],
      [4, 'Felles svar, endret.'],
    ]);
    // Melhus, no longer on it, may not read it, and may answer on its own.
    await api.http().get(`/respond/answers/${given.body.id}`).set(asRecipient(melhus)).expect(404);
    const melhusAnswer = await api.http().post('/respond/answer').set(asRecipient(melhus)).send({ text: 'Melhus.' });
    expect(melhusAnswer.status).toBe(201);
    const notices = await api.pg.query<{ subject: string }>(
      `SELECT subject FROM outbox_messages WHERE recipient = $1 ORDER BY created_at`,
      [orgs.email['Melhus kommune']],
    );
    expect(notices.rows.map((r) => r.subject.split(' ')[0])).toEqual([
      'Høring:',
      'Trondheim', // asked to confirm
      'Felles',
      'Ikke',
      'Kvittering:',
    ]);
  });

  it("a recipient's link cannot read or change another recipient's answer", async () => {
    const [trondheimAnswer] = (
      await api.pg.query<{ id: string }>(`SELECT id FROM hearing_answers WHERE organisation_id = $1`, [
        orgs.id['Trondheim kommune'],
      ])
    ).rows;
    await api.http().get(`/respond/answers/${trondheimAnswer.id}`).set(asRecipient(hospital)).expect(404);
    await api.http().get(`/respond/answers/${trondheimAnswer.id}/versions`).set(asRecipient(hospital)).expect(404);
    const before = await api.fingerprint();
    // The organisation comes from the link, never from the body.
    const res = await api
      .http()
      .post('/respond/answer')
      .set(asRecipient(hospital))
      .send({ organisationId: orgs.id['Trondheim kommune'], text: 'Overskrevet.' });
    expectProblem(res, 400);
    // Naming an organisation that answered as co-signer is refused too.
    const co = await api
      .http()
      .post('/respond/answer')
      .set(asRecipient(hospital))
      .send({ text: 'Sammen med Trondheim.', coSigners: [orgs.id['Trondheim kommune']] });
    expect(expectProblem(co, 400).errors?.[0]).toMatchObject({ field: 'coSigners.0' });
    expect(await api.fingerprint()).toEqual(before);
    const still = await api.http().get(`/respond/answers/${trondheimAnswer.id}`).set(asRecipient(trondheim));
    expect(still.body.text).toBe('Felles svar, endret.');
  });

  it('refuses a forged, altered, expired or revoked link, a missing one, and a staff token', async () => {
    const [{ link_key: key }] = (
      await api.pg.query<{ link_key: string }>(`SELECT link_key FROM hearings WHERE id = $1`, [hearingId])
    ).rows;
    const claims = {
      hearingId,
      organisationId: orgs.id[HOSPITAL],
      contactId: (
        await api.pg.query<{ id: string }>(`SELECT id FROM organisation_contacts WHERE organisation_id = $1`, [
          orgs.id[HOSPITAL],
        ])
      ).rows[0].id,
    };
    const forged = signLink(Buffer.alloc(32, 7).toString('base64url'), { ...claims, expiresAt: 4_000_000_000 });
    const expired = signLink(key, { ...claims, expiresAt: Math.floor(Date.now() / 1000) - 60 });
    // Another organisation's id in a genuine token: the signature no longer holds.
    const bytes = Buffer.from(hospital, 'base64url');
    Buffer.from(orgs.id['Trondheim kommune'].replace(/-/g, ''), 'hex').copy(bytes, 17);
    const altered = bytes.toString('base64url');
    for (const [token, detail] of [
      [forged, 'not valid'],
      [altered, 'not valid'],
      [expired, 'expired'],
      ['abc', 'malformed'],
    ]) {
      const res = await api.http().get('/respond').set(asRecipient(token));
      expect(expectProblem(res, 401).detail).toContain(detail);
    }
    expectProblem(await api.http().get('/respond'), 401);
    expectProblem(await api.http().get('/respond').set(bearer(people.secretariat)), 401);
    // A link is no login to the staff API.
    expectProblem(await api.http().get(`/hearings/${hearingId}`).set(asRecipient(hospital)), 401);
    // A contact taken off the recipient list: its link stops working.
    await api.pg.query(`UPDATE hearing_recipients SET contacts = '[]' WHERE hearing_id = $1 AND organisation_id = $2`, [
      hearingId,
      orgs.id[HOSPITAL],
    ]);
    expect(expectProblem(await api.http().get('/respond').set(asRecipient(hospital)), 401).detail).toContain(
      'no longer',
    );
  });

  it('only the secretariat runs a hearing; committee members read it; others are refused', async () => {
    const outsider = await api.http().get(`/hearings/${hearingId}`).set(bearer(people.other));
    expectProblem(outsider, 403);
    // Roles come from memberships: Trine Wigtil sits in ASU (demo committees); Ola in the AU only (added here).
    const member = {
      sub: 'login-member',
      name: 'Trine Wigtil',
      roles: [],
      email: 'trine.wigtil@brukerrepresentant.test',
    };
    await api.http().get(`/hearings/${hearingId}`).set(bearer(member)).expect(200);
    const listed = await api.http().get('/hearings').set(bearer(member)).expect(200);
    expect(listed.body).toMatchObject({ total: 1, page: 1, items: [{ id: hearingId, committee: { code: 'ASU' } }] });
    const elsewhere = { ...people.other, roles: [], email: 'ola.au@example.no' };
    await api.pg.query(
      `WITH p AS (INSERT INTO persons (id, name, email) VALUES (gen_random_uuid(), 'Ola Kommune', $1) RETURNING id)
       INSERT INTO memberships (id, committee_id, person_id, role, party, has_vote, valid_from)
       SELECT gen_random_uuid(), c.id, p.id, 'medlem', 'kommune', true, '2024-01-01' FROM committees c, p
       WHERE c.code = 'AU'`,
      [elsewhere.email],
    );
    expect((await api.http().get('/hearings').set(bearer(elsewhere)).expect(200)).body.total).toBe(0);
    expectProblem(await api.http().get('/hearings').set(bearer(people.other)), 403);
    const write = await api.http().post(`/hearings/${hearingId}/withdraw`).set(bearer(member)).send({ reason: 'Nei' });
    expectProblem(write, 403);
    const admin = await api.http().post(`/hearings/${hearingId}/summary/start`).set(bearer(people.admin));
    expectProblem(admin, 403);
  });

  it('lists each hearing with its answer counts, the same as the hearing itself, on the staff and public lists', async () => {
    const draft = await createHearing(api, orgs, { title: 'Høring: tellinger i listen' });
    const staff = await api.http().get('/hearings?pageSize=100').set(bearer(people.secretariat)).expect(200);
    const items = staff.body.items as { id: string; counts: Record<string, number> }[];
    expect(items.map((i) => i.id).sort()).toEqual([hearingId, draft.id].sort());
    for (const item of items) {
      const own = await api.http().get(`/hearings/${item.id}`).set(bearer(people.secretariat)).expect(200);
      expect(item.counts).toEqual(own.body.counts);
    }
    const sent = items.find((i) => i.id === hearingId)!;
    // Trondheim's joint answer with Malvik, Melhus's own: three recipients answered, in two answers.
    expect(sent.counts).toMatchObject({ recipients: 24, answered: 3, notAnswered: 21, answers: 2, late: 0 });
    expect(items.find((i) => i.id === draft.id)!.counts).toEqual({
      recipients: expect.any(Number),
      answered: 0,
      notAnswered: expect.any(Number),
      answers: 0,
      late: 0,
    });
    // An answer marked late counts as late in the list.
    await api.pg.query(`UPDATE hearing_answers SET late = true WHERE hearing_id = $1 AND organisation_id = $2`, [
      hearingId,
      orgs.id['Melhus kommune'],
    ]);
    const published = await api.http().get('/public/hearings').expect(200);
    expect(published.body).toMatchObject({ total: 1, items: [{ id: hearingId }] });
    expect(published.body.items[0].counts).toEqual({ ...sent.counts, late: 1 });
    await api.pg.query(`UPDATE hearing_answers SET late = false WHERE hearing_id = $1`, [hearingId]);
  });

  it('GET /organisations: a page at a time, kommuner first, filtered by kind and name', async () => {
    const all = Object.keys(orgs.id).length;
    const get = (query: string) => api.http().get(`/organisations${query}`).set(bearer(people.secretariat));
    const first = await get('?pageSize=5').expect(200);
    expect(first.body).toMatchObject({ total: all, page: 1, pageSize: 5 });
    expect(first.body.items).toHaveLength(5);
    expect(first.body.items.every((o: { kind: string }) => o.kind === 'kommune')).toBe(true);
    expect(first.body.items[0].contacts).toEqual([
      expect.objectContaining({ email: orgs.email[first.body.items[0].name as string] }),
    ]);
    const pages = [first.body.items];
    for (let page = 2; page <= Math.ceil(all / 5); page++)
      pages.push((await get(`?pageSize=5&page=${page}`)).body.items);
    const names = pages.flat().map((o: { name: string }) => o.name);
    expect(new Set(names).size).toBe(all);
    expect(names.slice(0, orgs.kommuner.length).sort()).toEqual([...orgs.kommuner].sort());
    expect((await get(`?page=${Math.ceil(all / 5) + 1}&pageSize=5`)).body).toMatchObject({ total: all, items: [] });
    expect((await get('')).body).toMatchObject({ total: all, page: 1, pageSize: 20 });

    const kommuner = await get('?kind=kommune&pageSize=100').expect(200);
    expect(kommuner.body.total).toBe(orgs.kommuner.length);
    const named = await get(`?q=${encodeURIComponent('trondheim')}`).expect(200);
    expect(named.body).toMatchObject({ total: 1, items: [{ name: 'Trondheim kommune', kind: 'kommune' }] });
    expect((await get(`?kind=helseforetak&q=${encodeURIComponent('olavs')}`)).body.items).toEqual([
      expect.objectContaining({ name: HOSPITAL }),
    ]);
    // A wildcard is a character, not a pattern.
    expect((await get(`?q=${encodeURIComponent('%')}`)).body).toMatchObject({ total: 0, items: [] });

    expect(expectProblem(await get('?pageSize=101'), 400).errors).toEqual([
      expect.objectContaining({ field: 'pageSize' }),
    ]);
    expect(expectProblem(await get('?page=0'), 400).errors).toEqual([expect.objectContaining({ field: 'page' })]);
  });
});
