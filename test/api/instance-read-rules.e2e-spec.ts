import { randomBytes } from 'node:crypto';
import { insertCommittee } from '../meetings/support';
import { grantsToken } from '../grants/grants-role-rows';
import { roundSettings, insertGrantsWorld, type GrantsWorld } from '../grants/support';
import { createHearing, HOSPITAL, loadOrganisations, type Organisations } from '../hearings/support';
import { bearer, expectProblem, people, startApi, tokenFor, type ApiHarness } from '../support/api';

jest.setTimeout(120_000);

/**
 * The generic instance endpoints (GET /instances/{id} and its history) read an instance by the same rule as the
 * feature's own endpoints: what GET /grant-applications/{id} or GET /hearings/{id} does not show is not shown there,
 * and what they answer 404 for is 404 there too.
 */
describe('generic instance endpoints: the grants read rules', () => {
  let api: ApiHarness;
  let w: GrantsWorld;
  const apps: Record<'draft' | 'submitted' | 'withdrawn', { id: string; instance: string }> = {} as never;
  const as = (role: Parameters<typeof grantsToken>[1], owner: 'A' | 'B' | 'C' = 'A') => ({
    Authorization: `Bearer ${grantsToken(w, role, owner)}`,
  });

  beforeAll(async () => {
    api = await startApi('instance-read-rules-grants');
    w = await insertGrantsWorld(api.pg, randomBytes(3).toString('hex'));
    const sek = { Authorization: `Bearer ${w.secretariatToken}` };
    const round = await api
      .http()
      .post('/grant-rounds')
      .set(sek)
      .send(roundSettings({ title: 'Tilskudd lesing' }));
    expect(round.status).toBe(201);
    await api.http().post(`/grant-rounds/${round.body.id}/approve`).set(sek).send({ reference: 'ASU sak 30/24' });
    expect((await api.http().post(`/grant-rounds/${round.body.id}/open`).set(sek)).status).toBe(200);
    const answers = { beskrivelse: 'Tverrfaglig team', kommuner: 3, tema: 'Rekruttering' };
    const owners = { draft: 'A', submitted: 'B', withdrawn: 'C' } as const;
    for (const [which, owner] of Object.entries(owners) as [keyof typeof apps, 'A' | 'B' | 'C'][]) {
      const created = await api
        .http()
        .post(`/grant-rounds/${round.body.id}/applications`)
        .set(as('applicant', owner))
        .send({ title: `Prosjekt ${which}`, requestedAmount: 200_000, answers });
      expect(created.status).toBe(201);
      const { rows } = await api.pg.query(`SELECT instance_id FROM grant_applications WHERE id = $1`, [
        created.body.id,
      ]);
      apps[which] = { id: created.body.id, instance: rows[0].instance_id };
    }
    const submitted = await api
      .http()
      .post(`/grant-applications/${apps.submitted.id}/submit`)
      .set(as('applicant', 'B'));
    expect(submitted.status).toBe(200);
    const withdrawn = await api
      .http()
      .post(`/grant-applications/${apps.withdrawn.id}/withdraw`)
      .set(as('applicant', 'C'))
      .send({ reason: 'Vi søker neste år.' });
    expect(withdrawn.status).toBe(200);
  });
  afterAll(() => api?.close());

  it.each(['draft', 'withdrawn'] as const)(
    'a %s application is 404 to the reviewing committee there too, and its context is not shown',
    async (which) => {
      const { id, instance } = apps[which];
      expectProblem(await api.http().get(`/grant-applications/${id}`).set(as('scorer')), 404);
      const res = await api.http().get(`/instances/${instance}`).set(as('scorer'));
      expectProblem(res, 404);
      expect(res.text).not.toContain(`Prosjekt ${which}`);
      expectProblem(await api.http().get(`/instances/${instance}/history`).set(as('scorer')), 404);
    },
  );

  it('a submitted application is the reviewing committee’s, there as through /grant-applications', async () => {
    await api.http().get(`/grant-applications/${apps.submitted.id}`).set(as('scorer')).expect(200);
    const res = await api.http().get(`/instances/${apps.submitted.instance}`).set(as('scorer')).expect(200);
    expect(res.body.context.title).toBe('Prosjekt submitted');
    await api.http().get(`/instances/${apps.submitted.instance}/history`).set(as('scorer')).expect(200);
  });

  it('another committee and another applicant get 404 there, as through /grant-applications', async () => {
    for (const role of ['asuMember', 'otherApplicant'] as const) {
      expectProblem(await api.http().get(`/grant-applications/${apps.submitted.id}`).set(as(role)), 404);
      expectProblem(await api.http().get(`/instances/${apps.submitted.instance}`).set(as(role)), 404);
      expectProblem(await api.http().get(`/instances/${apps.submitted.instance}/history`).set(as(role)), 404);
    }
  });

  it('the applicant, the secretariat and operations read the draft', async () => {
    for (const headers of [as('applicant', 'A'), as('secretariat'), as('admin')]) {
      await api.http().get(`/instances/${apps.draft.instance}`).set(headers).expect(200);
    }
  });
});

