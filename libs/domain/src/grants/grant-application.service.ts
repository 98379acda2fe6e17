import { createHash, randomUUID } from 'node:crypto';
import {
  forbidden,
  invalidInput,
  isUuid,
  notFound,
  type Actor,
  type JournalView,
  type WorkflowEngine,
  type WorkflowEvent,
} from '@samflyt/engine';
import {
  attachmentCap,
  validateAnswers,
  validateAttachment,
  type Answers,
  type ApplicationContext,
} from '@samflyt/workflows';
import type { Page, PageRequest } from '../paging';
import {
  ATTACHMENT_QUOTA,
  AttachmentQuotaError,
  FileTooLargeError,
  quotaRefusal,
  UNREFERENCED_ATTACHMENT_TTL_MS,
} from '../uploads';
import {
  applicationInputOf,
  attachmentsClosed,
  callClosed,
  explainState,
  incompleteRefusal,
  notOpenForApplications,
  safeFilename,
  submittedTooLate,
} from './application-rules';
import type {
  ApplicationFilter,
  ApplicationRow,
  GrantAttachmentRow,
  GrantApplicationsRepository,
  LetterRow,
  ReportRow,
} from './grant-applications.repository';
import type { GrantRoundService } from './grant-round.service';
import { applicationVisibility, mayApplyFor, mayReadApplication, viaGrants } from './grants-access';
import { sendViaGrants } from './grants-engine';

const now = () => new Date().toISOString();

/**
 * Applications as their applicant sees them: an applicant is a person in the register acting for their organisation
 * (a kommune or the hospital trust) and sees only their own applications; the secretariat sees all; the reviewing
 * committee sees submitted ones of its rounds. `reader` and `applicant` are the caller as a person of the register.
 */
export class GrantApplicationService {
  constructor(
    private readonly applications: GrantApplicationsRepository,
    private readonly rounds: GrantRoundService,
    private readonly engine: WorkflowEngine,
  ) {}

  async create(
    roundId: string,
    body: { title: string; requestedAmount: number; answers?: Answers | null },
    applicant: Actor,
    key?: string,
  ): Promise<ApplicationRow> {
    const round = await this.rounds.get(roundId, applicant);
    const organisation = isUuid(applicant.id) ? await this.applications.organisationOf(applicant.id) : null;
    if (!organisation || !mayApplyFor(organisation)) {
      throw forbidden(
        'An applicant is a person registered with a kommune or the hospital trust; your login has no such organisation',
      );
    }
    if (round.state !== 'open') throw notOpenForApplications(round.state);
    const c = await this.rounds.context(round);
    const errors = validateAnswers(c.form, body.answers ?? {}, false);
    if (errors.length) throw invalidInput(errors);
    const input = applicationInputOf(round, c, applicant, organisation, body, randomUUID());
    const view = await this.engine.start('grant-application', input, viaGrants(applicant), { idempotencyKey: key });
    return this.applications.findByInstance(view.id);
  }

  list(query: PageRequest & ApplicationFilter, reader: Actor): Promise<Page<ApplicationRow>> {
    const { page, pageSize, ...filter } = query;
    return this.applications.list(applicationVisibility(reader), filter, { page, pageSize });
  }

  /** 404 (not 403) for another applicant's application: its existence is not the caller's business. */
  async get(id: string, reader: Actor): Promise<ApplicationRow> {
    const row = await this.row(id);
    if (!mayReadApplication(reader, row)) throw notFound('application', id);
    return row;
  }

  /** The status timeline: the application's events, oldest first. */
  async history(id: string, reader: Actor): Promise<JournalView[]> {
    return this.engine.history((await this.get(id, reader)).instance_id, reader);
  }

  context(row: ApplicationRow): Promise<ApplicationContext> {
    return this.applications.context(row);
  }

  async update(
    id: string,
    body: { title?: string; requestedAmount?: number; answers?: Answers },
    applicant: Actor,
    key?: string,
  ): Promise<ApplicationRow> {
    const row = await this.own(id, applicant);
    const c = await this.context(row);
    const errors = validateAnswers(c.round.form, { ...c.answers, ...(body.answers ?? {}) }, false);
    if (errors.length) throw invalidInput(errors);
    return this.send(row, { type: 'application.updated', ...body }, applicant, key);
  }

