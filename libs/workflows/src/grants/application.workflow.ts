import { type Actor, type WorkflowDefinition } from '@samflyt/engine';
import { mayReadApplicationIn } from './application-access';
import { applicationMachine } from './application.machine';
import type { ApplicationContext, ApplicationInput } from './application.model';
import { grantsSecretariat, viaGrantsApi } from './grants-api';
import { applicationEventPayloads as payload, applicationInput } from './grants.schemas';
import { applicationTemplates } from './grants.templates';

const isApplicant = (actor: Actor, c: ApplicationContext) => viaGrantsApi(actor) && actor.id === c.applicant.personId;

export const applicationWorkflow: WorkflowDefinition<ApplicationContext> = {
  name: 'grant-application',
  version: 1,
  title: 'Søknad om tilskudd: utkast, innsending, formell kontroll, vedtak, klage, rapportering',
  machine: applicationMachine,
  input: applicationInput,
  prepareInput: (input: unknown) => input as ApplicationInput,
  canStart: viaGrantsApi,
  canRead: (actor, c, state) =>
    mayReadApplicationIn(actor, {
      applicantPersonId: c.applicant.personId,
      state,
      reviewingCommittee: c.round.reviewingCommittee,
    }),
  hiddenFrom: () => true,
  events: {
    'application.updated': {
      description: 'The applicant edits the draft (checked against the form by the API).',
      schema: payload['application.updated'],
      allow: isApplicant,
    },
    'application.submitted': {
      description: 'The applicant submits before the closing time; every required field must be answered.',
      schema: payload['application.submitted'],
      allow: isApplicant,
    },
    'application.withdrawn': {
      description: 'The applicant withdraws the application, with a reason.',
      schema: payload['application.withdrawn'],
      allow: (a, c) => isApplicant(a, c) || grantsSecretariat(a),
    },
    'reminder.due': {
      description: 'Timer: the closing time is near and the draft is not submitted.',
      schema: payload['reminder.due'],
    },
    'deadline.passed': {
      description: 'Timer: the closing time; an unsubmitted draft is not processed.',
      schema: payload['deadline.passed'],
    },
    'check.completed': {
      description: 'Formal check: complete.',
      schema: payload['check.completed'],
      allow: grantsSecretariat,
    },
    'check.infoRequested': {
      description: 'Formal check: more information requested, with a deadline.',
      schema: payload['check.infoRequested'],
      allow: grantsSecretariat,
    },
    'check.rejected': {
      description: 'Formal check: rejected as incomplete, with a reason.',
      schema: payload['check.rejected'],
      allow: grantsSecretariat,
    },
    'info.provided': {
      description: 'The applicant answers the request for more information.',
      schema: payload['info.provided'],
      allow: isApplicant,
    },
    'info.reminderDue': {
      description: 'Timer: reminder of the information deadline.',
      schema: payload['info.reminderDue'],
    },
    'info.deadlinePassed': {
      description: 'Timer: no answer; rejected as incomplete.',
      schema: payload['info.deadlinePassed'],
    },
    'review.started': { description: 'Signal from the round: AU scores.', schema: payload['review.started'] },
    'decision.made': { description: "Signal from the round: ASU's decision.", schema: payload['decision.made'] },
    'appeal.registered': {
      description: 'The applicant appeals (klage) within the appeal period.',
      schema: payload['appeal.registered'],
      allow: isApplicant,
    },
    'appealWindow.passed': {
      description: 'Timer: the appeal period is over.',
      schema: payload['appealWindow.passed'],
    },
    'appeal.caseCreated': {
      description:
        'The appeal is put to the deciding committee as a case (created by the API), with the proposed outcome.',
      schema: payload['appeal.caseCreated'],
      allow: grantsSecretariat,
    },
    'case.concluded': {
      description: 'Signal: the appeal case was decided or withdrawn.',
      schema: payload['case.concluded'],
    },
    'appeal.decided': {
      description: 'The secretariat records the outcome of the appeal when the vedtak departs from the proposal.',
      schema: payload['appeal.decided'],
      allow: grantsSecretariat,
    },
    'report.submitted': {
      description: 'The project submits a report.',
      schema: payload['report.submitted'],
      allow: isApplicant,
    },
    'report.accepted': {
      description: 'The secretariat accepts a report.',
      schema: payload['report.accepted'],
      allow: grantsSecretariat,
    },
    'report.reminderDue': {
      description: 'Timer: a report is due soon.',
      schema: payload['report.reminderDue'],
    },
    'report.overdue': {
      description: 'Timer: a report is late; escalated to the secretariat.',
      schema: payload['report.overdue'],
    },
    'round.cancelled': { description: 'Signal: the round was cancelled.', schema: payload['round.cancelled'] },
  },
  summary: (c) => ({ title: c.title || `Søknad: ${c.round.title}`, caseRef: null, responsible: null }),
  // A draft's `closes` is the round's, not a deadline of the application's own.
  deadlineTimers: ['info-deadline'],
  templates: applicationTemplates,
};
