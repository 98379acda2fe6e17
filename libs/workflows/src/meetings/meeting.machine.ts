import { assertEvent, assign, setup } from 'xstate';
import { before, engineActions, type Actor, type TimerSpec } from '@samflyt/engine';
import type { AgendaLine } from './agenda';
import type { ATTENDANCE } from './meeting.schemas';

export type PresenceStatus = (typeof ATTENDANCE)[number];

export interface PersonRef {
  personId: string;
  name: string;
}

/** Who is called to the meeting (innkalt): the committee's members with a seat, with e-mail. */
export interface MeetingMember extends PersonRef {
  email: string;
}

export interface MeetingPresence {
  status: PresenceStatus;
  /** A vara standing in for this member. */
  standsInForPersonId: string | null;
}

export interface MeetingInput {
  meetingId: string;
  committee: { code: string; name: string };
  startsAt: string;
  endsAt: string;
  place: string;
  chair: PersonRef | null;
  minuteTaker: PersonRef | null;
  nextMeetingNote: string | null;
  /** The committee's `notice_days`: the innkalling goes out this many days before. */
  noticeDays: number;
  /** Reminders to members who have not answered, e.g. `P2D` before the meeting. */
  reminderOffsets: string[];
  members: MeetingMember[];
}

export interface MeetingContext extends MeetingInput {
  agenda: AgendaLine[];
  /** Answers given before the meeting, by person id. */
  answers: Record<string, MeetingPresence>;
  /** Attendance recorded at the meeting, by person id. */
  attendance: Record<string, MeetingPresence>;
  cancelledReason: string | null;
}

export interface AttendanceEntry extends MeetingPresence {
  personId: string;
}

export type MeetingEvent =
  | { type: 'agenda.updated'; items: AgendaLine[] }
  | { type: 'agenda.itemAdded'; item: AgendaLine }
  | { type: 'agenda.published' }
  | { type: 'notice.due' }
  | { type: 'reminder.due'; offset: string }
  | { type: 'attendance.answered'; personId: string; status: PresenceStatus }
  | {
      type: 'meeting.updated';
      place?: string;
      chair?: PersonRef | null;
      minuteTaker?: PersonRef | null;
      nextMeetingNote?: string | null;
    }
  | { type: 'meeting.held' }
  | { type: 'attendance.recorded'; entries: AttendanceEntry[] }
  | { type: 'minutes.approved' }
  | { type: 'meeting.cancelled'; reason: string };

/** States in which the agenda may change and cases may be put on it. */
export const OPEN_MEETING_STATES = ['planned', 'published', 'noticed', 'held'] as const;

type Args = { context: MeetingContext; event: MeetingEvent };

/** Members who have not said whether they come. */
export const unanswered = (c: MeetingContext): MeetingMember[] => c.members.filter((m) => !c.answers[m.personId]);

/** The member a person's token stands for: the same person id (token subject) or e-mail. */
export function memberOf(actor: Actor, c: Pick<MeetingContext, 'members'>): MeetingMember | undefined {
  const email = actor.email?.toLowerCase();
  return c.members.find((m) => m.personId === actor.id || (email !== undefined && m.email.toLowerCase() === email));
}

const noticeTimer = (c: MeetingContext): TimerSpec[] => [
  { name: 'notice', at: before(c.startsAt, `P${c.noticeDays}D`), event: { type: 'notice.due' } },
];

const reminderTimers = (c: MeetingContext): TimerSpec[] =>
  c.reminderOffsets.map((offset) => ({
    name: `reminder-${offset}`,
    at: before(c.startsAt, offset),
    event: { type: 'reminder.due', offset },
    skipIfPast: true,
  }));

/** What may happen to a meeting until it is held: agenda, details, answers, held, cancelled. */
const beforeMeeting = {
  'agenda.updated': { actions: 'setAgenda' },
  'agenda.itemAdded': { guard: 'lineIsNew', actions: 'addLine' },
  'meeting.updated': { actions: 'applyEdit' },
  'attendance.answered': { guard: 'answererIsMember', actions: 'recordAnswer' },
  'meeting.held': { target: 'held' },
} as const;

/**
 * Møte: planned → agenda published → notice (innkalling with the sakliste) e-mailed to the members
 * `noticeDays` before → reminders to those who have not answered → held (attendance recorded) →
 * minutes approved. Cancelled before it is held.
 */
