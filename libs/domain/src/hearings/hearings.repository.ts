import { createHash, randomUUID } from 'node:crypto';
import { isUuid, notFound, type Queryable } from '@samflyt/engine';
import { containing, offsetOf, queryPage, type Page, type PageRequest } from '../paging';
import type { AttachmentUsage } from '../uploads';

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

/** A recipient's own deadline, and whether now (the database clock) is after it. */
export interface RecipientStatus {
  deadline: Date;
  extended: boolean;
  late: boolean;
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
  /** Named by the lead, not confirmed yet: the answer is not theirs until they confirm. */
  pendingCoSigners: string[];
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

export interface NewAttachment {
  hearingId: string;
  /** The organisation an answer's file is uploaded for; null for the proposal's. */
  organisationId: string | null;
  filename: string;
  mediaType: string;
  content: Buffer;
  uploadedBy: { id: string; name: string };
}

export interface HearingFilter {
  state?: string;
  committee?: string;
  /** Any of these committees (a member's own). */
  committees?: string[];
  /** Only hearings that have been sent (the public list). */
  published?: boolean;
  q?: string;
}

export interface AnswerFilter {
  answerId?: string;
  /** Answers this organisation signed (as lead or co-signer). */
  organisationId?: string;
  late?: boolean;
  joint?: boolean;
  /** Leave out withheld answers. */
  published?: boolean;
}

/** Which of a hearing's files: the proposal's, those of answers, or one. */
export type AttachmentFilter = { inProposal: true } | { ofAnswers: true } | { id: string };

const HEARING_COLUMNS = `h.id, h.instance_id AS "instanceId", c.code AS "committeeCode", c.name AS "committeeName",
  h.title, h.state, h.deadline, h.sent_at AS "sentAt", h.closed_at AS "closedAt", h.created_at AS "createdAt",
  h.case_id AS "caseId", h.link_key AS "linkKey", h.accept_late_answers AS "acceptLateAnswers",
  CASE WHEN k.id IS NULL THEN NULL ELSE lpad(k.number::text, 2, '0') || '/' || lpad((k.year % 100)::text, 2, '0') END AS "caseRef"`;

const HEARING_FROM = `hearings h JOIN committees c ON c.id = h.committee_id LEFT JOIN cases k ON k.id = h.case_id`;

const ANSWER_WHERE = `a.hearing_id = $1
  AND ($2::uuid IS NULL OR a.id = $2)
  AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM hearing_answer_signatories s WHERE s.answer_id = a.id AND s.organisation_id = $3))
  AND ($4::boolean IS NULL OR a.late = $4)
  AND ($5::boolean IS NULL OR (cardinality(v.co_signers) > 0) = $5)
  AND (NOT $6 OR a.withheld_reason IS NULL)`;

const ANSWER_FROM = `hearing_answers a
  JOIN organisations o ON o.id = a.organisation_id
  JOIN hearing_answer_versions v ON v.answer_id = a.id AND v.version = a.current_version`;

/** A file the sweep will not delete: named by an answer, or not yet expired. */
const LIVE = `(answer_id IS NOT NULL OR expires_at IS NULL OR expires_at > now())`;

const ATTACHMENT_COLUMNS = `id, hearing_id AS "hearingId", answer_organisation_id AS "answerOrganisationId",
  answer_id AS "answerId", in_proposal AS "inProposal", filename, media_type AS "mediaType", size, sha256,
  uploaded_at AS "uploadedAt"`;

/** The rows the hearing projection writes, read outside the event transaction; and the files uploaded to a hearing. */
export class HearingsRepository {
  constructor(private readonly db: Queryable) {}

  async hearing(id: string): Promise<HearingRow> {
    const [row] = isUuid(id)
      ? ((await this.db.query(`SELECT ${HEARING_COLUMNS} FROM ${HEARING_FROM} WHERE h.id = $1`, [id])) as HearingRow[])
      : [];
    if (!row) throw notFound('hearing', id);
    return row;
  }