  /** Stored in Postgres (bytea) first, then referenced from the answers through the engine. */
  async upload(
    id: string,
    fieldKey: string,
    file: { filename: string; contentType: string; data: Buffer },
    applicant: Actor,
  ): Promise<ApplicationRow> {
    const row = await this.own(id, applicant);
    const { round } = await this.context(row);
    const form = round.form;
    const cap = attachmentCap(form, fieldKey);
    if (file.data.length > cap) throw new FileTooLargeError('file', cap);
    const errors = validateAttachment(form, fieldKey, { contentType: file.contentType, size: file.data.length });
    if (errors.length) throw invalidInput(errors);
    const closed = attachmentsClosed(row.state);
    if (closed) throw closed;
    const attachment = {
      attachmentId: randomUUID(),
      filename: safeFilename(file.filename),
      contentType: file.contentType,
      size: file.data.length,
    };
    // Kept for good once the submitted application names it; else deleted a day after the call closes (a draft
    // cannot be submitted then) or after the upload, whichever is later.
    const closes = Math.max(Date.now(), Date.parse(round.closesAt));
    const stored = await this.applications.addAttachment(
      {
        id: attachment.attachmentId,
        applicationId: id,
        fieldKey,
        filename: attachment.filename,
        contentType: file.contentType,
        data: file.data,
        sha256: createHash('sha256').update(file.data).digest('hex'),
        uploadedBy: applicant.id,
      },
      new Date(closes + UNREFERENCED_ATTACHMENT_TTL_MS),
      ATTACHMENT_QUOTA,
    );
    if (!stored) {
      const usage = await this.applications.attachmentUsage(id);
      throw (
        quotaRefusal('grant application', usage, file.data.length) ??
        new AttachmentQuotaError('grant application', 'files', ATTACHMENT_QUOTA.files)
      );
    }
    if (row.state !== 'draft') return this.row(id);
    const updated = await this.send(
      row,
      { type: 'application.updated', answers: { [fieldKey]: attachment } },
      applicant,
    );
    await this.applications.deleteReplaced(id, fieldKey, attachment.attachmentId);
    return updated;
  }

  async attachment(id: string, attachmentId: string, reader: Actor): Promise<GrantAttachmentRow> {
    await this.get(id, reader);
    const attachment = isUuid(attachmentId) ? await this.applications.attachment(id, attachmentId) : null;
    if (!attachment) throw notFound('attachment', attachmentId);
    return attachment;
  }

  async submit(id: string, applicant: Actor, key?: string): Promise<ApplicationRow> {
    const row = await this.own(id, applicant);
    const c = await this.context(row);
    if (submittedTooLate(row.state, c.round.closesAt, new Date())) throw callClosed(c.round.closesAt, row.state);
    const incomplete = row.state === 'draft' ? incompleteRefusal(c, row.state) : null;
    if (incomplete) throw incomplete;
    return this.send(row, { type: 'application.submitted' }, applicant, key);
  }

  async withdraw(id: string, reason: string, applicant: Actor, key?: string): Promise<ApplicationRow> {
    return this.send(await this.own(id, applicant), { type: 'application.withdrawn', reason }, applicant, key);
  }

  /** The answer to a request for more information; answers given with it must leave the form complete. */
  async provideInfo(
    id: string,
    info: { message: string; answers?: Answers },
    applicant: Actor,
    key?: string,
  ): Promise<ApplicationRow> {
    const row = await this.own(id, applicant);
    if (info.answers) {
      const c = await this.context(row);
      const errors = validateAnswers(c.round.form, { ...c.answers, ...info.answers }, true);
      if (errors.length) throw invalidInput(errors);
    }
    return this.send(row, { type: 'info.provided', ...info }, applicant, key);
  }

  async appeal(id: string, text: string, applicant: Actor, key?: string): Promise<ApplicationRow> {
    return this.send(await this.own(id, applicant), { type: 'appeal.registered', text, at: now() }, applicant, key);
  }

  async submitReport(
    id: string,
    reportKey: string,
    text: string,
    applicant: Actor,
    key?: string,
  ): Promise<ApplicationRow> {
    const event = { type: 'report.submitted', key: reportKey.slice(0, 40), text, at: now() };
    return this.send(await this.own(id, applicant), event, applicant, key);
  }

  async letters(id: string, reader: Actor): Promise<LetterRow[]> {
    await this.get(id, reader);
    return this.applications.letters(id);
  }

  async reports(id: string, reader: Actor): Promise<ReportRow[]> {
    await this.get(id, reader);
    return this.applications.reports(id);
  }

  /** Sends an event to the application as the grants API and reads the application after it. */
  async send(row: ApplicationRow, event: WorkflowEvent, actor: Actor, key?: string): Promise<ApplicationRow> {
    await sendViaGrants(this.engine, row.instance_id, event, actor, key, explainState);
    return this.row(row.id);
  }

  async row(id: string): Promise<ApplicationRow> {
    const row = isUuid(id) ? await this.applications.find(id) : null;
    if (!row) throw notFound('application', id);
    return row;
  }

  /** The applicant's own application (404 for what they may not read, 403 for what they only read). */
  private async own(id: string, applicant: Actor): Promise<ApplicationRow> {
    const row = await this.get(id, applicant);
    if (row.applicant_person_id !== applicant.id) throw forbidden('Only the applicant acts on their application');
    return row;
  }
}
