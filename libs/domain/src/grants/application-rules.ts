import {
  ErrorCode,
  eventNotAllowed,
  invalidInput,
  norwegianDateTime,
  ruleViolated,
  toDeadline,
  type Actor,
  type DomainError,
  type WorkflowEvent,
} from '@samflyt/engine';
import {
  validateAnswers,
  type Answers,
  type ApplicationContext,
  type ApplicationInput,
  type CheckOutcome,
  type RoundContext,
} from '@samflyt/workflows';

/** The decisions about an application that need no database: what it starts with, when it may move, and why not. */

/** What a new application knows of its round: copied in, so the application runs on what the call said. */
export function applicationInputOf(
  round: { id: string; instance_id: string },
  c: RoundContext,
  applicant: Actor,
  organisation: { id: string; name: string; email: string },
  body: { title: string; requestedAmount: number; answers?: Answers | null },
  applicationId: string,
): ApplicationInput {
  return {
    applicationId,
    round: {
      roundId: round.id,
      instanceId: round.instance_id,
      title: c.title,
      closesAt: c.closesAt,
      form: c.form,
      appealable: c.appealable,
      appealPeriod: c.appealPeriod,
      letterReceivedAfterDays: c.letterReceivedAfterDays ?? 0,
      conditions: c.conditions,
      reporting: c.reporting,
      reminderOffsets: c.applicantReminderOffsets,
      reportReminderOffsets: c.reportReminderOffsets,
      reviewingCommittee: c.reviewingCommittee,
      decidingCommittee: c.decidingCommittee,
      secretariat: c.createdBy,
    },
    applicant: { personId: applicant.id, name: applicant.name, email: applicant.email ?? organisation.email },
    organisation: { id: organisation.id, name: organisation.name },
    title: body.title,
    requestedAmount: body.requestedAmount,
    answers: body.answers ?? {},
  };
}

/** Applications start only while the call is open. */
export const notOpenForApplications = (state: string): DomainError =>
  eventNotAllowed(`The call is ${state}; applications are accepted only while it is open`, {
    state,
    allowedEvents: [],
  });

/** A submission after the closing time, said with the time it closed. */
export const callClosed = (closesAt: string, state: string | undefined): DomainError =>
  eventNotAllowed(`The call closed at ${closesAt} (${norwegianDateTime(closesAt)}); no more submissions are accepted`, {
    state,
    allowedEvents: [],
    closedAt: closesAt,
  });

/** A draft (or a draft the closing time caught) is past submission once the call has closed. */
export const submittedTooLate = (state: string, closesAt: string, now: Date): boolean =>
  (state === 'draft' || state === 'notSubmitted') && now.getTime() > Date.parse(closesAt);

/** Before a draft goes in: every required field, a title and an amount. */
export function incompleteRefusal(c: ApplicationContext, state: string): DomainError | null {
  const errors = validateAnswers(c.round.form, c.answers, true);
  if (!c.title.trim()) errors.push({ field: 'title', message: 'is required' });
  if (!(c.requestedAmount > 0)) errors.push({ field: 'requestedAmount', message: 'must be more than 0' });
  if (errors.length === 0) return null;
  return ruleViolated(`The application is not complete: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, {
    errors,
    state,
  });
}

export const attachmentsClosed = (state: string): DomainError | null =>
  state === 'draft' || state === 'infoRequested'
    ? null
    : eventNotAllowed(`The application is ${state}; attachments are added to a draft`, {
        state,
        allowedEvents: [],
      });

/** A file name that is safe to store and send back: letters, digits and a few marks, at most 255 characters. */
export const safeFilename = (name: string): string =>
  name.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 255) || 'vedlegg';

export interface FormalCheck {
  outcome: CheckOutcome;
  message?: string | null;
  deadline?: string | null;
}

/** The secretariat's formal check as the event it is: a rejection needs its reason, a request what and by when. */
export function formalCheckEvent(check: FormalCheck, now: Date): WorkflowEvent {
  if (check.outcome === 'complete') return { type: 'check.completed' };
  const message = check.message?.trim() ? check.message : null;
  if (check.outcome === 'rejected') {
    if (!message) throw invalidInput([{ field: 'message', message: 'a rejection needs the reason' }]);
    return { type: 'check.rejected', reason: message };
  }
  if (!message) throw invalidInput([{ field: 'message', message: 'say what information is missing' }]);
  const deadline = check.deadline ? toDeadline(check.deadline) : null;
  if (!deadline || new Date(deadline) <= now) {
    throw invalidInput([
      { field: 'deadline', message: 'a future date (YYYY-MM-DD) or date-time with offset is required' },
    ]);
  }
  return { type: 'check.infoRequested', message, deadline };
}

/** The engine's "not in this state" said as what the application is. */
export function explainState(error: DomainError): DomainError | null {
  if (error.code !== ErrorCode.EventNotAllowed || !error.details.state || error.details.closedAt) return null;
  return eventNotAllowed(`The application is ${error.details.state}: ${error.message}`, error.details);
}

/** A klage goes to the deciding committee once, from `appealed`. */
export function appealCaseRefusal(c: ApplicationContext, state: string): DomainError | null {
  if (state === 'appealed' && !c.appeal?.caseId) return null;
  return eventNotAllowed(`The application is ${state}${c.appeal?.caseId ? ' and its klage is already a case' : ''}`, {
    state,
    allowedEvents: [],
  });
}

/** The case that puts a klage to the deciding committee, with the secretariat's forslag til vedtak. */
export function appealCase(c: ApplicationContext, year: number, resolution: string, officer: Actor) {
  return {
    committeeCode: c.round.decidingCommittee,
    year,
    title: `Klage fra ${c.organisation.name} på vedtak om «${c.title}» (${c.round.title})`,
    proposedResolution: resolution,
    caseOfficer: officer.name,
  };
}
