import { createHash, randomUUID } from 'node:crypto';
import {
  ErrorCode,
  DomainError,
  hasRole,
  invalidInput,
  norwegianDateTime,
  type Actor,
  type WorkflowEngine,
  isUuid,
  notFound,
  forbidden,
} from '@samflyt/engine';
import {
  MAX_ATTACHMENT_BYTES,
  validateAnswers,
  validateAttachment,
  type ApplicationContext,
  type ApplicationInput,
  type Answers,
  type RoundContext,
} from '@samflyt/workflows';
import type { DataSource } from 'typeorm';
import type { Page, PageRequest } from '../paging';
import { isSecretariat, pageOf, sendVia, viaGrants } from './grants-common';
import type { GrantRoundService, RoundRow } from './grant-round.service';
import { FileTooLargeError } from '../uploads';

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

/** States an application passes before the formal check; the reviewing committee sees none of them. */
const PRIVATE_STATES = ['draft', 'notSubmitted', 'withdrawn'];
const APPLICANT_KINDS = ['kommune', 'helseforetak'];

/**
 * Applications: an applicant is a person in the register acting for their organisation (a kommune or
 * the hospital trust) and sees only their own applications; the secretariat sees all; the reviewing
 * committee sees submitted ones of its rounds.
 */
export class GrantApplicationService {
  constructor(
    private readonly db: DataSource,
    private readonly engine: WorkflowEngine,
    private readonly rounds: GrantRoundService,
  ) {}

  async create(
    roundId: string,
    body: { title: string; requestedAmount: number; answers?: Answers },
    actor: Actor,
    personId: string | null,
    key?: string,
  ): Promise<ApplicationRow> {
    const round = await this.rounds.get(roundId, actor);
    const org = personId
      ? (
          (await this.db.query(
            `SELECT o.id, o.name, o.kind, p.email FROM persons p JOIN organisations o ON o.id = p.organisation_id WHERE p.id = $1`,
            [personId],
          )) as { id: string; name: string; kind: string; email: string }[]
        )[0]
      : undefined;
    if (!org || !APPLICANT_KINDS.includes(org.kind)) {
      throw forbidden(
        'An applicant is a person registered with a kommune or the hospital trust; your login has no such organisation',
      );
    }
    if (round.state !== 'open') {
      throw new DomainError(
        ErrorCode.EventNotAllowed,
        `The call is ${round.state}; applications are accepted only while it is open`,
        {
          state: round.state,
          allowedEvents: [],
        },
      );
    }
    const c = await this.rounds.context(round);
    const errors = validateAnswers(c.form, body.answers ?? {}, false);
    if (errors.length) throw invalidInput(errors);
    const input: ApplicationInput = {
      applicationId: randomUUID(),
      round: {
        roundId: round.id,
        instanceId: round.instance_id,
        title: c.title,
        closesAt: c.closesAt,
        form: c.form,
        appealable: c.appealable,
        appealPeriod: c.appealPeriod,
        conditions: c.conditions,
        reporting: c.reporting,
        reminderOffsets: c.applicantReminderOffsets,
        reportReminderOffsets: c.reportReminderOffsets,
        reviewingCommittee: c.reviewingCommittee,
        decidingCommittee: c.decidingCommittee,
        secretariat: c.createdBy,
      },
      applicant: { personId: personId!, name: actor.name, email: actor.email ?? org.email },
      organisation: { id: org.id, name: org.name },
      title: body.title,
      requestedAmount: body.requestedAmount,
      answers: body.answers ?? {},
    };
    const view = await this.engine.start('grant-application', input, viaGrants({ ...actor, id: personId! }), {
      idempotencyKey: key,
    });
    const [row] = (await this.db.query(`SELECT * FROM grant_applications WHERE instance_id = $1`, [
      view.id,
    ])) as ApplicationRow[];
    return row;
  }

  async list(
    filter: Partial<PageRequest> & { roundId?: string; state?: string; organisationId?: string },
    actor: Actor,
    personId: string | null,
  ): Promise<Page<ApplicationRow>> {
    const { page, pageSize, offset } = pageOf(filter);
    const all = hasRole(actor, 'secretariat', 'admin');
    const committees = actor.roles.filter((r) => /^committee:[^:]+$/.test(r)).map((r) => r.slice(10));
    const rows = (await this.db.query(
      `SELECT a.*, count(*) OVER () AS total FROM grant_applications a JOIN grant_rounds r ON r.id = a.round_id
        WHERE ($3::boolean OR a.applicant_person_id = $4
               OR (r.settings->>'reviewingCommittee' = ANY($5::text[]) AND NOT (a.state = ANY($6::text[]))))
          AND ($7::uuid IS NULL OR a.round_id = $7) AND ($8::text IS NULL OR a.state = $8)
          AND ($9::uuid IS NULL OR a.organisation_id = $9)
        ORDER BY a.created_at, a.id LIMIT $1 OFFSET $2`,
      [
        pageSize,
        offset,
        all,
        personId ?? actor.id,
        committees,
        PRIVATE_STATES,
        filter.roundId ?? null,
        filter.state ?? null,
        filter.organisationId ?? null,
      ],
    )) as (ApplicationRow & { total: string })[];
    return { items: rows, total: rows.length ? Number(rows[0].total) : 0, page, pageSize };
  }

