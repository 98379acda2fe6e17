import { initialTransition, transition } from 'xstate';
import { exploreMachine } from '@samflyt/engine/machine-coverage';
import { timedAgenda, type AgendaLine } from './agenda';
import { agendaLines } from './meeting.schemas';
import { meetingMachine, type MeetingInput } from './meeting.machine';
import { meetingTemplates } from './meeting.templates';

const astad = { personId: '11111111-1111-4111-8111-111111111111', name: 'Ingjerd Astad', email: 'ingjerd@tsv.test' };
const wold = { personId: '22222222-2222-4222-8222-222222222222', name: 'Jan Roger Wold', email: 'jan@fjell.test' };
const seim = { personId: '33333333-3333-4333-8333-333333333333', name: 'Arnfinn Seim', email: 'arnfinn@lege.test' };

const input: MeetingInput = {
  meetingId: '44444444-4444-4444-8444-444444444444',
  committee: { code: 'ASU', name: 'Administrativt samarbeidsutvalg' },
  startsAt: '2024-04-17T11:00:00.000Z',
  endsAt: '2024-04-17T15:00:00.000Z',
  place: '1930 M11',
  chair: { personId: astad.personId, name: astad.name },
  minuteTaker: null,
  nextMeetingNote: '19.06.24',
  noticeDays: 7,
  reminderOffsets: ['P2D'],
  members: [astad, wold, seim],
};

const agenda: AgendaLine[] = agendaLines.parse([
  {
    kind: 'case',
    caseId: '55555555-5555-4555-8555-555555555555',
    caseRef: '09/24',
    title: 'Godkjenning av innkalling og sakliste',
    durationMinutes: 10,
    responsible: 'Ingjerd Astad',
    details: 'Saker til eventuelt',
  },
  {
    kind: 'case',
    caseId: '66666666-6666-4666-8666-666666666666',
    caseRef: '10/24',
    title: 'Helseplattformen',
    durationMinutes: 20,
  },
  { kind: 'break', title: 'Pause', startsAt: '13.40', durationMinutes: 10 },
]);

