import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  OSLO,
  WorkflowEngine,
  ErrorCode,
  DomainError,
  hasRole,
  invalidInput,
  toDeadline,
  type Actor,
  type InstanceView,
  type WorkflowEvent,
  isUuid,
  notFound,
} from '@samflyt/engine';
import {
  DEFAULT_HEARING_REMINDER_OFFSETS,
  HEARINGS_API_ROLE,
  deadlineWarnings,
  type HearingContext,
  type HearingInput,
  type HearingRecipient,
} from '@samflyt/workflows';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import type { CaseService } from '../cases';
import { MeetingsRepository } from '../meetings/meetings.repository';
import { ContactService } from './contacts.service';
import { toHearingView, type HearingView } from './hearing-view';
import { HearingsRepository, type HearingFilter, type HearingListRow, type HearingRow } from './hearings.repository';

export interface RecipientRequest {
  organisationId: string;
  /** A subset of the organisation's contact persons; all of them when left out. */
  contactIds?: string[];
}

export interface HearingDraft {
  title?: string;
  origin?: string | null;
  proposal?: string;
  /** Ids are given as q1, q2 … when left out. */
  questions?: { id?: string; text: string }[];
  recipients?: RecipientRequest[];
  /** A date (end of that day in Oslo) or a date-time with offset. */
  deadline?: string | null;
  reminderOffsets?: string[];
  acceptLateAnswers?: boolean;
}

export interface NewHearing extends HearingDraft {
  committeeCode: string;
  title: string;
  proposal: string;
  /** The web app's answer page; the personal token follows in the fragment. */
  answerPageUrl?: string;
}

export interface LinkBases {
  /** Default answer page, e.g. `https://samflyt.example/hoering/svar`. */
  answerPage: string;
  /** The API's own origin: attachments are downloaded from `/public/hearings/{id}/attachments/{id}`. */
  api: string;
}

type Key = string | undefined;

export const viaHearingsApi = (actor: Actor): Actor => ({ ...actor, roles: [...actor.roles, HEARINGS_API_ROLE] });

const isSecretariat = (actor: Actor) => hasRole(actor, 'secretariat');

