import { before, type Recipient, type TimerSpec } from '@samflyt/engine';
import {
  GENERAL_QUESTION,
  type AnswerRecord,
  type AnswerSubmitted,
  type CoSignatureConfirmed,
  type HearingContext,
  type HearingInput,
  type HearingRecipient,
  type SignatureWithdrawn,
} from './hearing.model';

/** A hearing's context as it starts: its input, and nothing answered, extended or summarised yet. */
export const initialContext = (input: HearingInput): HearingContext => ({
  ...input,
  extensions: {},
  answers: {},
  answeredBy: {},
  summaryTexts: {},
  presentation: null,
  conclusion: null,
  withdrawnReason: null,
  linkGenerations: {},
});

/** How many times one recipient's personal link was re-issued (0: never). */
export const linkGeneration = (c: Pick<HearingContext, 'linkGenerations'>, organisationId: string): number =>
  c.linkGenerations && Object.hasOwn(c.linkGenerations, organisationId) ? c.linkGenerations[organisationId] : 0;

/** A recipient's own deadline: the extension granted to it, or the hearing's. */
export const recipientDeadline = (
  c: Pick<HearingContext, 'deadline' | 'extensions'>,
  organisationId: string,
): string => (Object.hasOwn(c.extensions, organisationId) ? c.extensions[organisationId].deadline : c.deadline!);

export const isRecipient = (c: Pick<HearingContext, 'recipients'>, organisationId: string): boolean =>
  c.recipients.some((r) => r.organisationId === organisationId);

export const hasAnswered = (c: Pick<HearingContext, 'answeredBy'>, organisationId: string): boolean =>
  Object.hasOwn(c.answeredBy, organisationId);

/** Recipients without an answer (alone or jointly): the only ones reminders go to. */
export const notAnswered = (c: Pick<HearingContext, 'recipients' | 'answeredBy'>): HearingRecipient[] =>
  c.recipients.filter((r) => !hasAnswered(c, r.organisationId));

/** The contact persons of one recipient, as the addressees of a message. */
export const contactsOf = (c: Pick<HearingContext, 'recipients'>, organisationId: string): Recipient[] =>
  (c.recipients.find((r) => r.organisationId === organisationId)?.contacts ?? []).map((p) => ({
    email: p.email,
    name: p.name,
  }));

export const answerOf = (c: Pick<HearingContext, 'answers'>, answerId: string): AnswerRecord | null =>
  Object.hasOwn(c.answers, answerId) ? c.answers[answerId] : null;

/** Whether the summary may have a text for this question: one of the hearing's, or the whole. */
export const isQuestionOf = (c: Pick<HearingContext, 'questions'>, questionId: string): boolean =>
  questionId === GENERAL_QUESTION || c.questions.some((q) => q.id === questionId);

/** The timer group of one recipient's reminders. */
export const recipientGroup = (organisationId: string): string => `recipient:${organisationId}`;

/** Reminders of one recipient, before its own deadline; those already past are not armed. */
export const reminderTimers = (c: HearingContext, organisationId: string): TimerSpec[] => {
  const deadline = recipientDeadline(c, organisationId);
  return c.reminderOffsets.map((offset) => ({
    name: `reminder-${offset}`,
    at: before(deadline, offset),
    event: { type: 'reminder.due', organisationId, offset, deadline },
    skipIfPast: true,
  }));
};

/**
 * Why an answer may not be given or changed, or null when it may: the lead and co-signers are recipients and
 * distinct; a new answer's signatories have not answered yet; a change is the lead's, one version on, made
 * before the lead's deadline; and late answers are refused when the secretariat closed to them.
 */
export function answerProblem(c: HearingContext, e: AnswerSubmitted): string | null {
  const signatories = [e.organisationId, ...e.coSigners, ...(e.pendingCoSigners ?? [])];
  if (new Set(signatories).size !== signatories.length)
    return 'a co-signer is named twice or is the answering recipient';
  const stranger = signatories.find((id) => !isRecipient(c, id));
  if (stranger) return `organisation ${stranger} is not a recipient of this hearing`;
  const existing = answerOf(c, e.answerId);
  const taken = signatories.find((id) => hasAnswered(c, id) && c.answeredBy[id] !== e.answerId);
  if (taken) return `organisation ${taken} has already answered (alone or jointly)`;
  if (existing === null) {
    if (e.version !== 1) return 'a new answer is version 1';
  } else {
    if (existing.lead !== e.organisationId) return 'only the organisation that gave an answer may change it';
    if (e.version !== existing.version + 1) return `the next version of this answer is ${existing.version + 1}`;
    if (e.late) return 'an answer can be changed only until the deadline';
  }
  if (e.late && !c.acceptLateAnswers) return 'the hearing is closed to late answers';
  return null;
}

/** The recipients named on an answer that have not confirmed yet. */
export const pendingOf = (answer: AnswerRecord | null): string[] => answer?.pendingCoSigners ?? [];

