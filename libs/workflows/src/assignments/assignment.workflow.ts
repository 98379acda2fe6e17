import {
  hasRole,
  norwegianDateTime,
  norwegianDuration,
  type Actor,
  type RenderedMessage,
  type WorkflowDefinition,
} from '@samflyt/engine';
import type { z } from 'zod';
import { isSecretariat } from '../committees/committee-access';
import { assignmentMachine, type AssignmentContext, type AssignmentInput } from './assignment.machine';
import { assignmentEvents as e, assignmentInput } from './assignment.schemas';

const signature =
  '\n\nVennlig hilsen\nsekretariatet for helsefellesskapet\n\n(Denne e-posten er sendt automatisk fra samflyt.)';

const about = (c: AssignmentContext) =>
  [
    `Oppdrag: ${c.title}`,
    c.caseRef ? `Fra vedtak i sak ${c.caseRef}` : null,
    c.body ? `Delegert til: ${c.body}` : null,
    `Frist: ${norwegianDateTime(c.dueAt)}`,
    c.description ? `\n${c.description}` : null,
  ]
    .filter((line) => line !== null)
    .join('\n');

const mail = (subject: string, lead: string, c: AssignmentContext): RenderedMessage => ({
  subject,
  text: `${lead}\n\n${about(c)}${signature}`,
});

export const assignmentWorkflow: WorkflowDefinition<AssignmentContext> = {
  name: 'assignment',
  version: 1,
  title: 'Oppdrag delegert i et vedtak',
  machine: assignmentMachine,
  input: assignmentInput,
  prepareInput: (input: z.output<typeof assignmentInput>, actor: Actor): AssignmentInput => ({
    ...input,
    owner: input.owner ?? { id: actor.id, name: actor.name, email: actor.email ?? '' },
  }),
  canStart: isSecretariat,
  canRead: (actor, c) =>
    isSecretariat(actor) || hasRole(actor, 'admin') || actor.id === c.assignee.id || actor.id === c.owner.id,
  events: {
    'assignment.delivered': {
      description: 'The assignee (or the secretariat on their behalf) delivers the work.',
      schema: e.delivered,
      allow: (actor, c) => isSecretariat(actor) || actor.id === c.assignee.id,
    },
    'assignment.accepted': {
      description: 'The secretariat accepts the delivery.',
      schema: e.accepted,
      allow: isSecretariat,
    },
    'assignment.returned': {
      description: 'The secretariat returns the delivery for more work, optionally with a new due date.',
      schema: e.returned,
      allow: isSecretariat,
    },
    'assignment.rescheduled': {
      description: 'The secretariat moves the due date; reminders follow the new date.',
      schema: e.rescheduled,
      allow: isSecretariat,
    },
    'assignment.cancelled': {
      description: 'The secretariat cancels the assignment, with a reason.',
      schema: e.cancelled,
      allow: isSecretariat,
    },
    'reminder.due': {
      description: 'Timer: a reminder offset before the due date.',
      schema: e.reminderDue,
    },
    'deadline.passed': { description: 'Timer: the due date has passed.', schema: e.none },
  },
  summary: (c) => ({ title: c.title, caseRef: c.caseRef, responsible: c.assignee.name }),
  deadlineTimers: ['deadline'],
  templates: {
    assigned: (c) => mail(`Nytt oppdrag: ${c.title}`, `Hei ${c.assignee.name},\n\ndu har fått et oppdrag.`, c),
    reminder: (c, d) =>
      mail(
        `Påminnelse: frist for «${c.title}» om ${norwegianDuration(String(d.offset))}`,
        `Hei ${c.assignee.name},\n\ndette er en påminnelse om at fristen for oppdraget nærmer seg.`,
        c,
      ),
    overdue: (c) =>
      mail(`Fristen er passert: ${c.title}`, 'Fristen for oppdraget er passert, og det er ikke levert.', c),
    rescheduled: (c) =>
      mail(`Ny frist for «${c.title}»`, `Hei ${c.assignee.name},\n\nfristen for oppdraget er endret.`, c),
    delivered: (c) =>
      mail(
        `Levert: ${c.title}`,
        `${c.assignee.name} har levert oppdraget.\n\nKommentar ved levering:\n${c.deliveries.at(-1)?.note ?? ''}`,
        c,
      ),
    accepted: (c) =>
      mail(`Godkjent: ${c.title}`, `Hei ${c.assignee.name},\n\nleveransen er godkjent. Takk for arbeidet.`, c),
    returned: (c) =>
      mail(
        `Sendt tilbake: ${c.title}`,
        `Hei ${c.assignee.name},\n\nleveransen er sendt tilbake for mer arbeid.\n\nBegrunnelse:\n${c.returns.at(-1)?.reason ?? ''}`,
        c,
      ),
    cancelled: (c) =>
      mail(
        `Avlyst: ${c.title}`,
        `Hei ${c.assignee.name},\n\noppdraget er avlyst.\n\nBegrunnelse:\n${c.outcome?.cancelled ?? ''}`,
        c,
      ),
  },
};
