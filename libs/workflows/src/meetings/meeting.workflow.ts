import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { text } from '../schemas';
import { hasRole, type Actor, isoDuration, toDeadline, type WorkflowDefinition } from '@samflyt/engine';
import { COMMITTEE_CODE, isSecretariat, mayReadCommittee } from '../cases/case.workflow';
import { agendaLine, agendaLines } from './agenda';
import { meetingMachine, type MeetingContext, type MeetingInput } from './meeting.machine';
import { memberOf, projectMeeting } from './meeting.projection';
import { meetingTemplates } from './meeting.templates';

/**
 * Only the meetings service starts a meeting: it reads the members to call and the notice days
 * from the committee and adds this role to the secretariat's actor, so they are never typed in.
 */
export const MEETING_PLANNER_ROLE = 'internal:meeting-planner';

const dateTime = z
  .string()
  .max(40)
  .refine((s) => s.includes('T') && toDeadline(s) !== null, 'must be an ISO 8601 date-time with offset')
  .transform((s) => toDeadline(s)!);
const personRef = z.strictObject({ personId: z.uuid(), name: text(200) });

export const ATTENDANCE = ['present', 'remote', 'absent'] as const;

export const meetingInput = z
  .strictObject({
    meetingId: z.uuid().optional(),
    committee: z.strictObject({ code: COMMITTEE_CODE, name: text(300) }),
    startsAt: dateTime,
    endsAt: dateTime,
    place: text(300),
    chair: personRef.nullable().default(null),
    minuteTaker: personRef.nullable().default(null),
    nextMeetingNote: z.string().trim().max(300).nullable().default(null),
    noticeDays: z.int().min(0).max(60),
    reminderOffsets: z
      .array(isoDuration)
      .max(5)
      .refine((a) => new Set(a).size === a.length, 'must not repeat an offset')
      .default(['P2D']),
    members: z.array(z.strictObject({ personId: z.uuid(), name: text(200), email: z.email().max(320) })).max(500),
  })
  .refine((m) => m.endsAt > m.startsAt, { message: 'must be after startsAt', path: ['endsAt'] });

const attendanceEntry = z
  .strictObject({
    personId: z.uuid(),
    status: z.enum(ATTENDANCE),
    standsInForPersonId: z.uuid().nullable().default(null),
  })
  .superRefine((e, ctx) => {
    if (e.standsInForPersonId === e.personId) {
      ctx.addIssue({ code: 'custom', path: ['standsInForPersonId'], message: 'a person cannot stand in for themself' });
    }
    if (e.standsInForPersonId && e.status === 'absent') {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'a vara standing in is present or remote' });
    }
  });

const secretariatOrMember = (actor: Actor, c: MeetingContext) =>
  isSecretariat(actor) || memberOf(actor, c) !== undefined;

export const meetingWorkflow: WorkflowDefinition<MeetingContext> = {
  name: 'meeting',
  version: 1,
  title: 'Møte i et utvalg: sakliste, innkalling, påminnelse, oppmøte, referat',
  machine: meetingMachine,
  input: meetingInput,
  prepareInput: (input: z.output<typeof meetingInput>): MeetingInput => ({
    ...input,
    meetingId: input.meetingId ?? randomUUID(),
  }),
  canStart: (actor) => isSecretariat(actor) && hasRole(actor, MEETING_PLANNER_ROLE),
  canRead: (actor, c) => mayReadCommittee(actor, c.committee.code) || memberOf(actor, c) !== undefined,
  events: {
    'agenda.updated': {
      description: 'Replaces the sakliste (PUT /meetings/{id}/agenda also puts its cases on the agenda).',
      schema: z.strictObject({ items: agendaLines }),
      allow: isSecretariat,
    },
    'agenda.itemAdded': {
      description: 'Adds a line at the end of the sakliste (a case scheduled or postponed to this meeting).',
      schema: z.strictObject({ item: agendaLine }),
      allow: isSecretariat,
    },
    'agenda.published': {
      description: 'The sakliste is ready: the notice goes out noticeDays before the meeting.',
      schema: z.strictObject({}),
      allow: isSecretariat,
    },
    'meeting.updated': {
      description: 'Place, chair (møteleder), minute-taker (referent) or the note on the next meeting.',
      schema: z.strictObject({
        place: text(300).optional(),
        chair: personRef.nullable().optional(),
        minuteTaker: personRef.nullable().optional(),
        nextMeetingNote: z.string().trim().max(300).nullable().optional(),
      }),
      allow: isSecretariat,
    },
    'attendance.answered': {
      description: 'A member says whether they come: present, remote (Teams) or absent (forfall).',
      schema: z.strictObject({ personId: z.uuid(), status: z.enum(ATTENDANCE) }),
      allow: secretariatOrMember,
    },
    'meeting.held': { description: 'The meeting took place.', schema: z.strictObject({}), allow: isSecretariat },
    'attendance.recorded': {
      description: 'Attendance at the meeting: møtte, Teams, forfall, vara standing in for a named member.',
      schema: z.strictObject({
        entries: z
          .array(attendanceEntry)
          .min(1)
          .max(500)
          .refine((a) => new Set(a.map((e) => e.personId)).size === a.length, 'must not repeat a person'),
      }),
      allow: isSecretariat,
    },
    'minutes.approved': { description: 'The referat is approved.', schema: z.strictObject({}), allow: isSecretariat },
    'meeting.cancelled': {
      description: 'Cancelled before it was held; members who had the notice are told.',
      schema: z.strictObject({ reason: text(2_000) }),
      allow: isSecretariat,
    },
    'notice.due': { description: 'Timer: noticeDays before the meeting.', schema: z.strictObject({}) },
    'reminder.due': {
      description: 'Timer: a reminder offset before the meeting.',
      schema: z.strictObject({ offset: isoDuration }),
    },
  },
  project: projectMeeting,
  summary: (c) => ({ title: c.committee.name, caseRef: null, responsible: null }),
  deadlineTimers: [],
  templates: meetingTemplates,
};
