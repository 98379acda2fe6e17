import { conflict, invalidInput, ruleViolated, type DomainError, type FieldError } from '@samflyt/engine';
import {
  ANSWERING_STATES,
  GENERAL_QUESTION,
  type AnswerRequest,
  type HearingContext,
  type QuestionAnswer,
} from '@samflyt/workflows';
import type { AttachmentRow, RecipientStatus, SignatoryRow } from './hearings.repository';

/** Answers are public once the hearing has closed. */
export const PUBLIC_ANSWER_STATES = ['closed', 'summary', 'presented', 'concluded'];

export const answersArePublic = (state: string): boolean => PUBLIC_ANSWER_STATES.includes(state);

export const takesAnswers = (state: string): boolean => (ANSWERING_STATES as readonly string[]).includes(state);

const iso = (d: Date) => new Date(d).toISOString();

export interface CheckedAnswer {
  text: string;
  answers: QuestionAnswer[];
  coSigners: string[];
  attachmentIds: string[];
}

/**
 * An answer of `organisationId` as the workflow takes it, or 400 naming each field: answers to the hearing's own
 * questions, each once; something said (a text, an answer to a question or a file); co-signers that are other
 * recipients and have not answered elsewhere, each named once.
 */
export function checkedAnswer(c: HearingContext, organisationId: string, body: AnswerRequest): CheckedAnswer {
  const errors: FieldError[] = [];
  const text = body.text?.trim() ?? '';
  const answers = body.answers ?? [];
  const coSigners = body.coSigners ?? [];
  const attachmentIds = body.attachmentIds ?? [];
  const known = new Set(c.questions.map((q) => q.id));
  answers.forEach((a, i) => {
    if (!known.has(a.questionId) || a.questionId === GENERAL_QUESTION) {
      errors.push({ field: `answers.${i}.questionId`, message: 'is not a question of this hearing' });
    }
  });
  if (new Set(answers.map((a) => a.questionId)).size !== answers.length) {
    errors.push({ field: 'answers', message: 'must answer each question once' });
  }
  if (text === '' && !answers.some((a) => a.text.trim() !== '') && attachmentIds.length === 0) {
    errors.push({ field: 'text', message: 'an answer needs a text, an answer to a question or an attachment' });
  }
  coSigners.forEach((id, i) => {
    if (id === organisationId) errors.push({ field: `coSigners.${i}`, message: 'is the answering organisation' });
    else if (!c.recipients.some((r) => r.organisationId === id)) {
      errors.push({ field: `coSigners.${i}`, message: 'is not a recipient of this hearing' });
    } else if (Object.hasOwn(c.answeredBy, id) && c.answeredBy[id] !== c.answeredBy[organisationId]) {
      errors.push({ field: `coSigners.${i}`, message: 'has already answered, alone or jointly' });
    }
  });
  if (new Set(coSigners).size !== coSigners.length) {
    errors.push({ field: 'coSigners', message: 'must not name a co-signer twice' });
  }
  if (errors.length > 0) throw invalidInput(errors);
  return {
    text,
    answers: answers.map((a) => ({ questionId: a.questionId, text: a.text.trim() })),
    coSigners,
    attachmentIds,
  };
}

/** The signature of an organisation on an answer (as lead or co-signer), if it signed one. */
export const signatureOf = (signatories: SignatoryRow[], organisationId: string): SignatoryRow | null =>
  signatories.find((s) => s.organisationId === organisationId) ?? null;

/**
 * Why an organisation may not answer now, or null: a co-signer changes nothing (the lead does, or takes it off);
 * after its deadline an answer is not changed, and a first one is taken only while late answers are accepted.
 */
export function answerRefusal(
  signatories: SignatoryRow[],
  organisationId: string,
  status: RecipientStatus,
  hearing: { state: string; acceptLateAnswers: boolean },
): DomainError | null {
  const mine = signatureOf(signatories, organisationId);
  if (mine && !mine.lead) {
    const lead = signatories.find((s) => s.answerId === mine.answerId && s.lead);
    return conflict(
      `Your organisation co-signed the joint answer of ${lead?.name ?? 'another recipient'}; only they can change it, ` +
        'or take you off it so that you can answer on your own',
      { constraint: 'hearing_answer_signatories_pkey' },
    );
  }
  if (status.late && mine) {
    return ruleViolated(`An answer can be changed until the deadline (${iso(status.deadline)}); it has passed`, {
      state: hearing.state,
    });
  }
  if (status.late && !hearing.acceptLateAnswers) {
    return ruleViolated(`The deadline (${iso(status.deadline)}) has passed and the hearing is closed to late answers`, {
      state: hearing.state,
    });
  }
  return null;
}

/** Whether an organisation can answer now (or change its answer): what its answer page offers. */
export const canAnswer = (
  mine: SignatoryRow | null,
  status: RecipientStatus,
  hearing: { state: string; acceptLateAnswers: boolean },
): boolean =>
  takesAnswers(hearing.state) &&
  (mine === null ? !status.late || hearing.acceptLateAnswers : mine.lead && !status.late);

/** A file a recipient may download: the proposal's, one its organisation uploaded, or one of an answer it signed. */
export const recipientMayDownload = (file: AttachmentRow, organisationId: string, signed: Set<string>): boolean =>
  file.inProposal ||
  file.answerOrganisationId === organisationId ||
  (file.answerId !== null && signed.has(file.answerId));