describe('generic instance endpoints: the hearings read rules', () => {
  let api: ApiHarness;
  let orgs: Organisations;
  let hearing: { id: string; instance: string };
  let member: string;
  let otherCommittee: string;
  const deadline = new Date(Date.now() + 100 * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    api = await startApi('instance-read-rules-hearings');
    orgs = await loadOrganisations(api);
    const [asu] = (
      await api.pg.query<{ id: string; name: string; email: string }>(
        `SELECT p.id, p.name, p.email FROM memberships m JOIN persons p ON p.id = m.person_id
           JOIN committees c ON c.id = m.committee_id
          WHERE c.code = 'ASU' AND m.role = 'medlem' AND (m.valid_to IS NULL OR m.valid_to >= current_date)
          ORDER BY p.name LIMIT 1`,
      )
    ).rows;
    member = tokenFor({ sub: asu.id, name: asu.name, roles: [], email: asu.email });
    const fagrad = await insertCommittee(api.pg, 'FAGRAD-READ', {
      name: 'Fagråd for psykisk helse og rus',
      seats: [{ name: 'Frida Fagråd', role: 'medlem', party: 'kommune', hasVote: true }],
    });
    otherCommittee = tokenFor({
      sub: fagrad.people['Frida Fagråd'],
      name: 'Frida Fagråd',
      roles: [],
      email: fagrad.email('Frida Fagråd'),
    });
    const { id } = await createHearing(api, orgs, { deadline });
    const { rows } = await api.pg.query(`SELECT instance_id FROM hearings WHERE id = $1`, [id]);
    hearing = { id, instance: rows[0].instance_id };
  });
  afterAll(() => api?.close());

  it('a draft is 404 to a recipient and to another committee there; the owning committee reads it', async () => {
    const recipient = tokenFor({
      sub: 'contact:x',
      name: 'Postmottak',
      roles: ['hearing-recipient', `hearing-recipient:${hearing.id}:${orgs.id[HOSPITAL]}`],
    });
    for (const token of [recipient, otherCommittee]) {
      const headers = { Authorization: `Bearer ${token}` };
      expectProblem(await api.http().get(`/instances/${hearing.instance}`).set(headers), 404);
      expectProblem(await api.http().get(`/instances/${hearing.instance}/history`).set(headers), 404);
    }
    // As GET /hearings/{id}: the owning committee's members read the hearing, draft or not (without its link key).
    const headers = { Authorization: `Bearer ${member}` };
    await api.http().get(`/hearings/${hearing.id}`).set(headers).expect(200);
    const res = await api.http().get(`/instances/${hearing.instance}`).set(headers).expect(200);
    expect(res.body.context).toMatchObject({ hearingId: hearing.id });
    expect(res.body.context).not.toHaveProperty('linkKey');
  });

  it('a sent hearing is 403 to another committee there, as through GET /hearings/{id}', async () => {
    await api.http().post(`/hearings/${hearing.id}/send`).set(bearer(people.secretariat)).expect(200);
    const headers = { Authorization: `Bearer ${otherCommittee}` };
    expectProblem(await api.http().get(`/hearings/${hearing.id}`).set(headers), 403);
    expectProblem(await api.http().get(`/instances/${hearing.instance}`).set(headers), 403);
  });
});
