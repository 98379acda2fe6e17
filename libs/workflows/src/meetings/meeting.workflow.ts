import { randomUUID } from 'node:crypto';
import { actsVia, type Actor, type WorkflowDefinition } from '@samflyt/engine';
import type { z } from 'zod';
import { isSecretariat, mayReadCommittee } from '../committees/committee-access';
import { meetingMachine, memberOf, type MeetingContext, type MeetingInput } from './meeting.machine';
import { meetingEvents as e, meetingInput } from './meeting.schemas';
import { meetingTemplates } from './meeting.templates';

/**
 * Only the meetings service starts a meeting: it reads the members to call and the notice days
 * from the committee and sets the secretariat's actor's `via` to this, so they are never typed in.
 */
export const MEETING_PLANNER_VIA = 'meeting-planner';

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
  canStart: (actor) => isSecretariat(actor) && actsVia(actor, MEETING_PLANNER_VIA),
  canRead: (actor, c) => mayReadCommittee(actor, c.committee.code) || memberOf(actor, c) !== undefined,
  events: {
    'agenda.updated': {
      description: 'Replaces the sakliste (PUT /meetings/{id}/agenda also puts its cases on the agenda).',
      schema: e.agendaUpdated,
      allow: isSecretariat,
    },
    'agenda.itemAdded': {
      description: 'Adds a line at the end of the sakliste (a case scheduled or postponed to this meeting).',
      schema: e.agendaItemAdded,
      allow: isSecretariat,
    },
    'agenda.published': {
      description: 'The sakliste is ready: the notice goes out noticeDays before the meeting.',
      schema: e.none,
      allow: isSecretariat,
    },
    'meeting.updated': {
      description: 'Place, chair (møteleder), minute-taker (referent) or the note on the next meeting.',
      schema: e.meetingUpdated,
      allow: isSecretariat,
    },
    'attendance.answered': {
      description: 'A member says whether they come: present, remote (Teams) or absent (forfall).',
      schema: e.attendanceAnswered,
      allow: secretariatOrMember,
    },
    'meeting.held': { description: 'The meeting took place.', schema: e.none, allow: isSecretariat },
    'attendance.recorded': {
      description: 'Attendance at the meeting: møtte, Teams, forfall, vara standing in for a named member.',
      schema: e.attendanceRecorded,
      allow: isSecretariat,
    },
    'minutes.approved': { description: 'The referat is approved.', schema: e.none, allow: isSecretariat },
    'meeting.cancelled': {
      description: 'Cancelled before it was held; members who had the notice are told.',
      schema: e.meetingCancelled,
      allow: isSecretariat,
    },
    'notice.due': { description: 'Timer: noticeDays before the meeting.', schema: e.none },
    'reminder.due': { description: 'Timer: a reminder offset before the meeting.', schema: e.reminderDue },
  },
  summary: (c) => ({ title: c.committee.name, caseRef: null, responsible: null }),
  deadlineTimers: [],
  templates: meetingTemplates,
};
