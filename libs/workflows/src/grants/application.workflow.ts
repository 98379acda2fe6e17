import { z } from 'zod';
import { text } from '../schemas';
import { hasRole, type Actor, deadline, isoDuration, type WorkflowDefinition } from '@samflyt/engine';
import { applicationMachine, type ApplicationContext, type ApplicationInput } from './application.machine';
import { projectApplication } from './application.projection';
import { grantsSecretariat, viaGrantsApi } from './grants-api';
import { applicationTemplates } from './letters';

const id = text(200);
const amount = z.int().min(0).max(1_000_000_000);

/** Answers as the machine keeps them: text, numbers, and attachment references written by the upload. */
const answers = z.record(
  z.string().max(40),
  z.union([
    z.string().max(50_000),
    z.number().finite(),
    z.strictObject({ attachmentId: z.uuid(), filename: text(255), contentType: text(200), size: z.int().min(1) }),
  ]),
);

/** Built by the grants service from the round (never typed in by the applicant). */
export const applicationInput = z.object({
  applicationId: z.uuid(),
  round: z.object({ roundId: z.uuid(), instanceId: z.uuid(), title: text(300) }).passthrough(),
  applicant: z.strictObject({ personId: id, name: text(200), email: z.email() }),
  organisation: z.strictObject({ id: z.uuid(), name: text(300) }),
  title: z.string().trim().max(500),
  requestedAmount: amount,
  answers,
});

const isApplicant = (actor: Actor, c: ApplicationContext) => viaGrantsApi(actor) && actor.id === c.applicant.personId;

export const applicationWorkflow: WorkflowDefinition<ApplicationContext> = {
  name: 'grant-application',
  version: 1,
  title: 'Søknad om tilskudd: utkast, innsending, formell kontroll, vedtak, klage, rapportering',
  machine: applicationMachine,
  input: applicationInput,
  prepareInput: (input: unknown) => input as ApplicationInput,
  canStart: viaGrantsApi,
  canRead: (actor, c) =>
    actor.id === c.applicant.personId ||
    hasRole(actor, 'secretariat', 'admin', `committee:${c.round.reviewingCommittee}`),
  events: {
    'application.updated': {
      description: 'The applicant edits the draft (checked against the form by the API).',
      schema: z.strictObject({
        title: z.string().trim().max(500).optional(),
        requestedAmount: amount.optional(),
        answers: answers.optional(),
      }),
      allow: isApplicant,
    },
    'application.submitted': {
      description: 'The applicant submits before the closing time; every required field must be answered.',
      schema: z.strictObject({}),
      allow: isApplicant,
    },
    'application.withdrawn': {
      description: 'The applicant withdraws the application, with a reason.',
      schema: z.strictObject({ reason: text(2_000) }),
      allow: (a, c) => isApplicant(a, c) || grantsSecretariat(a),
    },
    'reminder.due': {
      description: 'Timer: the closing time is near and the draft is not submitted.',
      schema: z.strictObject({ offset: isoDuration }),
    },
    'deadline.passed': {
      description: 'Timer: the closing time; an unsubmitted draft is not processed.',
      schema: z.strictObject({}),
    },
    'check.completed': { description: 'Formal check: complete.', schema: z.strictObject({}), allow: grantsSecretariat },
    'check.infoRequested': {
      description: 'Formal check: more information requested, with a deadline.',
      schema: z.strictObject({ message: text(5_000), deadline }),
      allow: grantsSecretariat,
    },
    'check.rejected': {
      description: 'Formal check: rejected as incomplete, with a reason.',
      schema: z.strictObject({ reason: text(5_000) }),
      allow: grantsSecretariat,
    },
    'info.provided': {
      description: 'The applicant answers the request for more information.',
      schema: z.strictObject({ message: text(10_000), answers: answers.optional() }),
      allow: isApplicant,
    },
    'info.reminderDue': {
      description: 'Timer: reminder of the information deadline.',
      schema: z.strictObject({ offset: isoDuration }),
    },
    'info.deadlinePassed': { description: 'Timer: no answer; rejected as incomplete.', schema: z.strictObject({}) },
    'review.started': { description: 'Signal from the round: AU scores.', schema: z.strictObject({}) },
    'decision.made': { description: "Signal from the round: ASU's decision.", schema: z.object({}).passthrough() },
    'appeal.registered': {
      description: 'The applicant appeals (klage) within the appeal period.',
      schema: z.strictObject({ text: text(20_000), at: text(40) }),
      allow: isApplicant,
    },
    'appealWindow.passed': { description: 'Timer: the appeal period is over.', schema: z.strictObject({}) },
    'appeal.caseCreated': {
      description:
        'The appeal is put to the deciding committee as a case (created by the API), with the proposed outcome.',
      schema: z.strictObject({
        caseId: z.uuid(),
        caseRef: text(20),
        upheld: z.boolean(),
        amount,
        resolution: text(20_000),
      }),
      allow: grantsSecretariat,
    },
    'case.concluded': {
      description: 'Signal: the appeal case was decided or withdrawn.',
      schema: z.object({ caseId: z.uuid() }).passthrough(),
    },
    'appeal.decided': {
      description: 'The secretariat records the outcome of the appeal when the vedtak departs from the proposal.',
      schema: z.strictObject({ upheld: z.boolean(), amount, resolution: text(20_000), at: text(40) }),
      allow: grantsSecretariat,
    },
    'report.submitted': {
      description: 'The project submits a report.',
      schema: z.strictObject({ key: text(40), text: text(50_000), at: text(40) }),
      allow: isApplicant,
    },
    'report.accepted': {
      description: 'The secretariat accepts a report.',
      schema: z.strictObject({ key: text(40) }),
      allow: grantsSecretariat,
    },
    'report.reminderDue': {
      description: 'Timer: a report is due soon.',
      schema: z.strictObject({ key: text(40), offset: isoDuration }),
    },
    'report.overdue': {
      description: 'Timer: a report is late; escalated to the secretariat.',
      schema: z.strictObject({ key: text(40) }),
    },
    'round.cancelled': {
      description: 'Signal: the round was cancelled.',
      schema: z.strictObject({ reason: z.string().max(2_000) }),
    },
  },
  project: projectApplication,
  summary: (c) => ({ title: c.title || `Søknad: ${c.round.title}`, caseRef: null, responsible: null }),
  // A draft's `closes` is the round's, not a deadline of the application's own.
  deadlineTimers: ['info-deadline'],
  templates: applicationTemplates,
};