  /** The key that signs a hearing's personal links; null when there is no such hearing. */
  async linkKey(hearingId: string): Promise<string | null> {
    const [row] = (await this.db.query(`SELECT link_key AS "linkKey" FROM hearings WHERE id = $1`, [hearingId])) as {
      linkKey: string;
    }[];
    return row?.linkKey ?? null;
  }

  /**
   * The key that signs one recipient's personal links: the hearing's, and how many times the recipient's link was
   * re-issued (0 for an organisation that is no recipient: its links are refused anyway). Null for no such hearing.
   */
  async recipientLinkKey(
    hearingId: string,
    organisationId: string,
  ): Promise<{ hearingKey: string; generation: number } | null> {
    const [row] = (await this.db.query(
      `SELECT h.link_key AS "hearingKey", coalesce(r.link_generation, 0) AS generation
         FROM hearings h LEFT JOIN hearing_recipients r ON r.hearing_id = h.id AND r.organisation_id = $2
        WHERE h.id = $1`,
      [hearingId, organisationId],
    )) as { hearingKey: string; generation: number }[];
    return row ?? null;
  }

  /** A page of hearings with their answer counts, newest deadline first. */
  async list(filter: HearingFilter, page: PageRequest): Promise<Page<HearingListRow>> {
    const where = `($1::text IS NULL OR h.state = $1) AND ($2::text IS NULL OR c.code = $2)
      AND ($3::text[] IS NULL OR c.code = ANY($3::text[]))
      AND (NOT $4 OR (h.sent_at IS NOT NULL AND h.state <> 'withdrawn'))
      AND ($5::text IS NULL OR h.title ILIKE $5)`;
    const params = [
      filter.state ?? null,
      filter.committee ?? null,
      filter.committees ?? null,
      filter.published ?? false,
      filter.q ? containing(filter.q) : null,
    ];
    return queryPage<HearingListRow>(
      this.db,
      {
        count: `SELECT count(*)::int AS total FROM ${HEARING_FROM} WHERE ${where}`,
        rows: `SELECT ${HEARING_COLUMNS},
              json_build_object('recipients', rc.recipients, 'answered', sc.answered,
                                'notAnswered', rc.recipients - sc.answered, 'answers', ac.answers, 'late', ac.late) AS counts
         FROM ${HEARING_FROM}
         CROSS JOIN LATERAL (SELECT count(*)::int AS recipients FROM hearing_recipients r WHERE r.hearing_id = h.id) rc
         CROSS JOIN LATERAL (SELECT count(*)::int AS answered FROM hearing_answer_signatories s WHERE s.hearing_id = h.id) sc
         CROSS JOIN LATERAL (SELECT count(*)::int AS answers, (count(*) FILTER (WHERE a.late))::int AS late
                               FROM hearing_answers a WHERE a.hearing_id = h.id) ac
        WHERE ${where}
        ORDER BY coalesce(h.deadline, h.created_at) DESC, h.id`,
        params,
      },
      page,
    );
  }

  async recipients(hearingId: string): Promise<RecipientRow[]> {
    return (await this.db.query(
      `SELECT r.organisation_id AS "organisationId", o.name, o.kind, r.contacts, r.deadline,
              r.extension_reason AS "extensionReason"
         FROM hearing_recipients r JOIN organisations o ON o.id = r.organisation_id
        WHERE r.hearing_id = $1 ORDER BY o.kind = 'kommune' DESC, o.name`,
      [hearingId],
    )) as RecipientRow[];
  }

  /** One recipient's deadline and lateness by the database clock; null when it is not a recipient. */
  async recipientStatus(hearingId: string, organisationId: string): Promise<RecipientStatus | null> {
    const [row] = (await this.db.query(
      `SELECT coalesce(r.deadline, h.deadline) AS deadline, r.deadline IS NOT NULL AS extended,
              now() > coalesce(r.deadline, h.deadline) AS late
         FROM hearings h JOIN hearing_recipients r ON r.hearing_id = h.id AND r.organisation_id = $2 WHERE h.id = $1`,
      [hearingId, organisationId],
    )) as RecipientStatus[];
    return row ?? null;
  }

