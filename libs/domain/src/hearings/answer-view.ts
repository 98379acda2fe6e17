import type { HearingContext } from '@samflyt/workflows';
import { canAnswer, signatureOf } from './answer-rules';
import type { RecipientSession } from './recipient-session';
import type {
  AnswerRow,
  AnswerVersionRow,
  AttachmentRow,
  HearingRow,
  RecipientRow,
  RecipientStatus,
  SignatoryRow,
} from './hearings.repository';

export interface FileView {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
}

export interface AnswerView {
  id: string;
  organisation: { id: string; name: string };
  coSigners: { id: string; name: string }[];
  /** Named by the lead and not confirmed yet: the answer is not theirs until they confirm. */
  pendingCoSigners: { id: string; name: string }[];
  version: number;
  late: boolean;
  withheldReason: string | null;
  submittedAt: string;
  updatedAt: string;
  text: string;
  answers: { questionId: string; text: string }[];
  attachments: FileView[];
}

export interface AnswerVersionView extends Omit<AnswerVersionRow, 'submittedAt'> {
  submittedAt: string;
}

/** A recipient's own view of a hearing, through its personal link. */
export interface RecipientHearingView {
  hearingId: string;
  title: string;
  origin: string | null;
  state: string;
  proposal: string;
  questions: { id: string; text: string }[];
  attachments: FileView[];
  organisation: { id: string; name: string };
  contact: { id: string; name: string; email: string };
  /** This organisation's own deadline (extended or the hearing's). */
  deadline: string;
  extended: boolean;
  acceptLateAnswers: boolean;
  /** Whether an answer given now is accepted, and whether it would be late. */
  canAnswer: boolean;
  late: boolean;
  /** The answer this organisation gave or co-signed, if any. */
  answer: AnswerView | null;
  /** Whether this organisation leads its answer (may change it) or co-signed another's. */
  role: 'lead' | 'co-signer' | null;
  /** Recipients that may co-sign (have not answered on their own or with others). */
  possibleCoSigners: { id: string; name: string }[];
  /** Joint answers that name this organisation and wait for its confirmation (POST …/confirm-signature). */
  coSignatureRequests: { answerId: string; lead: { id: string; name: string } }[];
}

export const iso = (d: Date): string => new Date(d).toISOString();

/** The answers that name `organisationId` as co-signer and wait for its confirmation. */
export function coSignatureRequests(
  c: HearingContext,
  organisationId: string,
): RecipientHearingView['coSignatureRequests'] {
  const names = new Map(c.recipients.map((r) => [r.organisationId, r.name]));
  return Object.entries(c.answers)
    .filter(([, a]) => (a.pendingCoSigners ?? []).includes(organisationId))
    .map(([answerId, a]) => ({ answerId, lead: { id: a.lead, name: names.get(a.lead) ?? a.lead } }));
}

export const fileView = ({ id, filename, mediaType, size }: FileView): FileView => ({ id, filename, mediaType, size });

/** Answers as shown: co-signers by name, files with their names (those of other answers left out). */
export function toAnswerViews(rows: AnswerRow[], recipients: RecipientRow[], files: AttachmentRow[]): AnswerView[] {
  const names = new Map(recipients.map((r) => [r.organisationId, r.name]));
  const byId = new Map(files.map((f) => [f.id, f]));
  return rows.map((a) => ({
    id: a.id,
    organisation: { id: a.organisationId, name: a.organisationName },
    coSigners: a.coSigners.map((id) => ({ id, name: names.get(id) ?? id })),
    pendingCoSigners: (a.pendingCoSigners ?? []).map((id) => ({ id, name: names.get(id) ?? id })),
    version: a.version,
    late: a.late,
    withheldReason: a.withheldReason,
    submittedAt: iso(a.submittedAt),
    updatedAt: iso(a.updatedAt),
    text: a.text,
    answers: a.questionAnswers,
    attachments: a.attachmentIds.flatMap((id) => {
      const f = byId.get(id);
      return f ? [fileView(f)] : [];
    }),
  }));
}

export const toVersionView = (v: AnswerVersionRow): AnswerVersionView => ({ ...v, submittedAt: iso(v.submittedAt) });

/** The hearing as one recipient sees it: its own deadline, its answer, who may still sign with it. */
export function toRecipientHearingView(
  session: RecipientSession,
  row: HearingRow,
  c: HearingContext,
  status: RecipientStatus,
  signatories: SignatoryRow[],
  answer: AnswerView | null,
  proposalFiles: AttachmentRow[],
): RecipientHearingView {
  const mine = signatureOf(signatories, session.organisationId);
  const taken = new Set(signatories.map((s) => s.organisationId));
  return {
    hearingId: row.id,
    title: c.title,
    origin: c.origin,
    state: row.state,
    proposal: c.proposal,
    questions: c.questions,
    attachments: proposalFiles.map(fileView),
    organisation: { id: session.organisationId, name: session.organisationName },
    contact: session.contact,
    deadline: iso(status.deadline),
    extended: status.extended,
    acceptLateAnswers: c.acceptLateAnswers,
    canAnswer: canAnswer(mine, status, { state: row.state, acceptLateAnswers: c.acceptLateAnswers }),
    late: status.late,
    answer,
    role: mine ? (mine.lead ? 'lead' : 'co-signer') : null,
    possibleCoSigners: c.recipients
      .filter((r) => r.organisationId !== session.organisationId && !taken.has(r.organisationId))
      .map((r) => ({ id: r.organisationId, name: r.name })),
    coSignatureRequests: mine ? [] : coSignatureRequests(c, session.organisationId),
  };
}
