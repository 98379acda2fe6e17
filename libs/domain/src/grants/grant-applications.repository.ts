import type { Queryable } from '@samflyt/engine';
import type { AttachmentUsage } from '../uploads';
import type { Answers, ApplicationContext, ReviewedApplication } from '@samflyt/workflows';
import { offsetOf, type Page, type PageRequest } from '../paging';
import { instanceContext } from './grant-rounds.repository';

export interface ApplicationRow {
  id: string;
  round_id: string;
  instance_id: string;
  applicant_person_id: string;
  applicant_name: string;
  applicant_email: string;
  organisation_id: string;
  organisation_name: string;
  title: string;
  requested_amount: string;
  answers: Answers;
  state: string;
  submitted_at: Date | null;
  granted_amount: string | null;
  decision: unknown;
  appeal: unknown;
  rejection_reason: string | null;
  created_at: Date;
  updated_at: Date;
  /** The committee that scores the application's round. */
  reviewing_committee: string;
}

export interface LetterRow {
  id: string;
  kind: string;
  subject: string;
  body: string;
  recipient: string;
  created_at: Date;
}

export interface ReportRow {
  key: string;
  title: string;
  due_at: Date;
  text: string | null;
  submitted_at: Date | null;
  accepted: boolean;
}

export interface GrantAttachmentRow {
  filename: string;
  content_type: string;
  size: number;
  data: Buffer;
}

export interface NewAttachment {
  id: string;
  applicationId: string;
  fieldKey: string;
  filename: string;
  contentType: string;
  data: Buffer;
  sha256: string;
  uploadedBy: string;
}

/** The organisation a person of the register belongs to: who they may apply for. */
export interface ApplicantOrganisation {
  id: string;
  name: string;
  kind: string;
  email: string;
}

/** Which applications a reader sees: all, their own, and the submitted ones of the rounds their committees review. */
export interface ApplicationVisibility {
  all: boolean;
  applicantPersonId: string;
  reviewingCommittees: string[];
  privateStates: readonly string[];
}

export interface ApplicationFilter {
  roundId?: string;
  state?: string;
  organisationId?: string;
}

const COLUMNS = `a.*, r.settings->>'reviewingCommittee' AS reviewing_committee`;
const FROM = `FROM grant_applications a JOIN grant_rounds r ON r.id = a.round_id`;
const SELECT = `SELECT ${COLUMNS} ${FROM}`;

/** `grant_applications` with their attachments, letters and reports. */
export class GrantApplicationsRepository {
  constructor(private readonly db: Queryable) {}

  async find(id: string): Promise<ApplicationRow | null> {
    const [row] = (await this.db.query(`${SELECT} WHERE a.id = $1`, [id])) as ApplicationRow[];
    return row ?? null;
  }

  async findByInstance(instanceId: string): Promise<ApplicationRow> {
    const [row] = (await this.db.query(`${SELECT} WHERE a.instance_id = $1`, [instanceId])) as ApplicationRow[];
    return row;
  }

  /** Oldest first. */
  async list(
    visibility: ApplicationVisibility,
    filter: ApplicationFilter,
    page: PageRequest,
  ): Promise<Page<ApplicationRow>> {
    const rows = (await this.db.query(
      `SELECT ${COLUMNS}, count(*) OVER () AS total ${FROM}
        WHERE ($3::boolean OR a.applicant_person_id = $4
               OR (r.settings->>'reviewingCommittee' = ANY($5::text[]) AND NOT (a.state = ANY($6::text[]))))
          AND ($7::uuid IS NULL OR a.round_id = $7) AND ($8::text IS NULL OR a.state = $8)
          AND ($9::uuid IS NULL OR a.organisation_id = $9)
        ORDER BY a.created_at, a.id LIMIT $1 OFFSET $2`,
      [
        page.pageSize,
        offsetOf(page),
        visibility.all,
        visibility.applicantPersonId,
        visibility.reviewingCommittees,
        visibility.privateStates,
        filter.roundId ?? null,
        filter.state ?? null,
        filter.organisationId ?? null,
      ],
    )) as (ApplicationRow & { total: string })[];
    return { items: rows, total: rows.length ? Number(rows[0].total) : 0, ...page };
  }

  /** Every application of a round, oldest first. */
  async ofRound(roundId: string): Promise<ApplicationRow[]> {
    return (await this.db.query(`${SELECT} WHERE a.round_id = $1 ORDER BY a.created_at, a.id`, [
      roundId,
    ])) as ApplicationRow[];
  }