  async signatories(hearingId: string): Promise<SignatoryRow[]> {
    return (await this.db.query(
      `SELECT s.organisation_id AS "organisationId", o.name, s.answer_id AS "answerId", s.lead, s.late,
              s.signed_at AS "signedAt"
         FROM hearing_answer_signatories s JOIN organisations o ON o.id = s.organisation_id
        WHERE s.hearing_id = $1 ORDER BY s.lead DESC, o.name`,
      [hearingId],
    )) as SignatoryRow[];
  }

  /** Answers with their current version, oldest first. */
  async answers(hearingId: string, filter: AnswerFilter = {}): Promise<AnswerRow[]> {
    return (await this.answerPage(hearingId, filter, null)).items;
  }

  /** A page of answers (all of them without `page`). */
  async answerPage(hearingId: string, filter: AnswerFilter, page: PageRequest | null): Promise<Page<AnswerRow>> {
    if (filter.answerId !== undefined && !isUuid(filter.answerId)) {
      return { items: [], total: 0, page: page?.page ?? 1, pageSize: page?.pageSize ?? 0 };
    }
    const params = [
      hearingId,
      filter.answerId ?? null,
      filter.organisationId ?? null,
      filter.late ?? null,
      filter.joint ?? null,
      filter.published ?? false,
    ];
    const items = (await this.db.query(
      `SELECT a.id, a.organisation_id AS "organisationId", o.name AS "organisationName", a.current_version AS version,
              a.late, a.withheld_reason AS "withheldReason", a.submitted_at AS "submittedAt", v.submitted_at AS "updatedAt",
              v.text, v.question_answers AS "questionAnswers", v.attachment_ids AS "attachmentIds", v.co_signers AS "coSigners",
              v.pending_co_signers AS "pendingCoSigners"
         FROM ${ANSWER_FROM} WHERE ${ANSWER_WHERE} ORDER BY a.submitted_at, a.id
        ${page ? 'LIMIT $7 OFFSET $8' : ''}`,
      page ? [...params, page.pageSize, offsetOf(page)] : params,
    )) as AnswerRow[];
    if (!page) return { items, total: items.length, page: 1, pageSize: items.length };
    const [{ total }] = (await this.db.query(
      `SELECT count(*)::int AS total FROM ${ANSWER_FROM} WHERE ${ANSWER_WHERE}`,
      params,
    )) as { total: number }[];
    return { items, total, page: page.page, pageSize: page.pageSize };
  }

  async versions(answerId: string): Promise<AnswerVersionRow[]> {
    return (await this.db.query(
      `SELECT version, text, question_answers AS "questionAnswers", co_signers AS "coSigners",
              attachment_ids AS "attachmentIds", submitted_by AS "submittedBy", late, submitted_at AS "submittedAt"
         FROM hearing_answer_versions WHERE answer_id = $1 ORDER BY version`,
      [answerId],
    )) as AnswerVersionRow[];
  }

  async attachments(hearingId: string, filter: AttachmentFilter): Promise<AttachmentRow[]> {
    const id = 'id' in filter ? filter.id : null;
    if (id !== null && !isUuid(id)) return [];
    return (await this.db.query(
      `SELECT ${ATTACHMENT_COLUMNS} FROM hearing_attachments
        WHERE hearing_id = $1 AND ($2::uuid IS NULL OR id = $2) AND (NOT $3 OR in_proposal) AND (NOT $4 OR answer_id IS NOT NULL)
        ORDER BY uploaded_at, id`,
      [hearingId, id, 'inProposal' in filter, 'ofAnswers' in filter],
    )) as AttachmentRow[];
  }

  async attachmentContent(hearingId: string, id: string): Promise<(AttachmentRow & { content: Buffer }) | null> {
    if (!isUuid(id)) return null;
    const [row] = (await this.db.query(
      `SELECT ${ATTACHMENT_COLUMNS}, content FROM hearing_attachments WHERE hearing_id = $1 AND id = $2`,
      [hearingId, id],
    )) as (AttachmentRow & { content: Buffer })[];
    return row ?? null;
  }