/** A version-4-shaped uuid from a hash: the same text, the same id. */
export function derivedId(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Hearings as the secretariat runs them: draft, send, extensions, publication, sammendrag and the
 * case it goes to the committee as. Every change is an event of the `hearing` workflow.
 */
export class HearingService {
  readonly repo: HearingsRepository;
  private readonly contacts: ContactService;
  private readonly meetings: MeetingsRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: WorkflowEngine,
    private readonly cases: CaseService,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.repo = new HearingsRepository(dataSource);
    this.contacts = new ContactService(dataSource);
    this.meetings = new MeetingsRepository(dataSource);
  }

  async create(body: NewHearing, actor: Actor, links: LinkBases, idempotencyKey?: Key): Promise<HearingView> {
    this.requireSecretariat(actor);
    const committee = await this.meetings.committee(body.committeeCode);
    const hearingId = idempotencyKey ? derivedId(`hearing:${actor.id}:${idempotencyKey}`) : randomUUID();
    const input: HearingInput = {
      hearingId,
      committee: { code: committee.code, name: committee.name },
      title: body.title,
      origin: body.origin ?? null,
      proposal: body.proposal,
      attachments: [],
      questions: this.questions(body.questions ?? []),
      recipients: await this.resolveRecipients(body.recipients ?? []),
      deadline: this.deadline(body.deadline),
      reminderOffsets: body.reminderOffsets ?? DEFAULT_HEARING_REMINDER_OFFSETS,
      acceptLateAnswers: body.acceptLateAnswers ?? true,
      links: {
        answer: body.answerPageUrl ?? links.answerPage,
        attachments: `${links.api}/public/hearings/${hearingId}/attachments`,
      },
      linkKey: randomBytes(32).toString('base64url'),
      owner: { id: actor.id, name: actor.name, email: actor.email ?? null },
    };
    await this.engine.start('hearing', input, viaHearingsApi(actor), { idempotencyKey });
    return this.get(hearingId, actor);
  }

  async update(id: string, body: HearingDraft, actor: Actor, idempotencyKey?: Key): Promise<HearingView> {
    this.requireSecretariat(actor);
    const event: WorkflowEvent = { type: 'hearing.updated' };
    if (body.title !== undefined) event.title = body.title;
    if (body.origin !== undefined) event.origin = body.origin;
    if (body.proposal !== undefined) event.proposal = body.proposal;
    if (body.questions !== undefined) event.questions = this.questions(body.questions);
    if (body.recipients !== undefined) event.recipients = await this.resolveRecipients(body.recipients);
    if (body.deadline !== undefined) event.deadline = this.deadline(body.deadline);
    if (body.reminderOffsets !== undefined) event.reminderOffsets = body.reminderOffsets;
    if (body.acceptLateAnswers !== undefined) event.acceptLateAnswers = body.acceptLateAnswers;
    return this.send(id, event, actor, idempotencyKey);
  }

  /** Sends the hearing to its recipients; the answer carries the deadline warnings as of now. */
  async sendOut(id: string, actor: Actor, idempotencyKey?: Key): Promise<HearingView> {
    return this.send(id, { type: 'hearing.sent' }, actor, idempotencyKey);
  }

  async grantExtension(
    id: string,
    organisationId: string,
    body: { deadline: string; reason: string },
    actor: Actor,
    idempotencyKey?: Key,
  ): Promise<HearingView> {
    const row = await this.repo.hearing(id);
    const c = await this.context(row, actor);
    if (!c.recipients.some((r) => r.organisationId === organisationId)) {
      throw notFound(`recipient organisation "${organisationId}" in this hearing`);
    }
    const deadline = this.deadline(body.deadline, 'deadline');
    const current = (await this.repo.recipients(id)).find((r) => r.organisationId === organisationId)!;
    const was = current.deadline ? current.deadline.toISOString() : c.deadline;
    if (deadline === null || (was !== null && deadline <= was)) {
      throw invalidInput([{ field: 'deadline', message: `must be later than the recipient's deadline ${was}` }]);
    }
    if (Object.hasOwn(c.answeredBy, organisationId)) {
      throw new DomainError(ErrorCode.RuleViolated, 'This recipient has answered already', {
        state: row.state,
      });
    }
    const event = { type: 'extension.granted', organisationId, deadline, reason: body.reason };
    return this.send(id, event, actor, idempotencyKey);
  }

  /** Presents the sammendrag to the owning committee: a case, on a meeting's agenda when named. */
  async present(
    id: string,
    body: { meetingId?: string; title?: string; proposedResolution?: string },
    actor: Actor,
    idempotencyKey?: Key,
  ): Promise<HearingView> {
    this.requireSecretariat(actor);
    const row = await this.repo.hearing(id);
    if (row.state !== 'summary') {
      throw new DomainError(
        ErrorCode.EventNotAllowed,
        `"hearing.presented" is not allowed in state "${row.state}"; write the sammendrag first (POST /hearings/{id}/summary/start)`,
        { state: row.state, allowedEvents: [] },
      );
    }
    const meeting = body.meetingId ? await this.meetings.findMeeting(body.meetingId) : null;
    if (body.meetingId && !meeting) throw invalidInput([{ field: 'meetingId', message: 'no meeting with this id' }]);
    if (meeting && meeting.committeeCode !== row.committeeCode) {
      throw invalidInput([{ field: 'meetingId', message: `the meeting is not a meeting of ${row.committeeCode}` }]);
    }
    const caseId = derivedId(`hearing-case:${row.id}`);
    const [existing] = (await this.dataSource.query(`SELECT id FROM cases WHERE id = $1`, [caseId])) as unknown[];
    if (!existing) {
      await this.engine.start(
        'case',
        {
          caseId,
          committeeCode: row.committeeCode,
          year: DateTime.fromJSDate(this.now(), { zone: OSLO }).year,
          title:
            body.title ??
            `${/^høring/i.test(row.title) ? row.title : `Høring: ${row.title}`} – sammendrag av høringssvar`,
          proposedResolution:
            body.proposedResolution ?? `1. ${row.committeeCode} tar sammendraget av høringssvarene til orientering.`,
        },
        actor,
      );
    }
    const c = await this.context(row, actor);
    const answered = Object.keys(c.answeredBy).length;
    if (meeting) {
      await this.cases.schedule(
        caseId,
        meeting.id,
        {
          details:
            `Vedlegg: Sammendrag av høringssvarene (${answered} av ${c.recipients.length} høringsinstanser har svart)\n` +
            `Vedlegg: Høringssvarene (/public/hearings/${row.id})`,
        },
        actor,
        idempotencyKey,
      );
    }
    const kase = await this.cases.get(caseId, actor);
    return this.send(
      id,
      { type: 'hearing.presented', caseId, caseRef: kase.ref, meetingId: meeting?.id ?? null },
      actor,
      idempotencyKey,
    );
  }

  /** Any other secretariat event (withheld, released, late answers, summary, concluded, withdrawn). */
  async send(id: string, event: WorkflowEvent, actor: Actor, idempotencyKey?: Key): Promise<HearingView> {
    this.requireSecretariat(actor);
    const row = await this.repo.hearing(id);
    const view = await this.engine.send(row.instanceId, event, viaHearingsApi(actor), { idempotencyKey });
    return this.viewOf(await this.repo.hearing(id), view);
  }

  async get(id: string, actor: Actor): Promise<HearingView> {
    const row = await this.repo.hearing(id);
    this.mayRead(row, actor);
    return this.viewOf(row, await this.engine.view(row.instanceId, viaHearingsApi(this.reader(actor))));
  }

  async list(
    filter: HearingFilter,
    page: number,
    pageSize: number,
    actor: Actor,
  ): Promise<{ items: HearingListRow[]; total: number }> {
    if (!hasRole(actor, 'secretariat', 'admin') && !filter.committee) {
      // Committee members see their committees' hearings; the public list is /public/hearings.
      const codes = actor.roles.flatMap((r) => /^committee:([A-Z0-9-]+)$/.exec(r)?.[1] ?? []);
      if (codes.length === 0) throw new DomainError(ErrorCode.Forbidden, 'You may not list hearings');
      filter = { ...filter, committees: codes };
    }
    if (filter.committee && !hasRole(actor, 'secretariat', 'admin', `committee:${filter.committee}`)) {
      throw new DomainError(ErrorCode.Forbidden, `You may not list the hearings of ${filter.committee}`);
    }
    const { rows, total } = await this.repo.list(filter, page, pageSize);
    return { items: rows, total };
  }

  /** Attaches a file to the proposal of a draft hearing. */
  async attach(
    id: string,
    file: { filename: string; mediaType: string; content: Buffer },
    actor: Actor,
  ): Promise<HearingView> {
    this.requireSecretariat(actor);
    const row = await this.repo.hearing(id);
    if (row.state !== 'draft') {
      throw new DomainError(
        ErrorCode.EventNotAllowed,
        `The proposal's attachments are set while the hearing is a draft; it is ${row.state}`,
        { state: row.state, allowedEvents: [] },
      );
    }
    const c = await this.context(row, actor);
    const attachmentId = await insertAttachment(this.dataSource, id, null, file, actor);
    try {
      const ref = { id: attachmentId, filename: file.filename, mediaType: file.mediaType, size: file.content.length };
      return await this.send(id, { type: 'hearing.updated', attachments: [...c.attachments, ref] }, actor);
    } catch (error) {
      await this.dataSource.query(`DELETE FROM hearing_attachments WHERE id = $1`, [attachmentId]);
      throw error;
    }
  }

  async detach(id: string, attachmentId: string, actor: Actor): Promise<HearingView> {
    const row = await this.repo.hearing(id);
    const c = await this.context(row, actor);
    if (!c.attachments.some((a) => a.id === attachmentId)) throw notFound(`attachment "${attachmentId}"`);
    const attachments = c.attachments.filter((a) => a.id !== attachmentId);
    return this.send(id, { type: 'hearing.updated', attachments }, actor);
  }

  async context(row: HearingRow, actor: Actor): Promise<HearingContext> {
    return (await this.engine.view(row.instanceId, viaHearingsApi(this.reader(actor)))).context as HearingContext;
  }

  mayRead(row: HearingRow, actor: Actor): void {
    if (!hasRole(actor, 'secretariat', 'admin', `committee:${row.committeeCode}`)) {
      throw new DomainError(ErrorCode.Forbidden, 'You may not read this hearing');
    }
  }

  async viewOf(row: HearingRow, instance: InstanceView): Promise<HearingView> {
    const c = instance.context as HearingContext;
    const [recipients, signatories, answers] = await Promise.all([
      this.repo.recipients(row.id),
      this.repo.signatories(row.id),
      this.repo.answers(row.id),
    ]);
    const from = row.sentAt ? row.sentAt.toISOString() : this.now().toISOString();
    const warnings = c.deadline ? deadlineWarnings(from, c.deadline) : [];
    return toHearingView(row, c, instance, recipients, signatories, answers, warnings);
  }

  /** Committee members read the hearing through the engine as readers of the instance. */
  private reader(actor: Actor): Actor {
    return hasRole(actor, 'secretariat', 'admin') ? actor : { ...actor, roles: [...actor.roles, 'admin'] };
  }

  private requireSecretariat(actor: Actor): void {
    if (!isSecretariat(actor)) {
      throw new DomainError(ErrorCode.Forbidden, 'Only the secretariat runs hearings');
    }
  }

  private questions(questions: { id?: string; text: string }[]): { id: string; text: string }[] {
    return questions.map((q, i) => ({ id: q.id ?? `q${i + 1}`, text: q.text }));
  }

  private deadline(value: string | null | undefined, field = 'deadline'): string | null {
    if (value === null || value === undefined) return null;
    const at = typeof value === 'string' ? toDeadline(value) : null;
    if (!at) {
      throw invalidInput([{ field, message: 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time with offset' }]);
    }
    return at;
  }

  /** Organisations with their contact persons, as the hearing keeps them; every one must exist. */
  private async resolveRecipients(requests: RecipientRequest[]): Promise<HearingRecipient[]> {
    const errors: { field: string; message: string }[] = [];
    requests.forEach((r, i) => {
      if (typeof r?.organisationId !== 'string' || !isUuid(r.organisationId)) {
        errors.push({ field: `recipients.${i}.organisationId`, message: 'must be an organisation id (uuid)' });
      }
    });
    if (errors.length > 0) throw invalidInput(errors);
    const ids = requests.map((r) => r.organisationId);
    const orgs = new Map(
      (
        (await this.dataSource.query(`SELECT id, name FROM organisations WHERE id = ANY($1::uuid[])`, [ids])) as {
          id: string;
          name: string;
        }[]
      ).map((o) => [o.id, o.name]),
    );
    const contacts = await this.contacts.contactsOf(ids);
    const recipients = requests.map((r, i): HearingRecipient | null => {
      const name = orgs.get(r.organisationId);
      if (!name) {
        errors.push({ field: `recipients.${i}.organisationId`, message: 'no organisation with this id' });
        return null;
      }
      const all = contacts.get(r.organisationId) ?? [];
      const chosen = r.contactIds ? all.filter((p) => r.contactIds!.includes(p.id)) : all;
      if (r.contactIds && chosen.length !== new Set(r.contactIds).size) {
        errors.push({ field: `recipients.${i}.contactIds`, message: `not all are contact persons of ${name}` });
      }
      return {
        organisationId: r.organisationId,
        name,
        contacts: chosen.map((p) => ({ id: p.id, name: p.name, email: p.email })),
      };
    });
    if (errors.length > 0) throw invalidInput(errors);
    return recipients as HearingRecipient[];
  }
}

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Stores an uploaded file; `organisationId` for an answer's attachment, null for the proposal's. */
export async function insertAttachment(
  dataSource: DataSource,
  hearingId: string,
  organisationId: string | null,
  file: { filename: string; mediaType: string; content: Buffer },
  actor: Actor,
): Promise<string> {
  // No path separators or control characters in a stored file name.
  const safe = [...file.filename.normalize('NFC')].map((ch) => (ch < ' ' || ch === '/' || ch === '\\' ? '_' : ch));
  const filename = safe.join('').slice(0, 255) || 'vedlegg';
  const id = randomUUID();
  await dataSource.query(
    `INSERT INTO hearing_attachments (id, hearing_id, answer_organisation_id, filename, media_type, size, sha256, content, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      id,
      hearingId,
      organisationId,
      filename,
      file.mediaType.slice(0, 200) || 'application/octet-stream',
      file.content.length,
      createHash('sha256').update(file.content).digest('hex'),
      file.content,
      JSON.stringify({ id: actor.id, name: actor.name }),
    ],
  );
  return id;
}
