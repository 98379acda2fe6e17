import { GENERAL_QUESTION, type HearingContext } from '@samflyt/workflows';
import { iso } from './answer-view';
import type { AnswerRow, AttachmentRow, HearingRow, RecipientRow, SignatoryRow } from './hearings.repository';

/** The sammendrag: every answer grouped per question, who signed with whom, who did not answer. */
export interface HearingSummary {
  hearingId: string;
  title: string;
  origin: string | null;
  committee: { code: string; name: string };
  state: string;
  deadline: string | null;
  counts: {
    recipients: number;
    answered: number;
    notAnswered: number;
    answers: number;
    jointAnswers: number;
    late: number;
    withheld: number;
  };
  /** Per question (and `general`: the answers as a whole), the answers given to it and the secretariat's text. */
  questions: SummaryQuestion[];
  answers: SummaryAnswer[];
  notAnswered: { id: string; name: string; deadline: string | null }[];
}

export interface SummaryQuestion {
  id: string;
  text: string;
  summary: string | null;
  answers: { answerId: string; by: string; late: boolean; withheld: boolean; text: string }[];
}

export interface SummaryAnswer {
  id: string;
  /** «Trondheim kommune, Malvik kommune, …» – the lead first. */
  signatories: { id: string; name: string; lead: boolean; late: boolean }[];
  late: boolean;
  withheldReason: string | null;
  version: number;
  submittedAt: string;
  updatedAt: string;
  text: string;
  attachments: string[];
}

export const byline = (a: SummaryAnswer): string => {
  const [lead, ...others] = a.signatories;
  return others.length ? `${lead.name} (sammen med ${others.map((o) => o.name).join(', ')})` : lead.name;
};

/** The rows of a hearing the sammendrag is made from. */
export interface SummarySource {
  row: Pick<HearingRow, 'id' | 'state'>;
  context: Pick<HearingContext, 'title' | 'origin' | 'committee' | 'deadline' | 'questions'>;
  recipients: RecipientRow[];
  signatories: SignatoryRow[];
  answers: AnswerRow[];
  /** The secretariat's text per question id. */
  texts: Record<string, string>;
  /** The files of answers. */
  files: AttachmentRow[];
}

/**
 * The sammendrag: each answer with its signatories (the lead first), the answers given to each question and to the
 * whole (`general`), withheld ones marked, and the recipients that did not answer with their own deadlines.
 */
export function buildSummary(s: SummarySource): HearingSummary {
  const c = s.context;
  const files = new Map(s.files.map((f) => [f.id, f]));
  const answers: SummaryAnswer[] = s.answers.map((a) => ({
    id: a.id,
    signatories: s.signatories
      .filter((sig) => sig.answerId === a.id)
      .map((sig) => ({ id: sig.organisationId, name: sig.name, lead: sig.lead, late: sig.late })),
    late: a.late,
    withheldReason: a.withheldReason,
    version: a.version,
    submittedAt: iso(a.submittedAt),
    updatedAt: iso(a.updatedAt),
    text: a.text,
    attachments: a.attachmentIds.flatMap((f) => (files.has(f) ? [files.get(f)!.filename] : [])),
  }));
  const questionOf = (id: string, text: string): SummaryQuestion => ({
    id,
    text,
    summary: s.texts[id] ?? null,
    answers: s.answers.flatMap((row, i) => {
      const a = answers[i];
      const given = id === GENERAL_QUESTION ? row.text : row.questionAnswers.find((q) => q.questionId === id)?.text;
      return given
        ? [{ answerId: a.id, by: byline(a), late: a.late, withheld: a.withheldReason !== null, text: given }]
        : [];
    }),
  });
  const signed = new Set(s.signatories.map((sig) => sig.organisationId));
  const notAnswered = s.recipients
    .filter((r) => !signed.has(r.organisationId))
    .map((r) => ({ id: r.organisationId, name: r.name, deadline: r.deadline ? iso(r.deadline) : c.deadline }));
  return {
    hearingId: s.row.id,
    title: c.title,
    origin: c.origin,
    committee: c.committee,
    state: s.row.state,
    deadline: c.deadline,
    counts: {
      recipients: s.recipients.length,
      answered: signed.size,
      notAnswered: notAnswered.length,
      answers: answers.length,
      jointAnswers: answers.filter((a) => a.signatories.length > 1).length,
      late: answers.filter((a) => a.late).length,
      withheld: answers.filter((a) => a.withheldReason !== null).length,
    },
    questions: [
      ...c.questions.map((q) => questionOf(q.id, q.text)),
      questionOf(GENERAL_QUESTION, 'Generelle merknader'),
    ],
    answers,
    notAnswered,
  };
}
