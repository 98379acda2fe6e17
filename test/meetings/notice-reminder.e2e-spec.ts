import { AgendaService, CaseService, CasesRepository, MeetingService, MeetingsRepository } from '@samflyt/domain';
import { WorkflowEngine, ErrorCode, DomainError, type Actor } from '@samflyt/engine';
import { engineHarness, secretariat, type EngineHarness } from '../support/engine';
import { insertCommittee, invitedNames, type Committee } from './support';

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<DomainError> {
  const error = await promise.then(
    () => new Error(`expected ${code}, but it succeeded`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  return error as DomainError;
}

describe('notice (innkalling) and reminders of a meeting, on durable timers', () => {
  let h: EngineHarness;
  let clock = new Date('2030-03-01T08:00:00Z');
  let engine: WorkflowEngine;
  let meetings: MeetingService;
  let cases: CaseService;
  let asu: Committee;
  let meetingId: string;
  let instanceId: string;

  const mails = async (subject: string) =>
    (await h.dataSource.query(
      `SELECT recipient, subject, body, letter FROM outbox_messages WHERE instance_id = $1 AND subject LIKE $2 ORDER BY recipient`,
      [instanceId, `${subject}%`],
    )) as { recipient: string; subject: string; body: string; letter: { fields: Record<string, string> } | null }[];
  const emailsOf = (names: string[]) => names.map((n) => asu.email(n)).sort();
  const timer = async (name: string) =>
    (await meetings.get(meetingId, secretariat)).timers.find((t) => t.name === name)!;

  beforeAll(async () => {
    h = await engineHarness('meeting-notice');
    engine = new WorkflowEngine(h.dataSource, h.engine.registry, null, { now: () => clock });
    const meetingRows = new MeetingsRepository(h.dataSource);
    const caseRows = new CasesRepository(h.dataSource);
    const agenda = new AgendaService(engine, meetingRows, caseRows);
    meetings = new MeetingService(meetingRows, engine);
    cases = new CaseService(caseRows, meetingRows, engine, agenda);
    asu = await insertCommittee(h.dataSource, 'ASU', { noticeDays: 10 });
    const meeting = await meetings.create(
      'ASU',
      {
        startsAt: '2030-04-17T13:00:00+02:00',
        endsAt: '2030-04-17T17:00:00+02:00',
        place: '1930 M11',
        chairPersonId: asu.people['Ingjerd Astad'],
        reminderOffsets: ['P2D'],
      },
      secretariat,
    );
    meetingId = meeting.id;
    instanceId = meeting.instanceId;
    const sak = await cases.create(
      'ASU',
      { year: 2030, title: 'Godkjenning av innkalling og sakliste', proposedResolution: '1. Godkjennes.' },
      secretariat,
    );
    await agenda.replace(
      meetingId,
      [{ kind: 'case', caseId: sak.id, durationMinutes: 10, responsible: 'Ingjerd Astad' }],
      secretariat,
    );
  });
  afterAll(() => h.close());

  it("arms the notice the committee's notice_days before the meeting when the agenda is published", async () => {
    const view = await meetings.send(meetingId, { type: 'agenda.published' }, secretariat);
    expect(view.state).toBe('published');
    expect(view.timers.map((t) => [t.name, t.dueAt])).toEqual([['notice', '2030-04-07T11:00:00.000Z']]);
  });

  it('e-mails the notice with the sakliste to every member called, at that time and once', async () => {
    const notice = await timer('notice');
    expect(await engine.fireTimer(notice.id)).toBe('not-due');
    expect(await mails('Innkalling')).toEqual([]);
    clock = new Date('2030-04-07T11:00:01Z');
    expect(await engine.fireTimer(notice.id)).toBe('fired');
    expect(await engine.fireTimer(notice.id)).toBe('not-pending');
    const sent = await mails('Innkalling');
    expect(sent.map((m) => m.recipient)).toEqual(emailsOf(invitedNames));
    expect(sent[0].subject).toBe('Innkalling: Administrativt samarbeidsutvalg 17.04.2030');
    // The innkalling is a letter (a PDF the worker attaches); the e-mail is its notice.
    expect(sent[0].body).toContain('vedlagt følger innkalling til møte');
    expect(sent[0].body).toContain('onsdag 17. april 2030 kl. 13.00–17.00');
    expect(sent[0].letter?.fields).toMatchObject({
      utvalg: 'Administrativt samarbeidsutvalg (ASU)',
      tid: 'onsdag 17. april 2030 kl. 13.00–17.00',
    });
    expect(sent[0].letter?.fields.sakliste).toContain(
      '13.00-13.10  01/30  Godkjenning av innkalling og sakliste (Ingjerd Astad)',
    );
    const view = await meetings.get(meetingId, secretariat);
    expect(view.state).toBe('noticed');
    expect(view.timers.map((t) => [t.name, t.dueAt])).toEqual([['reminder-P2D', '2030-04-15T11:00:00.000Z']]);
  });

  it('takes answers from members for themselves and from the secretariat; refuses others, changing nothing', async () => {
    const wold: Actor = asu.actor('Jan Roger Wold');
    await meetings.attendance(meetingId, { status: 'absent' }, wold);
    await meetings.attendance(meetingId, { personId: asu.people['Arnfinn Seim'], status: 'remote' }, secretariat);
    const rows = () =>
      h.dataSource.query(`SELECT person_id, status FROM attendance WHERE meeting_id = $1 ORDER BY person_id`, [
        meetingId,
      ]);
    const before = { rows: await rows(), revision: (await meetings.get(meetingId, secretariat)).revision };
    await expectCode(
      meetings.attendance(meetingId, { personId: asu.people['Trine Wigtil'], status: 'absent' }, wold),
      ErrorCode.Forbidden,
    );
    await expectCode(
      meetings.attendance(meetingId, { personId: asu.people['Helena Bertilsson'], status: 'present' }, secretariat),
      ErrorCode.RuleViolated,
    );
    await expectCode(meetings.attendance(meetingId, { status: 'present' }, secretariat), ErrorCode.InvalidInput);
    expect({ rows: await rows(), revision: (await meetings.get(meetingId, secretariat)).revision }).toEqual(before);
    expect(before.rows).toHaveLength(2);
  });

  it('reminds only the members who have not answered, once', async () => {
    const reminder = await timer('reminder-P2D');
    clock = new Date('2030-04-15T11:00:00Z');
    expect(await engine.fireTimer(reminder.id)).toBe('fired');
    expect(await engine.fireTimer(reminder.id)).toBe('not-pending');
    const sent = await mails('Påminnelse');
    const unanswered = invitedNames.filter((n) => n !== 'Jan Roger Wold' && n !== 'Arnfinn Seim');
    expect(sent.map((m) => m.recipient)).toEqual(emailsOf(unanswered));
    expect(sent).toHaveLength(7);
    expect(sent[0].subject).toBe('Påminnelse: svar på innkallingen til ASU 17.04.2030');
    expect(sent[0].body).toContain('vi har ikke fått svar fra deg om du kommer på møtet.');
  });

  it('sends a late notice at once, and skips a reminder whose time has passed', async () => {
    clock = new Date('2030-05-05T08:00:00Z');
    const late = await meetings.create(
      'ASU',
      { startsAt: '2030-05-06T09:00:00+02:00', endsAt: '2030-05-06T11:00:00+02:00', place: 'Teams' },
      secretariat,
    );
    const published = await meetings.send(late.id, { type: 'agenda.published' }, secretariat);
    expect(published.timers[0].dueAt).toBe('2030-04-26T07:00:00.000Z');
    expect(await engine.fireTimer(published.timers[0].id)).toBe('fired');
    const noticed = await meetings.get(late.id, secretariat);
    expect(noticed).toMatchObject({ state: 'noticed', timers: [] });
    const cancelled = await meetings.send(
      late.id,
      { type: 'meeting.cancelled', reason: 'Flyttes til juni' },
      secretariat,
    );
    expect(cancelled.state).toBe('cancelled');
    const avlyst = (await h.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_messages WHERE instance_id = $1 AND subject LIKE 'Avlyst%'`,
      [late.instanceId],
    )) as { n: number }[];
    expect(avlyst[0].n).toBe(invitedNames.length);
  });
});