  /** 404 (not 403) for another applicant's application: its existence is not the caller's business. */
  async get(id: string, actor: Actor, personId: string | null): Promise<ApplicationRow> {
    const row = await this.row(id);
    const [round] = (await this.db.query(`SELECT settings FROM grant_rounds WHERE id = $1`, [row.round_id])) as Pick<
      RoundRow,
      'settings'
    >[];
    const mine = row.applicant_person_id === (personId ?? actor.id);
    const committee =
      hasRole(actor, `committee:${round.settings.reviewingCommittee}`) && !PRIVATE_STATES.includes(row.state);
    if (!mine && !committee && !hasRole(actor, 'secretariat', 'admin')) throw notFound('application', id);
    return row;
  }

  async context(row: ApplicationRow): Promise<ApplicationContext> {
    const [r] = (await this.db.query(`SELECT snapshot->'context' AS context FROM workflow_instances WHERE id = $1`, [
      row.instance_id,
    ])) as {
      context: ApplicationContext;
    }[];
    return r.context;
  }

  /** The applicant's own application, or 404. */
  private async own(id: string, actor: Actor, personId: string | null): Promise<ApplicationRow> {
    const row = await this.get(id, actor, personId);
    if (row.applicant_person_id !== (personId ?? actor.id))
      throw forbidden('Only the applicant acts on their application');
    return row;
  }

  private asApplicant = (row: ApplicationRow, actor: Actor): Actor => ({ ...actor, id: row.applicant_person_id });

  async update(
    id: string,
    body: { title?: string; requestedAmount?: number; answers?: Answers },
    actor: Actor,
    personId: string | null,
    key?: string,
  ): Promise<ApplicationRow> {
    const row = await this.own(id, actor, personId);
    const c = await this.context(row);
    const errors = validateAnswers(c.round.form, { ...c.answers, ...(body.answers ?? {}) }, false);
    if (errors.length) throw invalidInput(errors);
    await sendVia(
      this.engine,
      row.instance_id,
      { type: 'application.updated', ...body },
      this.asApplicant(row, actor),
      key,
      explainState,
    );
    return this.row(id);
  }