  context(row: ApplicationRow): Promise<ApplicationContext> {
    return instanceContext<ApplicationContext>(this.db, row.instance_id);
  }

  async organisationOf(personId: string): Promise<ApplicantOrganisation | null> {
    const [org] = (await this.db.query(
      `SELECT o.id, o.name, o.kind, p.email FROM persons p JOIN organisations o ON o.id = p.organisation_id WHERE p.id = $1`,
      [personId],
    )) as ApplicantOrganisation[];
    return org ?? null;
  }

  /** Applications of a round still in the formal check (submitted, or waiting for information). */
  async inFormalCheck(roundId: string): Promise<{ id: string; title: string }[]> {
    return (await this.db.query(
      `SELECT id, title FROM grant_applications WHERE round_id = $1 AND state IN ('submitted', 'infoRequested')
        ORDER BY title`,
      [roundId],
    )) as { id: string; title: string }[];
  }

  /** The applications of a round that passed the formal check, as its review sees them. */
  async toReview(roundId: string): Promise<ReviewedApplication[]> {
    return (await this.db.query(
      `SELECT id AS "applicationId", instance_id AS "instanceId", title, organisation_name AS organisation,
              requested_amount::int AS requested,
              to_char(submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "submittedAt"
         FROM grant_applications WHERE round_id = $1 AND state = 'complete' ORDER BY submitted_at, id`,
      [roundId],
    )) as ReviewedApplication[];
  }

  /**
   * Stores an upload, to be deleted at `expiresAt` unless the submitted application names it; only while the
   * application's files stay within `quota` (checked in the insert, so two uploads at once cannot both pass it).
   * False when they would not, and nothing is written.
   */
  async addAttachment(a: NewAttachment, expiresAt: Date, quota: AttachmentUsage): Promise<boolean> {
    const inserted = (await this.db.query(
      `WITH inserted AS (
         INSERT INTO grant_attachments
                (id, application_id, field_key, filename, content_type, size, sha256, data, uploaded_by, expires_at)
         SELECT $1::uuid, $2::uuid, $3::text, $4::text, $5::text, $6::int, $7::text, $8::bytea, $9::text, $10::timestamptz
          WHERE (SELECT count(*) < $11 AND coalesce(sum(size), 0) + $6 <= $12::bigint
                   FROM grant_attachments WHERE application_id = $2)
         RETURNING id)
       SELECT id FROM inserted`,
      [
        a.id,
        a.applicationId,
        a.fieldKey,
        a.filename,
        a.contentType,
        a.data.length,
        a.sha256,
        a.data,
        a.uploadedBy,
        expiresAt,
        quota.files,
        quota.bytes,
      ],
    )) as unknown[];
    return inserted.length > 0;
  }

  /** The files stored for an application. */
  async attachmentUsage(applicationId: string): Promise<AttachmentUsage> {
    const [usage] = (await this.db.query(
      `SELECT count(*)::int AS files, coalesce(sum(size), 0)::bigint AS bytes FROM grant_attachments
        WHERE application_id = $1`,
      [applicationId],
    )) as { files: number; bytes: string }[];
    return { files: usage.files, bytes: Number(usage.bytes) };
  }

  /** A draft's earlier files of a field, once a new one took their place: no submitted application named them. */
  async deleteReplaced(applicationId: string, fieldKey: string, keptId: string): Promise<void> {
    await this.db.query(
      `DELETE FROM grant_attachments g USING grant_applications a
        WHERE a.id = g.application_id AND a.submitted_at IS NULL
          AND g.application_id = $1 AND g.field_key = $2 AND g.id <> $3`,
      [applicationId, fieldKey, keptId],
    );
  }

  async attachment(applicationId: string, attachmentId: string): Promise<GrantAttachmentRow | null> {
    const [a] = (await this.db.query(
      `SELECT filename, content_type, size, data FROM grant_attachments WHERE id = $1 AND application_id = $2`,
      [attachmentId, applicationId],
    )) as GrantAttachmentRow[];
    return a ?? null;
  }

  async letters(applicationId: string): Promise<LetterRow[]> {
    return (await this.db.query(
      `SELECT id, kind, subject, body, recipient, created_at FROM grant_letters WHERE application_id = $1
        ORDER BY created_at, id`,
      [applicationId],
    )) as LetterRow[];
  }

  async reports(applicationId: string): Promise<ReportRow[]> {
    return (await this.db.query(
      `SELECT key, title, due_at, text, submitted_at, accepted FROM grant_reports WHERE application_id = $1
        ORDER BY due_at, key`,
      [applicationId],
    )) as ReportRow[];
  }
}
