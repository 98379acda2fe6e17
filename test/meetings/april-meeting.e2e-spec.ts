import { expectProblem, startApi, type ApiHarness } from '../support/api';
import { AsuScenario, aprilAgenda, sek, type Ref } from './scenario';
import { expectArchivable, expectInOrder, inspectPdf } from '../support/pdf';
import { insertCommittee } from './support';

/** The meeting of 17.04.24 held as the minutes tell it, sak 15/24 postponed to 19.06.24, and its referat. */
describe('the ASU meeting of 17.04.24: held, 15/24 postponed, minutes exported', () => {
  let api: ApiHarness;
  let s: AsuScenario;
  let april: string;
  let june: string;
  let march: string;
  let cases: Record<Ref, string>;

  beforeAll(async () => {
    api = await startApi('april-meeting');
    s = new AsuScenario(api, await insertCommittee(api.pg));
    april = (await s.meeting('2024-04-17T13:00:00+02:00', '2024-04-17T17:00:00+02:00', '19.06.24')).id;
    june = (await s.meeting('2024-06-19T09:00:00+02:00', '2024-06-19T12:00:00+02:00')).id;
    march = (await s.meeting('2024-03-06T09:00:00+01:00', '2024-03-06T12:00:00+01:00')).id;
    cases = await s.aprilCases(april);
    await s.holdApril(april, cases);
  });
  afterAll(() => api?.close());

  it('keeps the attendance, referat, innspill and vedtak of the meeting', async () => {
    const meeting = await api.http().get(`/meetings/${april}`).set(sek).expect(200);
    expect(meeting.body.state).toBe('held');
    const status = Object.fromEntries(
      meeting.body.attendance.map((a: { name: string; status: string }) => [a.name, a.status]),
    );
    expect(status).toMatchObject({
      'Jan Roger Wold': 'absent',
      'Torkild Skaar': 'remote',
      'Helena Bertilsson': 'present',
    });
    const c10 = (await api.http().get(`/cases/${cases['10/24']}`).set(sek).expect(200)).body;
    expect(c10).toMatchObject({
      state: 'decided',
      resolution: '1. ASU tar saken til orientering med innspillene fra møtet.\n\nVedtatt ved konsensus.',
      minutesText: 'Avdelingsdirektør i Helseplattformen, Tor Erling Evjen, orienterte om status.',
      inputs: [
        { author: 'ASU', meetingId: april },
        { text: 'Integrasjonene må bli bedre.', meetingId: april },
      ],
    });
    expectProblem(await s.send('post', `/cases/${cases['10/24']}/decide`, {}), 409, 'event-not-allowed');
  });

  it('sak 15/24 postponed from 17.04.24 to 19.06.24 is on that agenda with its history', async () => {
    const c15 = cases['15/24'];
    const before = await api.fingerprint();
    const same = expectProblem(
      await s.send('post', `/cases/${c15}/postpone`, { toMeetingId: april }),
      422,
      'rule-violated',
    );
    expect(same.detail).toContain('its conditions are not met');
    const earlier = expectProblem(
      await s.send('post', `/cases/${c15}/postpone`, { toMeetingId: march }),
      422,
      'rule-violated',
    );
    expect(earlier.detail).toBe('A case is postponed to a later meeting than the one it is on');
    expect(await api.fingerprint()).toEqual(before);

    const res = await s
      .send('post', `/cases/${c15}/postpone`, {
        toMeetingId: june,
        durationMinutes: 15,
        responsible: 'Albert Verhagen',
      })
      .expect(200);
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

    const juneMeeting = await api.http().get(`/meetings/${june}`).set(s.member('Trine Wigtil')).expect(200);
    expect(juneMeeting.body.agenda).toHaveLength(1);
    const [line] = juneMeeting.body.agenda;
    expect(line).toMatchObject({
      caseId: c15,
      caseRef: '15/24',
      outcome: 'scheduled',
      startsAt: '09:00',
      endsAt: '09:15',
    });
    expect(line.caseHistory.map((h: { startsAt: string; outcome: string }) => [h.startsAt, h.outcome])).toEqual([
      ['2024-04-17T11:00:00.000Z', 'postponed'],
      ['2024-06-19T07:00:00.000Z', 'scheduled'],
    ]);
    const aprilMeeting = await api.http().get(`/meetings/${april}`).set(sek).expect(200);
    expect(aprilMeeting.body.agenda.find((l: { caseId: string }) => l.caseId === c15)).toMatchObject({
      outcome: 'postponed',
      caseState: 'onAgenda',
    });
    // Sent again (as after a failure between the case and the agenda): nothing more happens.
    await s.send('post', `/cases/${c15}/postpone`, { toMeetingId: june }).expect(200);
    expect((await api.http().get(`/meetings/${june}`).set(sek)).body.agenda).toHaveLength(1);
    expect((await api.http().get(`/cases/${c15}`).set(sek)).body.history).toHaveLength(3);
  });

  it('keeps decided and postponed cases on the sakliste of the meeting that dealt with them', async () => {
    const before = await api.fingerprint();
    const items = aprilAgenda(cases).filter((l) => !l.caseId || l.caseId === cases['10/24']);
    const problem = expectProblem(await s.send('put', `/meetings/${april}/agenda`, { items }), 400, 'invalid-input');
    expect(problem.errors).toEqual([
      { field: 'items', message: 'case 09/24 was decided at this meeting and stays on its sakliste' },
      { field: 'items', message: 'case 15/24 was postponed at this meeting and stays on its sakliste' },
    ]);
    expect(await api.fingerprint()).toEqual(before);
  });

  it('exports the referat as Markdown in Norwegian: attendance, sakliste, every case and its vedtak', async () => {
    const md = await api.http().get(`/meetings/${april}/minutes.md`).set(s.member('Trine Wigtil')).expect(200);
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
    const expected = [
      '# MØTEREFERAT - ADMINISTRATIVT SAMARBEIDSUTVALG (ASU)',
      '| Møtedato | Møtevarighet | Møtested | Neste møte | Møteleder | Referent |',
      '| 17.04.24 | 13.00 – 17.00 | 1930 M11 | 19.06.24 | Ingjerd Astad | Solveig Cruikshank Tofte |',
      '|  | Møtte | Forfall |',
      '| **Kommunene** |  |  |\n| Ingjerd Astad, Trøndelag sør-vest | x |  |',
      '| Jan Roger Wold, Fjellregionen |  | x |',
      '| **St. Olavs Hospital HF** |  |  |\n| Tom Christian Martinsen | x |  |',
      '| **Fastlegerepresentanter** |  |  |\n| Arnfinn Seim, kommunene utenfor Trondheim kommune | x |  |',
      '| **Brukerrepresentanter** |  |  |\n| Trine Wigtil | x |  |',
      '| **Ansatte representanter (observatører)** |  |  |\n| Torkild Skaar, St. Olavs hospital (Dnlf) | x (Teams) |  |',
      '| **Observatører** |  |  |\n| Sunniva Rognerud, Helse Midt-Norge RHF |  | x |',
      '| **Vararepresentanter** |  |  |\n| Helena Bertilsson møtte som vara for Sunniva Rognerud | x |  |',
      '| **Andre til stede** |  |  |\n| Tor Erling Evjen | x |  |',
      '| **Sekretariatet** |  |  |\n| Solveig Cruikshank Tofte | x |  |',
      '## SAKLISTE',
      'Møtedato: 17.04.2024 kl. 13.00 – 17.00',
      '| Kl. | Saksnr. | Saker | Ansvarlig | Tid |',
      '| 13.00-13.10 | 09/24 | Godkjenning av innkalling og sakliste.<br>• Saker til eventuelt | Ingjerd Astad | 10 |',
      '| 13.30-13.40 |  | Pause |  | 10 |',
      '| 16.15-16.30 | 15/24 UTSATT | Utviklingsprosjekt fra Topplederprogrammet | Albert Verhagen Tone Løvvik | 15 |',
      '**Sak:** 10/24 Helseplattformen - statusoppdatering  \n**Utvalg:** Administrativt samarbeidsutvalg  \n**Dato:** 17.04.2024',
      '**Saksansvarlig:** Ingjerd Astad/Tom Christian Martinsen  \n**Saksbehandler:** Solveig Cruikshank Tofte',
      '### Forslag til vedtak\n\n1. ASU tar saken til orientering.',
      '### Referat\n\nAvdelingsdirektør i Helseplattformen, Tor Erling Evjen, orienterte om status.',
      '### Innspill\n\n- Fastlegene opplever at meldte utfordringer ikke blir fulgt opp.\n- Integrasjonene må bli bedre.',
      '### Vedtak\n\n1. ASU tar saken til orientering med innspillene fra møtet.\n\nVedtatt ved konsensus.',
      '**Sak:** 09/24 Godkjenning av innkalling og sakliste.',
      '### Vedtak\n\n1. Innkalling og sakliste godkjennes.',
      '**Sak:** 15/24 Utviklingsprosjekt fra Topplederprogrammet',
      '### Forslag til vedtak\n\n1. Saken tas til orientering.\n\n### Vedtak\n\nSaken utsettes til ASU-møte 19.06.24.',
    ];
    for (const text of expected) expect(md.text).toContain(text);
    expect(md.text.match(/^## Sak \d\d\/24 /gm)).toEqual(['## Sak 09/24 ', '## Sak 10/24 ', '## Sak 15/24 ']);
  });

  it('exports the referat as PDF with the same content', async () => {
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
    // PDF/A-2a, DejaVu Sans embedded, nb, tagged; the text as pdf.js reads it, in order, as the screen reader reads it.
    const facts = await inspectPdf(body);
    expectArchivable(facts, /^MØTEREFERAT - ADMINISTRATIVT SAMARBEIDSUTVALG \(ASU\) /);
    const expected = [
      'MØTEREFERAT - ADMINISTRATIVT SAMARBEIDSUTVALG (ASU)',
      'Møtedato Møtevarighet Møtested Neste møte Møteleder Referent 17.04.24 13.00 – 17.00 1930 M11 19.06.24 Ingjerd Astad',
      'Møtte Forfall Kommunene Ingjerd Astad, Trøndelag sør-vest x',
      'Jan Roger Wold, Fjellregionen x',
      'Torkild Skaar, St. Olavs hospital (Dnlf) x (Teams)',
      'Vararepresentanter Helena Bertilsson møtte som vara for Sunniva Rognerud x',
      'SAKLISTE',
      '16.15-16.30 15/24 UTSATT Utviklingsprosjekt fra Topplederprogrammet',
      'Sak: 09/24 Godkjenning av innkalling og sakliste.',
      'Sak: 10/24 Helseplattformen - statusoppdatering Utvalg: Administrativt samarbeidsutvalg Dato: 17.04.2024',
      'Referat Avdelingsdirektør i Helseplattformen, Tor Erling Evjen, orienterte om status.',
      'Innspill Fastlegene opplever at meldte utfordringer ikke blir fulgt opp.',
      'Vedtak 1. ASU tar saken til orientering med innspillene fra møtet. Vedtatt ved konsensus.',
      'Vedtak Saken utsettes til ASU-møte 19.06.24.',
    ];
    expectInOrder(facts.text, expected);
    expectInOrder(facts.tagged, expected);
  });
});
