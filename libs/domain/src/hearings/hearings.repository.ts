import { isUuid, notFound } from '@samflyt/engine';
import type { DataSource } from 'typeorm';

export interface HearingRow {
  id: string;
  instanceId: string;
  committeeCode: string;
  committeeName: string;
  title: string;
  state: string;
  deadline: Date | null;
  sentAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  caseId: string | null;
  caseRef: string | null;
  linkKey: string;
  acceptLateAnswers: boolean;
}

/** Answer counts of a hearing, as the detail view computes them. */
export interface HearingCountsRow {
  recipients: number;
  /** Recipients that answered, alone or jointly. */
  answered: number;
  notAnswered: number;
  /** Answers (a joint answer is one). */
  answers: number;
  /** Late answers. */
  late: number;
}

export type HearingListRow = HearingRow & { counts: HearingCountsRow };

export interface RecipientRow {
  organisationId: string;
  name: string;
  kind: string;
  contacts: { id: string; name: string; email: string }[];
  deadline: Date | null;
  extensionReason: string | null;
}

export interface SignatoryRow {
  organisationId: string;
  name: string;
  answerId: string;
  lead: boolean;
  late: boolean;
  signedAt: Date;
}

export interface AnswerRow {
  id: string;
  organisationId: string;
  organisationName: string;
  version: number;
  late: boolean;
  withheldReason: string | null;
  submittedAt: Date;
  updatedAt: Date;
  text: string;
  questionAnswers: { questionId: string; text: string }[];
  attachmentIds: string[];
  coSigners: string[];
}

export interface AnswerVersionRow {
  version: number;
  text: string;
  questionAnswers: { questionId: string; text: string }[];
  coSigners: string[];
  attachmentIds: string[];
  submittedBy: { id: string; name: string; email: string | null };
  late: boolean;
  submittedAt: Date;
}

export interface AttachmentRow {
  id: string;
  hearingId: string;
  answerOrganisationId: string | null;
  answerId: string | null;
  inProposal: boolean;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedAt: Date;
}

const HEARING_COLUMNS = `h.id, h.instance_id AS "instanceId", c.code AS "committeeCode", c.name AS "committeeName",
  h.title, h.state, h.deadline, h.sent_at AS "sentAt", h.closed_at AS "closedAt", h.created_at AS "createdAt",
  h.case_id AS "caseId", h.link_key AS "linkKey", h.accept_late_answers AS "acceptLateAnswers",
  CASE WHEN k.id IS NULL THEN NULL ELSE lpad(k.number::text, 2, '0') || '/' || lpad((k.year % 100)::text, 2, '0') END AS "caseRef"`;

const HEARING_FROM = `hearings h JOIN committees c ON c.id = h.committee_id LEFT JOIN cases k ON k.id = h.case_id`;

export interface HearingFilter {
  state?: string;
  committee?: string;
  /** Any of these committees (a member's own). */
  committees?: string[];
  /** Only hearings that have been sent (the public list). */
  published?: boolean;
  q?: string;
}

