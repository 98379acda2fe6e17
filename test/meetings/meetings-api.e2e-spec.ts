import { randomUUID } from 'node:crypto';
import { bearer, expectProblem, people, startApi, type ApiHarness } from '../support/api';
import { AsuScenario, aprilAgenda, saker, sek } from './scenario';
import { insertCommittee, invitedNames } from './support';

describe('meetings, cases and the sakliste through the API', () => {
  let api: ApiHarness;
  let s: AsuScenario;
  let april: string;
  let june: string;
  const cases: Record<string, string> = {};

  /** The rows an agenda request could write, and the engine's own. */
  const agendaState = async () => {
    const { rows } = await api.pg.query(`SELECT
      (SELECT md5(coalesce(string_agg(id::text || position || kind || coalesce(case_id::text, ''), ',' ORDER BY id), ''))
         FROM agenda_items) AS agenda,
      (SELECT md5(coalesce(string_agg(id::text || coalesce(meeting_id::text, ''), ',' ORDER BY id), '')) FROM cases) AS cases,
      (SELECT count(*)::int FROM case_meetings) AS track`);
    return { ...rows[0], engine: await api.fingerprint() };
  };

  beforeAll(async () => {
    api = await startApi('meetings-api');
    s = new AsuScenario(api, await insertCommittee(api.pg));
    const first = await s.meeting('2024-04-17T13:00:00+02:00', '2024-04-17T17:00:00+02:00', '19.06.24');
    expect(first).toMatchObject({
      committee: 'ASU',
      state: 'planned',
      noticeDays: 7,
      chair: { name: 'Ingjerd Astad' },
    });
    expect(first.invited.map((p: { name: string }) => p.name).sort()).toEqual([...invitedNames].sort());
    april = first.id;
    june = (await s.meeting('2024-06-19T09:00:00+02:00', '2024-06-19T12:00:00+02:00')).id;
  });
  afterAll(() => api?.close());

  it('numbers cases NN/YY in order per committee and year; a taken number is a conflict', async () => {
    cases['09/24'] = (await s.createCase(saker['09/24'])).id;
    const next = await s.createCase(saker['10/24']);
    expect(next).toMatchObject({ ref: '10/24', number: 10, year: 2024, state: 'draft' });
    cases['10/24'] = next.id;
    cases['15/24'] = (await s.createCase(saker['15/24'])).id;
    const after = await s.createCase({
      title: 'Aktuelle prosjekter i fagråd',
      proposedResolution: '1. Til orientering.',
    });
    expect(after.ref).toBe('16/24');
    const nextYear = await s.createCase({
      year: 2025,
      title: 'Første sak i 2025',
      proposedResolution: '1. Til orientering.',
    });
    expect(nextYear.ref).toBe('01/25');
    const taken = await s.send('post', '/committees/ASU/cases', {
      year: 2024,
      number: 10,
      title: 'To',
      proposedResolution: 'x',
    });
    expectProblem(taken, 409, 'conflict');
    const list = await api.http().get('/committees/ASU/cases?year=2024').set(sek).expect(200);
    expect(list.body.map((c: { ref: string }) => c.ref)).toEqual(['09/24', '10/24', '15/24', '16/24']);
  });

  it('puts the sakliste on the 17.04.24 meeting with times and responsible persons', async () => {
    const res = await s.send('put', `/meetings/${april}/agenda`, { items: aprilAgenda(cases as never) }).expect(200);
    const lines = res.body.agenda.map((l: Record<string, unknown>) => [
      l.position,
      l.caseRef,
      l.title,
      l.startsAt,
      l.endsAt,
      l.caseState,
    ]);
    expect(lines).toEqual([
      [1, '09/24', 'Godkjenning av innkalling og sakliste.', '13:00', '13:10', 'onAgenda'],
      [2, '10/24', 'Helseplattformen', '13:10', '13:30', 'onAgenda'],
      [3, null, 'Pause', '13:30', '13:40', null],
      [4, '15/24', 'Utviklingsprosjekt fra Topplederprogrammet', '16:15', '16:30', 'onAgenda'],
      [5, null, 'Hvordan har møtet vært? Avslutning av møtet', '16:30', null, null],
    ]);
    const c10 = await api.http().get(`/cases/${cases['10/24']}`).set(sek).expect(200);
    expect(c10.body).toMatchObject({
      state: 'onAgenda',
      meetingId: april,
      meetings: [{ meetingId: april, outcome: 'scheduled' }],
    });
  });

  it('answers a retried sakliste (same Idempotency-Key) with the first answer; lines keep their ids', async () => {
    const items = aprilAgenda(cases as never);
    const first = await s
      .send('put', `/meetings/${april}/agenda`, { items })
      .set('Idempotency-Key', 'agenda-1')
      .expect(200);
    const before = await api.fingerprint();
    const again = await s
      .send('put', `/meetings/${april}/agenda`, { items })
      .set('Idempotency-Key', 'agenda-1')
      .expect(200);
    expect(again.body).toEqual(first.body);
    expect(await api.fingerprint()).toEqual(before);
    const ids = (body: { agenda: { caseId: string | null; id: string }[] }) =>
      body.agenda.filter((l) => l.caseId).map((l) => l.id);
    const later = await s.send('put', `/meetings/${april}/agenda`, { items }).expect(200);
    expect(ids(later.body)).toEqual(ids(first.body));
  });

  it('takes a case off the sakliste: back to draft', async () => {
    const items = aprilAgenda(cases as never);
    await s
      .send('put', `/meetings/${april}/agenda`, { items: items.filter((i) => i.caseId !== cases['10/24']) })
      .expect(200);
    expect((await api.http().get(`/cases/${cases['10/24']}`).set(sek)).body).toMatchObject({
      state: 'draft',
      meetingId: null,
    });
    await s.send('put', `/meetings/${april}/agenda`, { items }).expect(200);
    expect((await api.http().get(`/cases/${cases['10/24']}`).set(sek)).body.state).toBe('onAgenda');
  });

  describe('refuses an agenda item without a case, and changes nothing', () => {
    let before: Awaited<ReturnType<typeof agendaState>>;
    let auCase: string;
    beforeAll(async () => {
      await insertCommittee(api.pg, 'AU', { name: 'Arbeidsutvalget', seats: [] });
      auCase = (await s.send('post', '/committees/AU/cases', { year: 2024, title: 'AU-sak', proposedResolution: 'x' }))
        .body.id;
      before = await agendaState();
    });
    afterEach(async () => expect(await agendaState()).toEqual(before));

    const put = (items: unknown[]) => s.send('put', `/meetings/${april}/agenda`, { items });
    const first = () => ({ kind: 'case', caseId: cases['09/24'] });

    it('kind "case" with no caseId: 400 naming items.1.caseId', async () => {
      const problem = expectProblem(await put([first(), { kind: 'case', title: 'Eventuelt' }]), 400, 'invalid-input');
      expect(problem.errors).toEqual([
        { field: 'items.1.caseId', message: 'is required when kind is "case": the case on this line' },
      ]);
    });

    it('a caseId that names no case: 400 naming the field', async () => {
      const problem = expectProblem(await put([first(), { kind: 'case', caseId: randomUUID() }]), 400, 'invalid-input');
      expect(problem.errors).toEqual([
        { field: 'items.1.caseId', message: expect.stringContaining('no case with this id') },
      ]);
    });

    it("another committee's case, or a case twice", async () => {
      const problem = expectProblem(await put([first(), { kind: 'case', caseId: auCase }]), 400, 'invalid-input');
      expect(problem.errors).toEqual([{ field: 'items.1.caseId', message: 'case 01/24 belongs to AU, not ASU' }]);
      const twice = expectProblem(await put([first(), first()]), 400, 'invalid-input');
      expect(twice.errors).toEqual([{ field: 'items.1.caseId', message: 'repeats line 1' }]);
    });

    it('a case on the agenda of another meeting, and a break without a title', async () => {
      const moved = expectProblem(
        await s.send('put', `/meetings/${june}/agenda`, { items: [first()] }),
        400,
        'invalid-input',
      );
      expect(moved.errors).toEqual([
        { field: 'items.0.caseId', message: 'case 09/24 is on the agenda of another meeting; postpone it instead' },
      ]);
      const problem = expectProblem(await put([{ kind: 'break', durationMinutes: 10 }]), 400, 'invalid-input');
      expect(problem.errors).toEqual([{ field: 'items.0.title', message: 'is required when kind is "break"' }]);
    });
  });

  it('a member answers for themself, not for others', async () => {
    const wold = s.member('Jan Roger Wold');
    const own = await s.send('post', `/meetings/${june}/attendance`, { status: 'remote' }, wold).expect(200);
    expect(own.body.attendance).toEqual([
      expect.objectContaining({
        name: 'Jan Roger Wold',
        status: 'remote',
        respondedAt: expect.any(String),
        recordedAt: null,
      }),
    ]);
    const other = { personId: s.asu.people['Trine Wigtil'], status: 'absent' };
    expectProblem(await s.send('post', `/meetings/${june}/attendance`, other, wold), 403, 'forbidden');
  });

  it('an assignment from a vedtak links to its case; an unknown case is refused', async () => {
    const id = await api.createAssignment({
      caseRef: '10/24',
      caseId: cases['10/24'],
      title: 'Følge opp integrasjonene',
    });
    const c = await api.http().get(`/cases/${cases['10/24']}`).set(sek).expect(200);
    expect(c.body.assignments).toEqual([{ instanceId: id, state: 'assigned', title: 'Følge opp integrasjonene' }]);
    const before = await api.fingerprint();
    const input = {
      title: 'Oppdrag',
      caseId: randomUUID(),
      assignee: { id: people.assignee.sub, name: people.assignee.name, email: people.assignee.email },
      dueAt: '2030-09-30',
    };
    expectProblem(await s.send('post', '/workflows/assignment/instances', { input }), 422, 'reference-not-found');
    expect(await api.fingerprint()).toEqual(before);
  });

  it('members read meetings and cases; only the secretariat changes them; outsiders read nothing', async () => {
    await api.http().get(`/cases/${cases['15/24']}`).set(s.member('Torkild Skaar')).expect(200);
    await api.http().get(`/meetings/${april}`).set(s.member('Torkild Skaar')).expect(200);
    const leder = s.member('Ingjerd Astad');
    expectProblem(await s.send('put', `/meetings/${june}/agenda`, { items: [] }, leder), 403, 'forbidden');
    expectProblem(
      await s.send('post', '/committees/ASU/cases', { title: 'x', proposedResolution: 'y' }, leder),
      403,
      'forbidden',
    );
    expectProblem(
      await s.send('post', '/committees/ASU/meetings', { startsAt: 'x', endsAt: 'y', place: 'z' }, leder),
      403,
      'forbidden',
    );
    expectProblem(await api.http().get(`/meetings/${april}`).set(bearer(people.other)), 403, 'forbidden');
    expectProblem(await api.http().get(`/meetings/${april}/minutes.md`).set(bearer(people.other)), 403, 'forbidden');
    expectProblem(await api.http().get(`/meetings/${randomUUID()}`).set(sek), 404);
    expectProblem(await api.http().get('/committees/NOPE/meetings').set(sek), 404);
  });
});