describe('meeting machine', () => {
  it('arms the notice noticeDays before the meeting when the agenda is published', () => {
    const [s0] = initialTransition(meetingMachine, input);
    const [s1, actions] = transition(meetingMachine, s0, { type: 'agenda.published' });
    expect(s1.value).toBe('published');
    expect(actions).toEqual([
      expect.objectContaining({
        type: 'armTimers',
        params: {
          group: 'notice',
          timers: [{ name: 'notice', at: '2024-04-10T11:00:00.000Z', event: { type: 'notice.due' } }],
        },
      }),
    ]);
  });

  it('sends the notice to every member, then reminds only those who have not answered', () => {
    const [s0] = initialTransition(meetingMachine, input);
    const [s1] = transition(meetingMachine, s0, { type: 'agenda.updated', items: agenda });
    const [s2] = transition(meetingMachine, s1, { type: 'agenda.published' });
    const [s3, noticed] = transition(meetingMachine, s2, { type: 'notice.due' });
    expect(s3.value).toBe('noticed');
    expect(noticed.map((a) => a.type)).toEqual(['disarmTimers', 'notify', 'armTimers']);
    expect((noticed[1].params as { to: unknown[] }).to).toEqual([astad, wold, seim]);
    expect((noticed[2].params as { timers: { at: string; skipIfPast: boolean }[] }).timers).toEqual([
      expect.objectContaining({ at: '2024-04-15T11:00:00.000Z', skipIfPast: true }),
    ]);
    const [s4] = transition(meetingMachine, s3, {
      type: 'attendance.answered',
      personId: wold.personId,
      status: 'absent',
    });
    const [s5] = transition(meetingMachine, s4, {
      type: 'attendance.answered',
      personId: seim.personId,
      status: 'remote',
    });
    const [, reminded] = transition(meetingMachine, s5, { type: 'reminder.due', offset: 'P2D' });
    expect(reminded).toEqual([
      expect.objectContaining({
        type: 'notify',
        params: expect.objectContaining({ template: 'reminder', to: [astad] }),
      }),
    ]);
  });

  it('refuses answers from people who are not called to the meeting', () => {
    const [s0] = initialTransition(meetingMachine, input);
    expect(
      s0.can({ type: 'attendance.answered', personId: '77777777-7777-4777-8777-777777777777', status: 'present' }),
    ).toBe(false);
  });

  it('records attendance at the meeting, with a vara standing in', () => {
    const [s0] = initialTransition(meetingMachine, input);
    const [s1] = transition(meetingMachine, s0, { type: 'meeting.held' });
    const vara = '88888888-8888-4888-8888-888888888888';
    const [s2] = transition(meetingMachine, s1, {
      type: 'attendance.recorded',
      entries: [
        { personId: wold.personId, status: 'absent', standsInForPersonId: null },
        { personId: vara, status: 'present', standsInForPersonId: wold.personId },
      ],
    });
    expect(s2.context.attendance[vara]).toEqual({ status: 'present', standsInForPersonId: wold.personId });
  });

  it('computes the sakliste times and renders the notice in Norwegian with the agenda', () => {
    expect(timedAgenda(agenda, input.startsAt).map((l) => [l.from, l.to])).toEqual([
      ['13.00', '13.10'],
      ['13.10', '13.30'],
      ['13.40', '13.50'],
    ]);
    const [s0] = initialTransition(meetingMachine, input);
    const [s1] = transition(meetingMachine, s0, { type: 'agenda.updated', items: agenda });
    const mail = meetingTemplates.notice(s1.context, { recipient: { name: 'Jan Roger Wold' } });
    expect(mail.subject).toBe('Innkalling: Administrativt samarbeidsutvalg 17.04.2024');
    expect(mail.text).toContain('Hei Jan Roger Wold,');
    expect(mail.text).toContain('onsdag 17. april 2024 kl. 13.00–17.00');
    // The sakliste is in the innkalling itself, the letter the e-mail carries as a PDF.
    const fields = (mail.letter as { fields: Record<string, string> }).fields;
    expect(fields.tid).toBe('onsdag 17. april 2024 kl. 13.00–17.00');
    expect(fields.sakliste).toContain('13.00-13.10  09/24  Godkjenning av innkalling og sakliste (Ingjerd Astad)');
    expect(fields.sakliste).toContain('• Saker til eventuelt');
    expect(fields.sakliste).toContain('13.40-13.50  Pause');
  });

  it('names the field of an agenda line without a case', () => {
    const result = agendaLines.safeParse([
      { kind: 'break', title: 'Pause' },
      { kind: 'case', title: 'Eventuelt' },
    ]);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual(['1.caseId']);
  });
});

describe('meeting machine coverage', () => {
  it('reaches every state and exercises every transition', () => {
    const coverage = exploreMachine(meetingMachine, {
      input,
      events: [
        { type: 'agenda.updated', items: agenda },
        { type: 'agenda.itemAdded', item: { ...agenda[2], id: '99999999-9999-4999-8999-999999999999' } },
        { type: 'agenda.published' },
        { type: 'notice.due' },
        { type: 'reminder.due', offset: 'P2D' },
        { type: 'attendance.answered', personId: astad.personId, status: 'present' },
        { type: 'meeting.updated', place: 'Seminarrom 1902' },
        { type: 'meeting.held' },
        {
          type: 'attendance.recorded',
          entries: [{ personId: astad.personId, status: 'present', standsInForPersonId: null }],
        },
        { type: 'minutes.approved' },
        { type: 'meeting.cancelled', reason: 'For få påmeldte' },
      ],
    });
    expect(coverage.reachedStates).toEqual(coverage.declaredStates);
    expect(coverage.exercisedTransitions).toEqual(coverage.declaredTransitions);
    expect(coverage.declaredStates).toEqual(['approved', 'cancelled', 'held', 'noticed', 'planned', 'published']);
  });
});