  /** Stored in Postgres (bytea) first, then referenced from the answers through the engine. */
  async upload(
    id: string,
    fieldKey: string,
    file: { filename: string; contentType: string; data: Buffer },
    actor: Actor,
    personId: string | null,
  ): Promise<ApplicationRow> {
    const row = await this.own(id, actor, personId);
    const c = await this.context(row);
    const field = c.round.form.find((f) => f.key === fieldKey);
    const cap = field?.type === 'attachment' ? (field.maxBytes ?? MAX_ATTACHMENT_BYTES) : MAX_ATTACHMENT_BYTES;
    if (file.data.length > cap) throw new FileTooLargeError('file', cap);
    const errors = validateAttachment(c.round.form, fieldKey, {
      contentType: file.contentType,
      size: file.data.length,
    });
    if (errors.length) throw invalidInput(errors);
    if (row.state !== 'draft' && row.state !== 'infoRequested') {
      throw new DomainError(
        ErrorCode.EventNotAllowed,
        `The application is ${row.state}; attachments are added to a draft`,
        {
          state: row.state,
          allowedEvents: [],
        },
      );
    }
    const attachmentId = randomUUID();
    const filename = file.filename.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 255) || 'vedlegg';
    await this.db.query(
      `INSERT INTO grant_attachments (id, application_id, field_key, filename, content_type, size, sha256, data, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        attachmentId,
        id,
        fieldKey,
        filename,
        file.contentType,
        file.data.length,
        createHash('sha256').update(file.data).digest('hex'),
        file.data,
        actor.id,
      ],
    );
    const answers = { [fieldKey]: { attachmentId, filename, contentType: file.contentType, size: file.data.length } };
    const event = row.state === 'draft' ? { type: 'application.updated', answers } : null;
    if (event)
      await sendVia(this.engine, row.instance_id, event, this.asApplicant(row, actor), undefined, explainState);
    return this.row(id);
  }

  async attachment(id: string, attachmentId: string, actor: Actor, personId: string | null) {
    await this.get(id, actor, personId);
    if (!isUuid(attachmentId)) throw notFound('attachment', attachmentId);
    const [a] = (await this.db.query(
      `SELECT filename, content_type, size, data FROM grant_attachments WHERE id = $1 AND application_id = $2`,
      [attachmentId, id],
    )) as { filename: string; content_type: string; size: number; data: Buffer }[];
    if (!a) throw notFound('attachment', attachmentId);
    return a;
  }

  async submit(id: string, actor: Actor, personId: string | null, key?: string): Promise<ApplicationRow> {
    const row = await this.own(id, actor, personId);
    const c = await this.context(row);
    if ((row.state === 'draft' || row.state === 'notSubmitted') && Date.now() > Date.parse(c.round.closesAt)) {
      throw new DomainError(
        ErrorCode.EventNotAllowed,
        `The call closed at ${c.round.closesAt} (${norwegianDateTime(c.round.closesAt)}); no more submissions are accepted`,
        { state: row.state, allowedEvents: [], closedAt: c.round.closesAt },
      );
    }
    if (row.state === 'draft') {
      const errors = validateAnswers(c.round.form, c.answers, true);
      if (!c.title.trim()) errors.push({ field: 'title', message: 'is required' });
      if (!(c.requestedAmount > 0)) errors.push({ field: 'requestedAmount', message: 'must be more than 0' });
      if (errors.length)
        throw new DomainError(
          ErrorCode.RuleViolated,
          `The application is not complete: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
          { errors, state: row.state },
        );
    }
    await sendVia(
      this.engine,
      row.instance_id,
      { type: 'application.submitted' },
      this.asApplicant(row, actor),
      key,
      explainState,
    );
    return this.row(id);
  }

  /** Applicant events (withdraw, information, klage, reports) with the time the API adds where the machine needs it. */
  async applicantAct(
    id: string,
    event: { type: string; [k: string]: unknown },
    actor: Actor,
    personId: string | null,
    key?: string,
  ): Promise<ApplicationRow> {
    const row = await this.own(id, actor, personId);
    if (event.type === 'info.provided' && event.answers) {
      const c = await this.context(row);
      const errors = validateAnswers(c.round.form, { ...c.answers, ...(event.answers as Answers) }, true);
      if (errors.length) throw invalidInput(errors);
    }
    await sendVia(this.engine, row.instance_id, event, this.asApplicant(row, actor), key, explainState);
    return this.row(id);
  }

  async secretariatAct(
    id: string,
    event: { type: string; [k: string]: unknown },
    actor: Actor,
    key?: string,
  ): Promise<ApplicationRow> {
    if (!isSecretariat(actor)) throw forbidden('Only the secretariat does this');
    const row = await this.row(id);
    await sendVia(this.engine, row.instance_id, event, actor, key, explainState);
    return this.row(id);
  }

  /** The klage goes to the deciding committee as a new case, with the proposed outcome; the application follows the case. */
  async appealCase(
    id: string,
    body: { year: number; upheld: boolean; amount: number; resolution: string },
    actor: Actor,
    key?: string,
  ): Promise<ApplicationRow> {
    if (!isSecretariat(actor)) throw forbidden('Only the secretariat puts a klage up as a case');
    const row = await this.row(id);
    const c = await this.context(row);
    if (row.state !== 'appealed' || c.appeal?.caseId) {
      throw new DomainError(
        ErrorCode.EventNotAllowed,
        `The application is ${row.state}${c.appeal?.caseId ? ' and its klage is already a case' : ''}`,
        {
          state: row.state,
          allowedEvents: [],
        },
      );
    }
    const kase = await this.engine.start(
      'case',
      {
        committeeCode: c.round.decidingCommittee,
        year: body.year,
        title: `Klage fra ${c.organisation.name} på vedtak om «${c.title}» (${c.round.title})`,
        proposedResolution: body.resolution,
        caseOfficer: actor.name,
      },
      actor,
    );
    const [{ id: caseId, ref }] = (await this.db.query(
      `SELECT id, lpad(number::text, 2, '0') || '/' || lpad((year % 100)::text, 2, '0') AS ref FROM cases WHERE instance_id = $1`,
      [kase.id],
    )) as { id: string; ref: string }[];
    await sendVia(
      this.engine,
      row.instance_id,
      {
        type: 'appeal.caseCreated',
        caseId,
        caseRef: ref,
        upheld: body.upheld,
        amount: body.amount,
        resolution: body.resolution,
      },
      actor,
      key,
      explainState,
    );
    return this.row(id);
  }

  async letters(id: string, actor: Actor, personId: string | null): Promise<LetterRow[]> {
    await this.get(id, actor, personId);
    return (await this.db.query(
      `SELECT id, kind, subject, body, recipient, created_at FROM grant_letters WHERE application_id = $1 ORDER BY created_at, id`,
      [id],
    )) as LetterRow[];
  }

  async reports(id: string, actor: Actor, personId: string | null): Promise<ReportRow[]> {
    await this.get(id, actor, personId);
    return (await this.db.query(
      `SELECT key, title, due_at, text, submitted_at, accepted FROM grant_reports WHERE application_id = $1 ORDER BY due_at, key`,
      [id],
    )) as ReportRow[];
  }

  async row(id: string): Promise<ApplicationRow> {
    if (!isUuid(id)) throw notFound('application', id);
    const [row] = (await this.db.query(`SELECT * FROM grant_applications WHERE id = $1`, [id])) as ApplicationRow[];
    if (!row) throw notFound('application', id);
    return row;
  }
}

/** The engine's "not in this state" said as what the application is. */
function explainState(error: DomainError): DomainError | null {
  if (error.code !== ErrorCode.EventNotAllowed || !error.details.state || error.details.closedAt) return null;
  return new DomainError(
    ErrorCode.EventNotAllowed,
    `The application is ${error.details.state}: ${error.message}`,
    error.details,
  );
}

export type { RoundContext };