  /**
   * Stores an uploaded file (the workflow's events then name it) to be deleted after `ttlMs` unless an answer or the
   * proposal names it by then; its id. An answer's file only while the organisation's files in this hearing stay
   * within `quota` (checked in the insert, so two uploads at once cannot both pass it): null when they would not.
   */
  async insertAttachment(file: NewAttachment, ttlMs: number, quota?: AttachmentUsage): Promise<string | null> {
    const id = randomUUID();
    const inserted = (await this.db.query(
      `WITH inserted AS (
         INSERT INTO hearing_attachments
                (id, hearing_id, answer_organisation_id, filename, media_type, size, sha256, content, uploaded_by, expires_at)
         SELECT $1::uuid, $2::uuid, $3::uuid, $4::text, $5::text, $6::int, $7::text, $8::bytea, $9::jsonb,
                now() + $10::float8 * interval '1 millisecond'
          WHERE $3::uuid IS NULL OR $11::int IS NULL OR (
                SELECT count(*) < $11 AND coalesce(sum(size), 0) + $6 <= $12::bigint FROM hearing_attachments
                 WHERE hearing_id = $2 AND answer_organisation_id = $3 AND ${LIVE})
         RETURNING id)
       SELECT id FROM inserted`,
      [
        id,
        file.hearingId,
        file.organisationId,
        file.filename,
        file.mediaType,
        file.content.length,
        createHash('sha256').update(file.content).digest('hex'),
        file.content,
        JSON.stringify(file.uploadedBy),
        ttlMs,
        quota?.files ?? null,
        quota?.bytes ?? null,
      ],
    )) as { id: string }[];
    return inserted.length ? id : null;
  }

  /** The files an organisation has uploaded for its answer to a hearing and not seen swept. */
  async answerFileUsage(hearingId: string, organisationId: string): Promise<AttachmentUsage> {
    const [usage] = (await this.db.query(
      `SELECT count(*)::int AS files, coalesce(sum(size), 0)::bigint AS bytes FROM hearing_attachments
        WHERE hearing_id = $1 AND answer_organisation_id = $2 AND ${LIVE}`,
      [hearingId, organisationId],
    )) as { files: number; bytes: string }[];
    return { files: usage.files, bytes: Number(usage.bytes) };
  }

  async deleteAttachment(id: string): Promise<void> {
    await this.db.query(`DELETE FROM hearing_attachments WHERE id = $1`, [id]);
  }

  async summaryTexts(hearingId: string): Promise<Record<string, string>> {
    const rows = (await this.db.query(
      `SELECT question_id AS "questionId", text FROM hearing_summary_texts WHERE hearing_id = $1`,
      [hearingId],
    )) as { questionId: string; text: string }[];
    return Object.fromEntries(rows.map((r) => [r.questionId, r.text]));
  }

  /** Whether the case a hearing is presented as exists already (a retry of the presentation finds it). */
  async caseExists(caseId: string): Promise<boolean> {
    return ((await this.db.query(`SELECT 1 FROM cases WHERE id = $1`, [caseId])) as unknown[]).length > 0;
  }

  /** Whether this organisation withdrew from the answer with this Idempotency-Key (a retry finds it done). */
  async signatureWithdrawnWith(
    hearingId: string,
    key: string,
    answer: { answerId: string; organisationId: string },
  ): Promise<boolean> {
    const rows = (await this.db.query(
      `SELECT 1 FROM workflow_journal j JOIN hearings h ON h.instance_id = j.instance_id
        WHERE h.id = $1 AND j.idempotency_key = $2 AND j.event_type = 'signature.withdrawn'
          AND j.payload->>'answerId' = $3 AND j.payload->>'organisationId' = $4`,
      [hearingId, key, answer.answerId, answer.organisationId],
    )) as unknown[];
    return rows.length > 0;
  }
}
