import type { DeadlineWarning, HearingAttachmentRef, HearingContext, HearingQuestion } from '@samflyt/workflows';
import { iso } from './answer-view';
import type { AnswerRow, HearingListRow, HearingRow, RecipientRow, SignatoryRow } from './hearings.repository';

export interface HearingRecipientView {
  organisationId: string;
  name: string;
  kind: string;
  contacts: { id: string; name: string; email: string }[];
  /** This recipient's own deadline: the extension's, or the hearing's. */
  deadline: string | null;
  extension: { deadline: string; reason: string } | null;
  answerId: string | null;
  /** Signed jointly with others (as lead or co-signer). */
  joint: boolean;
  late: boolean;
}

export interface HearingView {
  id: string;
  instanceId: string;
  state: string;
  revision: number;
  allowedEvents: string[];
  committee: { code: string; name: string };
  title: string;
  origin: string | null;
  proposal: string;
  questions: HearingQuestion[];
  attachments: HearingAttachmentRef[];
  deadline: string | null;
  reminderOffsets: string[];
  acceptLateAnswers: boolean;
  recipients: HearingRecipientView[];
  counts: { recipients: number; answered: number; notAnswered: number; answers: number; late: number };
  createdAt: string;
  sentAt: string | null;
  closedAt: string | null;
  case: { id: string; ref: string } | null;
  conclusion: string | null;
  withdrawnReason: string | null;
  /** Utredningsinstruksen 3-3: what is short about the deadline (computed from sending, or from now for a draft). */
  warnings: DeadlineWarning[];
}

const isoOrNull = (d: Date | null) => (d ? iso(d) : null);

export function toHearingView(
  row: HearingRow,
  c: HearingContext,
  instance: { revision: number; allowedEvents: string[] },
  recipients: RecipientRow[],
  signatories: SignatoryRow[],
  answers: AnswerRow[],
  warnings: DeadlineWarning[],
): HearingView {
  const byOrg = new Map(signatories.map((s) => [s.organisationId, s]));
  const jointAnswers = new Set(answers.filter((a) => a.coSigners.length > 0).map((a) => a.id));
  const recipientViews = recipients.map((r): HearingRecipientView => {
    const s = byOrg.get(r.organisationId);
    return {
      organisationId: r.organisationId,
      name: r.name,
      kind: r.kind,
      contacts: r.contacts,
      deadline: isoOrNull(r.deadline) ?? c.deadline,
      extension: r.deadline ? { deadline: iso(r.deadline), reason: r.extensionReason ?? '' } : null,
      answerId: s?.answerId ?? null,
      joint: s ? jointAnswers.has(s.answerId) : false,
      late: s?.late ?? false,
    };
  });
  const answered = recipientViews.filter((r) => r.answerId !== null).length;
  return {
    id: row.id,
    instanceId: row.instanceId,
    state: row.state,
    revision: instance.revision,
    allowedEvents: instance.allowedEvents,
    committee: { code: row.committeeCode, name: row.committeeName },
    title: c.title,
    origin: c.origin,
    proposal: c.proposal,
    questions: c.questions,
    attachments: c.attachments,
    deadline: c.deadline,
    reminderOffsets: c.reminderOffsets,
    acceptLateAnswers: c.acceptLateAnswers,
    recipients: recipientViews,
    counts: {
      recipients: recipientViews.length,
      answered,
      notAnswered: recipientViews.length - answered,
      answers: answers.length,
      late: answers.filter((a) => a.late).length,
    },
    createdAt: iso(row.createdAt),
    sentAt: isoOrNull(row.sentAt),
    closedAt: isoOrNull(row.closedAt),
    case: row.caseId && row.caseRef ? { id: row.caseId, ref: row.caseRef } : null,
    conclusion: c.conclusion,
    withdrawnReason: c.withdrawnReason,
    warnings,
  };
}

export interface HearingListItem {
  id: string;
  title: string;
  state: string;
  committee: { code: string; name: string };
  deadline: string | null;
  sentAt: string | null;
  closedAt: string | null;
  counts: HearingListRow['counts'];
}

export const toHearingListItem = (r: HearingListRow): HearingListItem => ({
  id: r.id,
  title: r.title,
  state: r.state,
  committee: { code: r.committeeCode, name: r.committeeName },
  deadline: isoOrNull(r.deadline),
  sentAt: isoOrNull(r.sentAt),
  closedAt: isoOrNull(r.closedAt),
  counts: r.counts,
});