export const meetingMachine = setup({
  types: {
    context: {} as MeetingContext,
    events: {} as MeetingEvent,
    input: {} as MeetingInput,
  },
  actions: {
    ...engineActions,
    setAgenda: assign({
      agenda: ({ event }: Args) => {
        assertEvent(event, 'agenda.updated');
        return event.items;
      },
    }),
    addLine: assign({
      agenda: ({ context, event }: Args) => {
        assertEvent(event, 'agenda.itemAdded');
        return [...context.agenda, event.item];
      },
    }),
    applyEdit: assign(({ context, event }: Args) => {
      assertEvent(event, 'meeting.updated');
      return {
        place: event.place ?? context.place,
        chair: event.chair === undefined ? context.chair : event.chair,
        minuteTaker: event.minuteTaker === undefined ? context.minuteTaker : event.minuteTaker,
        nextMeetingNote: event.nextMeetingNote === undefined ? context.nextMeetingNote : event.nextMeetingNote,
      };
    }),
    recordCancellation: assign({
      cancelledReason: ({ event }: Args) => {
        assertEvent(event, 'meeting.cancelled');
        return event.reason;
      },
    }),
    recordAnswer: assign({
      answers: ({ context, event }: Args) => {
        assertEvent(event, 'attendance.answered');
        return { ...context.answers, [event.personId]: { status: event.status, standsInForPersonId: null } };
      },
    }),
  },
  guards: {
    answererIsMember: ({ context, event }: Args) => {
      assertEvent(event, 'attendance.answered');
      return context.members.some((m) => m.personId === event.personId);
    },
    lineIsNew: ({ context, event }: Args) => {
      assertEvent(event, 'agenda.itemAdded');
      return !context.agenda.some(
        (l) => l.id === event.item.id || (l.caseId !== null && l.caseId === event.item.caseId),
      );
    },
  },
}).createMachine({
  id: 'meeting',
  initial: 'planned',
  context: ({ input }) => ({ ...input, agenda: [], answers: {}, attendance: {}, cancelledReason: null }),
  states: {
    planned: {
      on: {
        ...beforeMeeting,
        'agenda.published': { target: 'published' },
        'meeting.cancelled': { target: 'cancelled', actions: 'recordCancellation' },
      },
    },
    published: {
      entry: { type: 'armTimers', params: ({ context }) => ({ group: 'notice', timers: noticeTimer(context) }) },
      exit: { type: 'disarmTimers', params: { group: 'notice' } },
      on: {
        ...beforeMeeting,
        'notice.due': {
          target: 'noticed',
          actions: {
            type: 'notify',
            params: ({ context }) => ({ key: `notice-${context.startsAt}`, template: 'notice', to: context.members }),
          },
        },
        'meeting.cancelled': { target: 'cancelled', actions: 'recordCancellation' },
      },
    },
    noticed: {
      entry: { type: 'armTimers', params: ({ context }) => ({ group: 'reminders', timers: reminderTimers(context) }) },
      exit: { type: 'disarmTimers', params: { group: 'reminders' } },
      on: {
        ...beforeMeeting,
        'reminder.due': {
          actions: {
            type: 'notify',
            params: ({ context, event }) => ({
              key: `reminder-${event.offset}-${context.startsAt}`,
              template: 'reminder',
              to: unanswered(context),
            }),
          },
        },
        'meeting.cancelled': {
          target: 'cancelled',
          actions: [
            'recordCancellation',
            {
              type: 'notify',
              params: ({ context }) => ({
                key: `cancelled-${context.startsAt}`,
                template: 'cancelled',
                to: context.members,
              }),
            },
          ],
        },
      },
    },
    held: {
      on: {
        'agenda.updated': { actions: 'setAgenda' },
        'agenda.itemAdded': { guard: 'lineIsNew', actions: 'addLine' },
        'meeting.updated': { actions: 'applyEdit' },
        'attendance.recorded': {
          actions: assign({
            attendance: ({ context, event }) => ({
              ...context.attendance,
              ...Object.fromEntries(
                event.entries.map((e) => [
                  e.personId,
                  { status: e.status, standsInForPersonId: e.standsInForPersonId },
                ]),
              ),
            }),
          }),
        },
        'minutes.approved': {
          target: 'approved',
          actions: {
            type: 'notify',
            params: ({ context }) => ({
              key: `minutes-approved-${context.startsAt}`,
              template: 'minutesApproved',
              to: context.members,
            }),
          },
        },
      },
    },
    approved: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
