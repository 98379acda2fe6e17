import { randomUUID } from 'node:crypto';
import { bearer, expectProblem, people, startApi, type ApiHarness } from '../support/api';
import { insertCommittee, insertPerson, pdfText, type Committee } from './support';

const sek = bearer(people.secretariat);

describe('meetings and cases through the API', () => {
  let api: ApiHarness;
  let asu: Committee;
  let april: string;
  let june: string;
  let march: string;
  const cases: Record<string, string> = {};
  const asMember = (name: string) => bearer({ sub: asu.people[name], name, roles: [], email: asu.email(name) });

  const createCase = async (body: Record<string, unknown>) => {
    const res = await api.http().post('/committees/ASU/cases').set(sek).send({ year: 2024, ...body });
    expect(res.status).toBe(201);
    return res.body;
  };

  const agendaState = async () => {
    const { rows } = await api.pg.query(`SELECT
      (SELECT md5(coalesce(string_agg(id::text || position || kind || coalesce(case_id::text, ''), ',' ORDER BY id), '')) FROM agenda_items) AS agenda,
      (SELECT md5(coalesce(string_agg(id::text || coalesce(meeting_id::text, ''), ',' ORDER BY id), '')) FROM cases) AS cases,
      (SELECT count(*)::int FROM case_meetings) AS track`);
    return { ...rows[0], engine: await api.fingerprint() };
  };

  beforeAll(async () => {
    api = await startApi('meetings-api');
    asu = await insertCommittee(api.pg);
    const meeting = async (startsAt: string, endsAt: string, nextMeetingNote: string | undefined) => {
      const res = await api
        .http()
        .post('/committees/ASU/meetings')
        .set(sek)
        .send({
          startsAt,
          endsAt,
          place: '1930 M11',
          chairPersonId: asu.people['Ingjerd Astad'],
          minuteTakerPersonId: asu.people['Solveig Cruikshank Tofte'],
          nextMeetingNote,
        });
      expect(res.status).toBe(201);
      return res.body;
    };
    const first = await meeting('2024-04-17T13:00:00+02:00', '2024-04-17T17:00:00+02:00', '19.06.24');
    april = first.id;
    expect(first).toMatchObject({ committee: 'ASU', state: 'planned', noticeDays: 7, chair: { name: 'Ingjerd Astad' } });
    expect(first.invited.map((p: { name: string }) => p.name).sort()).toEqual(
      ['Arnfinn Seim', 'Ingjerd Astad', 'Jan Roger Wold', 'Sunniva Rognerud', 'Tom Christian Martinsen', 'Tone Shetelig Løvvik',
        'Torkild Skaar', 'Trine Wigtil', 'Wenche P. Dehli'].sort(),
    );
    june = (await meeting('2024-06-19T09:00:00+02:00', '2024-06-19T12:00:00+02:00', undefined)).id;
    march = (await meeting('2024-03-06T09:00:00+01:00', '2024-03-06T12:00:00+01:00', undefined)).id;
  });
  afterAll(() => api?.close());

  it('numbers cases NN/YY in order per committee and year; a taken number is a conflict', async () => {
    cases['09/24'] = (await createCase({ number: 9, title: 'Godkjenning av innkalling og sakliste.', proposedResolution: '1. Innkalling og sakliste godkjennes.', responsible: 'Ingjerd Astad/Tom Christian Martinsen' })).id;
    const next = await createCase({ title: 'Helseplattformen - statusoppdatering', proposedResolution: '1. ASU tar saken til orientering.', responsible: 'Ingjerd Astad/Tom Christian Martinsen', caseOfficer: 'Solveig Cruikshank Tofte' });
    expect(next).toMatchObject({ ref: '10/24', number: 10, year: 2024, state: 'draft' });
    cases['10/24'] = next.id;
    cases['15/24'] = (await createCase({ number: 15, title: 'Utviklingsprosjekt fra Topplederprogrammet', proposedResolution: '1. Saken tas til orientering.', responsible: 'Ingjerd Astad/Tom Christian Martinsen' })).id;
    const after = await createCase({ title: 'Aktuelle prosjekter i fagråd', proposedResolution: '1. ASU tar prosjektene til orientering.' });
    expect(after.ref).toBe('16/24');
    cases['16/24'] = after.id;
    expect((await createCase({ year: 2025, title: 'Første sak i 2025', proposedResolution: '1. Tas til orientering.' })).ref).toBe('01/25');
    const taken = await api.http().post('/committees/ASU/cases').set(sek).send({ year: 2024, number: 10, title: 'Dobbel', proposedResolution: 'x' });
    expectProblem(taken, 409, 'conflict');
    const list = await api.http().get('/committees/ASU/cases?year=2024').set(sek).expect(200);
    expect(list.body.map((c: { ref: string }) => c.ref)).toEqual(['09/24', '10/24', '15/24', '16/24']);
  });

  it('puts the sakliste on the 17.04.24 meeting with times and responsible persons', async () => {
    const res = await api
      .http()
      .put(`/meetings/${april}/agenda`)
      .set(sek)
      .send({
        items: [
          { kind: 'case', caseId: cases['09/24'], durationMinutes: 10, responsible: 'Ingjerd Astad', details: 'Saker til eventuelt' },
          { kind: 'case', caseId: cases['10/24'], title: 'Helseplattformen', details: 'Status', durationMinutes: 20, responsible: 'Tor Erling Evjen, Helseplattformen AS' },
          { kind: 'break', title: 'Pause', durationMinutes: 10 },
          { kind: 'case', caseId: cases['15/24'], startsAt: '16:15', durationMinutes: 15, responsible: 'Albert Verhagen Tone Løvvik' },
          { kind: 'other', title: 'Hvordan har møtet vært? Avslutning av møtet' },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.agenda.map((l: Record<string, unknown>) => [l.position, l.caseRef, l.title, l.startsAt, l.endsAt, l.caseState])).toEqual([
      [1, '09/24', 'Godkjenning av innkalling og sakliste.', '13:00', '13:10', 'onAgenda'],
      [2, '10/24', 'Helseplattformen', '13:10', '13:30', 'onAgenda'],
      [3, null, 'Pause', '13:30', '13:40', null],
      [4, '15/24', 'Utviklingsprosjekt fra Topplederprogrammet', '16:15', '16:30', 'onAgenda'],
      [5, null, 'Hvordan har møtet vært? Avslutning av møtet', '16:30', null, null],
    ]);
  });

  describe('refuses an agenda item without a case, and changes nothing', () => {
    let before: Awaited<ReturnType<typeof agendaState>>;
    let auCase: string;
    beforeAll(async () => {
      await insertCommittee(api.pg, 'AU', { name: 'Arbeidsutvalget', seats: [] });
      const au = await api.http().post('/committees/AU/cases').set(sek).send({ year: 2024, title: 'AU-sak', proposedResolution: 'x' });
      auCase = au.body.id;
      before = await agendaState();
    });
    afterEach(async () => expect(await agendaState()).toEqual(before));

    const put = (items: unknown[]) => api.http().put(`/meetings/${april}/agenda`).set(sek).send({ items });
    const first = () => ({ kind: 'case', caseId: cases['09/24'] });

    it('kind "case" with no caseId: 400 naming items.1.caseId', async () => {
      const problem = expectProblem(await put([first(), { kind: 'case', title: 'Eventuelt' }]), 400, 'invalid-input');
      expect(problem.errors).toEqual([{ field: 'items.1.caseId', message: expect.stringContaining('required when kind is "case"') }]);
    });

    it('a caseId that names no case: 400 naming the field', async () => {
      const problem = expectProblem(await put([first(), { kind: 'case', caseId: randomUUID() }]), 400, 'invalid-input');
      expect(problem.errors).toEqual([{ field: 'items.1.caseId', message: expect.stringContaining('no case with this id') }]);
    });

    it("another committee's case", async () => {
      const problem = expectProblem(await put([first(), { kind: 'case', caseId: auCase }]), 400, 'invalid-input');
      expect(problem.errors).toEqual([{ field: 'items.1.caseId', message: 'case 01/24 belongs to AU, not ASU' }]);
    });

    it('a break without a title', async () => {
      const problem = expectProblem(await put([{ kind: 'break', durationMinutes: 10 }]), 400, 'invalid-input');
      expect(problem.errors).toEqual([{ field: 'items.0.title', message: expect.any(String) }]);
    });
  });

  it('holds the meeting: attendance with Teams, forfall, a vara and a guest; referat, innspill and vedtak', async () => {
    await api.http().post(`/meetings/${april}/publish`).set(sek).expect(200);
    // A member answers for themself before the meeting (roles come from the membership).
    const answer = await api.http().post(`/meetings/${april}/attendance`).set(asMember('Jan Roger Wold')).send({ status: 'absent' });
    expect(answer.status).toBe(200);
    expectProblem(
      await api.http().post(`/meetings/${april}/attendance`).set(asMember('Jan Roger Wold')).send({ personId: asu.people['Trine Wigtil'], status: 'absent' }),
      403,
      'forbidden',
    );
    await api.http().post(`/meetings/${april}/held`).set(sek).expect(200);
    const guest = await insertPerson(api.pg, 'Tor Erling Evjen');
    const record = (personId: string, status: string, standsInForPersonId?: string) =>
      api.http().post(`/meetings/${april}/attendance`).set(sek).send({ personId, status, standsInForPersonId }).expect(200);
    for (const name of ['Ingjerd Astad', 'Wenche P. Dehli', 'Tom Christian Martinsen', 'Tone Shetelig Løvvik', 'Arnfinn Seim', 'Trine Wigtil', 'Solveig Cruikshank Tofte']) {
      await record(asu.people[name], 'present');
    }
    await record(asu.people['Jan Roger Wold'], 'absent');
    await record(asu.people['Torkild Skaar'], 'remote');
    await record(asu.people['Sunniva Rognerud'], 'absent');
    await record(asu.people['Helena Bertilsson'], 'present', asu.people['Sunniva Rognerud']);
    await record(guest, 'present');

    const c10 = cases['10/24'];
    await api.http().put(`/cases/${c10}/minutes`).set(sek).send({ text: 'Avdelingsdirektør i Helseplattformen, Tor Erling Evjen, orienterte om status.' }).expect(200);
    await api.http().post(`/cases/${c10}/inputs`).set(sek).send({ text: 'Fastlegene opplever at meldte utfordringer ikke blir fulgt opp.', author: 'ASU' }).expect(200);
    await api.http().post(`/cases/${c10}/inputs`).set(asMember('Arnfinn Seim')).send({ text: 'Integrasjonene må bli bedre.' }).expect(200);
    await api.http().post(`/cases/${cases['09/24']}/decide`).set(sek).send({}).expect(200);
    const decided = await api.http().post(`/cases/${c10}/decide`).set(sek).send({ resolution: '1. ASU tar saken til orientering med innspillene fra møtet.', voteResult: 'Vedtatt ved konsensus.' });
    expect(decided.body).toMatchObject({ state: 'decided', resolution: '1. ASU tar saken til orientering med innspillene fra møtet.\n\nVedtatt ved konsensus.' });
    expect(decided.body.inputs).toHaveLength(2);
    expectProblem(await api.http().post(`/cases/${c10}/decide`).set(sek).send({}), 409, 'event-not-allowed');
  });

  it('sak 15/24 postponed from 17.04.24 to 19.06.24 is on that agenda with its history', async () => {
    const c15 = cases['15/24'];
    const before = await api.fingerprint();
    const same = await api.http().post(`/cases/${c15}/postpone`).set(sek).send({ toMeetingId: april });
    expect(expectProblem(same, 422, 'rule-violated').detail).toContain('conditions are not met');
    const earlier = await api.http().post(`/cases/${c15}/postpone`).set(sek).send({ toMeetingId: march });
    expect(expectProblem(earlier, 422, 'rule-violated').detail).toBe('A case is postponed to a later meeting than the one it is on');
    expect(await api.fingerprint()).toEqual(before);
    const res = await api.http().post(`/cases/${c15}/postpone`).set(sek).send({ toMeetingId: june, durationMinutes: 15, responsible: 'Albert Verhagen Tone Løvvik' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ref: '15/24', state: 'onAgenda', meetingId: june });
    expect(res.body.meetings.map((m: Record<string, unknown>) => [m.meetingId, m.outcome, m.resolution])).toEqual([
      [april, 'postponed', 'Saken utsettes til ASU-møte 19.06.24.'],
      [june, 'scheduled', null],
    ]);
    expect(res.body.history.map((h: { event: string; toState: string }) => [h.event, h.toState])).toEqual([
      ['workflow.started', 'draft'],
      ['case.scheduled', 'onAgenda'],
      ['case.postponed', 'onAgenda'],
    ]);

    const juneMeeting = await api.http().get(`/meetings/${june}`).set(asMember('Trine Wigtil')).expect(200);
    const line = juneMeeting.body.agenda.find((l: { caseId: string }) => l.caseId === c15);
    expect(line).toMatchObject({ caseRef: '15/24', outcome: 'scheduled', caseState: 'onAgenda', startsAt: '09:00', endsAt: '09:15' });
    expect(line.caseHistory.map((h: { startsAt: string; outcome: string }) => [h.startsAt, h.outcome])).toEqual([
      ['2024-04-17T11:00:00.000Z', 'postponed'],
      ['2024-06-19T07:00:00.000Z', 'scheduled'],
    ]);
    const aprilMeeting = await api.http().get(`/meetings/${april}`).set(sek).expect(200);
    expect(aprilMeeting.body.agenda.find((l: { caseId: string }) => l.caseId === c15)).toMatchObject({ outcome: 'postponed', caseState: 'onAgenda' });
    // A retried postponement adds nothing.
    await api.http().post(`/cases/${c15}/postpone`).set(sek).send({ toMeetingId: june }).expect(200);
    expect((await api.http().get(`/meetings/${june}`).set(sek)).body.agenda).toHaveLength(1);
  });

  it('exports the minutes of 17.04.24 in Norwegian: attendance, sakliste, every case and its vedtak', async () => {
    const md = await api.http().get(`/meetings/${april}/minutes.md`).set(asMember('Trine Wigtil')).expect(200);
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
    const expected = [
      '# MØTEREFERAT - ADMINISTRATIVT SAMARBEIDSUTVALG (ASU)',
      '| 17.04.24 | 13.00 – 17.00 | 1930 M11 | 19.06.24 | Ingjerd Astad | Solveig Cruikshank Tofte |',
      '| **Kommunene** |  |  |\n| Ingjerd Astad, Trøndelag sør-vest | x |  |',
      '| Jan Roger Wold, Fjellregionen |  | x |',
      '| **St. Olavs Hospital HF** |  |  |',
      '| **Fastlegerepresentanter** |  |  |\n| Arnfinn Seim, kommunene utenfor Trondheim kommune | x |  |',
      '| **Ansatte representanter (observatører)** |  |  |\n| Torkild Skaar, St. Olavs hospital (Dnlf) | x (Teams) |  |',
      '| **Observatører** |  |  |\n| Sunniva Rognerud, Helse Midt-Norge RHF |  | x |',
      '| **Vararepresentanter** |  |  |\n| Helena Bertilsson møtte som vara for Sunniva Rognerud | x |  |',
      '| **Andre til stede** |  |  |\n| Tor Erling Evjen | x |  |',
      '| **Sekretariatet** |  |  |\n| Solveig Cruikshank Tofte | x |  |',
      '## SAKLISTE',
      '| Kl. | Saksnr. | Saker | Ansvarlig | Tid |',
      '| 13.00-13.10 | 09/24 | Godkjenning av innkalling og sakliste.<br>• Saker til eventuelt | Ingjerd Astad | 10 |',
      '| 13.30-13.40 |  | Pause |  | 10 |',
      '| 16.15-16.30 | 15/24 UTSATT | Utviklingsprosjekt fra Topplederprogrammet | Albert Verhagen Tone Løvvik | 15 |',
      '**Sak:** 10/24 Helseplattformen - statusoppdatering  \n**Utvalg:** Administrativt samarbeidsutvalg  \n**Dato:** 17.04.2024',
      '**Saksbehandler:** Solveig Cruikshank Tofte',
      '### Forslag til vedtak\n\n1. ASU tar saken til orientering.',
      '### Referat\n\nAvdelingsdirektør i Helseplattformen, Tor Erling Evjen, orienterte om status.',
      '### Innspill\n\n- Fastlegene opplever at meldte utfordringer ikke blir fulgt opp.\n- Integrasjonene må bli bedre.',
      '### Vedtak\n\n1. ASU tar saken til orientering med innspillene fra møtet.\n\nVedtatt ved konsensus.',
      '### Vedtak\n\n1. Innkalling og sakliste godkjennes.',
      '**Sak:** 15/24 Utviklingsprosjekt fra Topplederprogrammet',
      '### Vedtak\n\nSaken utsettes til ASU-møte 19.06.24.',
    ];
    for (const text of expected) expect(md.text).toContain(text);
    expect(md.text.match(/^## Sak /gm)).toHaveLength(3);

    const pdf = await api
      .http()
      .get(`/meetings/${april}/minutes.pdf`)
      .set(sek)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const body = pdf.body as Buffer;
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(body).replace(/\s+/g, ' ');
    for (const words of [
      'MØTEREFERAT - ADMINISTRATIVT SAMARBEIDSUTVALG (ASU)',
      'Møtedato Møtevarighet Møtested Neste møte Møteleder Referent 17.04.24 13.00 – 17.00 1930 M11 19.06.24 Ingjerd Astad',
      'Møtte Forfall Kommunene Ingjerd Astad, Trøndelag sør-vest x',
      'Torkild Skaar, St. Olavs hospital (Dnlf) x (Teams)',
      'Helena Bertilsson møtte som vara for Sunniva Rognerud x',
      'SAKLISTE',
      '16.15-16.30 15/24 UTSATT Utviklingsprosjekt fra Topplederprogrammet',
      'Sak: 09/24 Godkjenning av innkalling og sakliste.',
      'Sak: 10/24 Helseplattformen - statusoppdatering Utvalg: Administrativt samarbeidsutvalg Dato: 17.04.2024',
      'Innspill Fastlegene opplever at meldte utfordringer ikke blir fulgt opp.',
      'Vedtak 1. ASU tar saken til orientering med innspillene fra møtet. Vedtatt ved konsensus.',
      'Vedtak Saken utsettes til ASU-møte 19.06.24.',
    ]) {
      expect(text).toContain(words);
    }
  });

  it('an assignment from a vedtak links to its case; an unknown case is refused', async () => {
    const ok = await api.createAssignment({ caseRef: '10/24', caseId: cases['10/24'], title: 'Følge opp integrasjonene' });
    const c = await api.http().get(`/cases/${cases['10/24']}`).set(sek).expect(200);
    expect(c.body.assignments).toEqual([{ instanceId: ok, state: 'assigned', title: 'Følge opp integrasjonene' }]);
    const before = await api.fingerprint();
    const res = await api.http().post('/workflows/assignment/instances').set(sek).send({ input: { ...assignment(), caseId: randomUUID() } });
    expectProblem(res, 422, 'reference-not-found');
    expect(await api.fingerprint()).toEqual(before);
  });

  it('members read meetings and cases; only the secretariat changes them; outsiders read nothing', async () => {
    await api.http().get(`/cases/${cases['15/24']}`).set(asMember('Torkild Skaar')).expect(200);
    expectProblem(await api.http().put(`/meetings/${june}/agenda`).set(asMember('Ingjerd Astad')).send({ items: [] }), 403, 'forbidden');
    expectProblem(await api.http().post('/committees/ASU/cases').set(asMember('Ingjerd Astad')).send({ title: 'x', proposedResolution: 'y' }), 403, 'forbidden');
    expectProblem(await api.http().get(`/meetings/${april}`).set(bearer(people.other)), 403, 'forbidden');
    expectProblem(await api.http().get(`/meetings/${randomUUID()}`).set(sek), 404);
  });
});

const assignment = () => ({
  title: 'Oppdrag',
  caseRef: '10/24',
  assignee: { id: people.assignee.sub, name: people.assignee.name, email: people.assignee.email },
  dueAt: '2030-09-30',
});