/** A recipient named on an answer confirms, one version on, while it has not answered otherwise. */
export const coSignatureConfirmable = (c: HearingContext, e: CoSignatureConfirmed): boolean => {
  const answer = answerOf(c, e.answerId);
  return (
    answer !== null &&
    pendingOf(answer).includes(e.organisationId) &&
    !hasAnswered(c, e.organisationId) &&
    e.version === answer.version + 1
  );
};

/** The answers after a co-signer confirmed: a version on, with it signing; it counts as answered. */
export function confirmCoSignature(
  c: HearingContext,
  e: CoSignatureConfirmed,
): Pick<RecordedAnswer, 'answers' | 'answeredBy'> {
  const previous = c.answers[e.answerId];
  const answer = {
    ...previous,
    coSigners: [...previous.coSigners, e.organisationId],
    pendingCoSigners: pendingOf(previous).filter((id) => id !== e.organisationId),
    version: e.version,
  };
  return {
    answers: { ...c.answers, [e.answerId]: answer },
    answeredBy: { ...c.answeredBy, [e.organisationId]: e.answerId },
  };
}

/** A co-signer (not the lead) withdraws from an answer it signed, one version on. */
export const signatureWithdrawable = (c: HearingContext, e: SignatureWithdrawn): boolean => {
  const answer = answerOf(c, e.answerId);
  return answer !== null && answer.coSigners.includes(e.organisationId) && e.version === answer.version + 1;
};

/** Whether one recipient may get a later deadline: it has not answered, and the new one is later than its own. */
export const extensionGrantable = (c: HearingContext, organisationId: string, deadline: string): boolean =>
  isRecipient(c, organisationId) && !hasAnswered(c, organisationId) && deadline > recipientDeadline(c, organisationId);

/** Whether a reminder still applies: to a recipient that has not answered, for the deadline it still has. */
export const reminderIsDue = (c: HearingContext, organisationId: string, deadline: string): boolean =>
  isRecipient(c, organisationId) &&
  !hasAnswered(c, organisationId) &&
  recipientDeadline(c, organisationId) === deadline;

/** Whether the hearing can be sent: a deadline, and every recipient with someone to send it to. */
export const readyToSend = (c: HearingContext): boolean =>
  c.deadline !== null && c.recipients.length > 0 && c.recipients.every((r) => r.contacts.length > 0);

export interface RecordedAnswer {
  answers: Record<string, AnswerRecord>;
  answeredBy: Record<string, string>;
  /** Co-signers named by this version and not the one before: they are told, their reminders end. */
  added: string[];
  /** Co-signers of the version before and not of this one: they are told, and reminded again. */
  dropped: string[];
  /** Named by this version and not asked before (not pending, not signing): they are asked to confirm. */
  invited: string[];
}

/** The answers after an accepted answer: a version keeps the first version's lateness and withholding. */
export function recordAnswer(c: HearingContext, e: AnswerSubmitted): RecordedAnswer {
  const previous = answerOf(c, e.answerId);
  const before = previous?.coSigners ?? [];
  const dropped = before.filter((id) => !e.coSigners.includes(id));
  const added = e.coSigners.filter((id) => !before.includes(id));
  const pending = e.pendingCoSigners ?? [];
  const invited = pending.filter((id) => !pendingOf(previous).includes(id) && !before.includes(id));
  const answeredBy = { ...c.answeredBy };
  for (const id of dropped) delete answeredBy[id];
  for (const id of [e.organisationId, ...e.coSigners]) answeredBy[id] = e.answerId;
  const answers = {
    ...c.answers,
    [e.answerId]: {
      lead: e.organisationId,
      coSigners: e.coSigners,
      pendingCoSigners: pending,
      version: e.version,
      late: previous ? previous.late : e.late,
      withheld: previous?.withheld ?? null,
    },
  };
  return { answers, answeredBy, added, dropped, invited };
}

/** The answers after a co-signer withdrew: a version on, without it; it no longer counts as answered. */
export function withdrawSignature(
  c: HearingContext,
  e: SignatureWithdrawn,
): Pick<RecordedAnswer, 'answers' | 'answeredBy'> {
  const previous = c.answers[e.answerId];
  const answer = {
    ...previous,
    coSigners: previous.coSigners.filter((id) => id !== e.organisationId),
    version: e.version,
  };
  const answeredBy = { ...c.answeredBy };
  delete answeredBy[e.organisationId];
  return { answers: { ...c.answers, [e.answerId]: answer }, answeredBy };
}

/** The answers with one answer withheld from publication (a reason) or released (null). */
export const withWithheld = (
  c: Pick<HearingContext, 'answers'>,
  answerId: string,
  reason: string | null,
): Record<string, AnswerRecord> => ({ ...c.answers, [answerId]: { ...c.answers[answerId], withheld: reason } });