/** Plain reads over the rows the hearing projection writes. */
export class HearingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async hearing(id: string): Promise<HearingRow> {
    const [row] = isUuid(id)
      ? ((await this.dataSource.query(`SELECT ${HEARING_COLUMNS} FROM ${HEARING_FROM} WHERE h.id = $1`, [
          id,
        ])) as HearingRow[])
      : [];
    if (!row) throw notFound(`hearing with id "${id}"`);
    return row;
  }

  /** A page of hearings with their answer counts (one query for the page, one for the total). */
  async list(
    filter: HearingFilter,
    page: number,
    pageSize: number,
  ): Promise<{ rows: HearingListRow[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [];
    const $ = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (filter.state) where.push(`h.state = ${$(filter.state)}`);
    if (filter.committee) where.push(`c.code = ${$(filter.committee)}`);
    if (filter.committees) where.push(`c.code = ANY(${$(filter.committees)}::text[])`);
    if (filter.published) where.push(`h.sent_at IS NOT NULL AND h.state <> 'withdrawn'`);
    if (filter.q) where.push(`h.title ILIKE ${$(`%${filter.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM ${HEARING_FROM} ${clause}`,
      params,
    )) as { total: number }[];
    const rows = (await this.dataSource.query(
      `SELECT ${HEARING_COLUMNS},
              json_build_object('recipients', rc.recipients, 'answered', sc.answered,
                                'notAnswered', rc.recipients - sc.answered, 'answers', ac.answers, 'late', ac.late) AS counts
         FROM ${HEARING_FROM}
         CROSS JOIN LATERAL (SELECT count(*)::int AS recipients FROM hearing_recipients r WHERE r.hearing_id = h.id) rc
         CROSS JOIN LATERAL (SELECT count(*)::int AS answered FROM hearing_answer_signatories s WHERE s.hearing_id = h.id) sc
         CROSS JOIN LATERAL (SELECT count(*)::int AS answers, (count(*) FILTER (WHERE a.late))::int AS late
                               FROM hearing_answers a WHERE a.hearing_id = h.id) ac
        ${clause}
        ORDER BY coalesce(h.deadline, h.created_at) DESC, h.id LIMIT ${$(pageSize)} OFFSET ${$((page - 1) * pageSize)}`,
      params,
    )) as HearingListRow[];
    return { rows, total };
  }

  async recipients(hearingId: string): Promise<RecipientRow[]> {
    return (await this.dataSource.query(
      `SELECT r.organisation_id AS "organisationId", o.name, o.kind, r.contacts, r.deadline,
              r.extension_reason AS "extensionReason"
         FROM hearing_recipients r JOIN organisations o ON o.id = r.organisation_id
        WHERE r.hearing_id = $1 ORDER BY o.kind = 'kommune' DESC, o.name`,
      [hearingId],
    )) as RecipientRow[];
  }

  async signatories(hearingId: string): Promise<SignatoryRow[]> {
    return (await this.dataSource.query(
      `SELECT s.organisation_id AS "organisationId", o.name, s.answer_id AS "answerId", s.lead, s.late,
              s.signed_at AS "signedAt"
         FROM hearing_answer_signatories s JOIN organisations o ON o.id = s.organisation_id
        WHERE s.hearing_id = $1 ORDER BY s.lead DESC, o.name`,
      [hearingId],
    )) as SignatoryRow[];
  }

  /** Answers with their current version, oldest first. */
  async answers(hearingId: string, where = 'TRUE', params: unknown[] = []): Promise<AnswerRow[]> {
    return (await this.dataSource.query(
      `SELECT a.id, a.organisation_id AS "organisationId", o.name AS "organisationName", a.current_version AS version,
              a.late, a.withheld_reason AS "withheldReason", a.submitted_at AS "submittedAt", v.submitted_at AS "updatedAt",
              v.text, v.question_answers AS "questionAnswers", v.attachment_ids AS "attachmentIds", v.co_signers AS "coSigners"
         FROM hearing_answers a
         JOIN organisations o ON o.id = a.organisation_id
         JOIN hearing_answer_versions v ON v.answer_id = a.id AND v.version = a.current_version
        WHERE a.hearing_id = $1 AND (${where}) ORDER BY a.submitted_at, a.id`,
      [hearingId, ...params],
    )) as AnswerRow[];
  }

  async versions(answerId: string): Promise<AnswerVersionRow[]> {
    return (await this.dataSource.query(
      `SELECT version, text, question_answers AS "questionAnswers", co_signers AS "coSigners",
              attachment_ids AS "attachmentIds", submitted_by AS "submittedBy", late, submitted_at AS "submittedAt"
         FROM hearing_answer_versions WHERE answer_id = $1 ORDER BY version`,
      [answerId],
    )) as AnswerVersionRow[];
  }

  async attachments(hearingId: string, where = 'TRUE', params: unknown[] = []): Promise<AttachmentRow[]> {
    return (await this.dataSource.query(
      `SELECT id, hearing_id AS "hearingId", answer_organisation_id AS "answerOrganisationId", answer_id AS "answerId",
              in_proposal AS "inProposal", filename, media_type AS "mediaType", size, sha256, uploaded_at AS "uploadedAt"
         FROM hearing_attachments WHERE hearing_id = $1 AND (${where}) ORDER BY uploaded_at, id`,
      [hearingId, ...params],
    )) as AttachmentRow[];
  }

  async attachmentContent(hearingId: string, id: string): Promise<(AttachmentRow & { content: Buffer }) | null> {
    if (!isUuid(id)) return null;
    const [row] = (await this.dataSource.query(
      `SELECT id, hearing_id AS "hearingId", answer_organisation_id AS "answerOrganisationId", answer_id AS "answerId",
              in_proposal AS "inProposal", filename, media_type AS "mediaType", size, sha256, uploaded_at AS "uploadedAt",
              content
         FROM hearing_attachments WHERE hearing_id = $1 AND id = $2`,
      [hearingId, id],
    )) as (AttachmentRow & { content: Buffer })[];
    return row ?? null;
  }

  async summaryTexts(hearingId: string): Promise<Record<string, string>> {
    const rows = (await this.dataSource.query(
      `SELECT question_id AS "questionId", text FROM hearing_summary_texts WHERE hearing_id = $1`,
      [hearingId],
    )) as { questionId: string; text: string }[];
    return Object.fromEntries(rows.map((r) => [r.questionId, r.text]));
  }
}
