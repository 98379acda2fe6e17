import { randomBytes, randomUUID } from 'node:crypto';
import {
  derivedId,
  invalidInput,
  notFound,
  OSLO,
  ruleViolated,
  type Actor,
  type WorkflowEngine,
} from '@samflyt/engine';
import {
  DEFAULT_HEARING_REMINDER_OFFSETS,
  type CreateHearingRequest,
  type HearingDraftRequest,
  type HearingEvent,
  type HearingInput,
  type HearingRecipient,
  type HearingUpdate,
  type PresentRequest,
} from '@samflyt/workflows';
import { DateTime } from 'luxon';
import type { CaseService } from '../cases';
import { UNREFERENCED_ATTACHMENT_TTL_MS } from '../uploads';
import type { MeetingsRepository } from '../meetings';
import { notInState, requireSecretariat, viaHearingsApi } from './hearing-access';
import {
  extensionRefusal,
  presentationCase,
  presentationDetails,
  resolveRecipients,
  storedAttachment,
  withQuestionIds,
  type RecipientRequest,
  type UploadedFile,
} from './hearing-draft';
import { hearingContext } from './hearing-instance';
import type { HearingReadService } from './hearing-read.service';
import type { HearingView } from './hearing-view';
import type { HearingsRepository } from './hearings.repository';
import type { OrganisationsRepository } from './organisations.repository';

export interface LinkBases {
  /** Default answer page, e.g. `https://samflyt.example/hoering/svar`. */
  answerPage: string;
  /** The API's own origin: attachments are downloaded from `/public/hearings/{id}/attachments/{id}`. */
  api: string;
  /** The web app (`PUBLIC_WEB_URL`): an answer page given with a hearing must be one of its pages. */
  web: string;
}

/** An answer page on the web app: its origin, and under its path (the token in the link goes nowhere else). */
export function onWebApp(url: string, web: string): boolean {
  const page = URL.canParse(url) ? new URL(url) : null;
  const base = new URL(web);
  const path = base.pathname.replace(/\/+$/, '');
  return (
    page !== null &&
    page.origin === base.origin &&
    page.username === '' &&
    page.password === '' &&
    (page.pathname === path || page.pathname.startsWith(`${path}/`))
  );
}

type Key = string | undefined;

/**
 * Hearings as the secretariat runs them: draft, send, extensions, publication, sammendrag and the
 * case it goes to the committee as. Every change is an event of the `hearing` workflow.
 */
export class HearingService {
  constructor(
    private readonly repo: HearingsRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly engine: WorkflowEngine,
    private readonly reads: HearingReadService,
    private readonly cases: CaseService,
    private readonly meetings: MeetingsRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(body: CreateHearingRequest, actor: Actor, links: LinkBases, idempotencyKey?: Key): Promise<HearingView> {
    requireSecretariat(actor);
    if (body.answerPageUrl !== undefined && !onWebApp(body.answerPageUrl, links.web)) {
      // The personal links (with their tokens) go to this page: never to another site.
      throw ruleViolated(`answerPageUrl: must be a page of the web app, ${links.web} (PUBLIC_WEB_URL)`);
    }
    const committee = await this.meetings.committee(body.committeeCode);
    const hearingId = idempotencyKey ? derivedId(`hearing:${actor.id}:${idempotencyKey}`) : randomUUID();
    const input: HearingInput = {
      hearingId,
      committee: { code: committee.code, name: committee.name },
      title: body.title,
      origin: body.origin ?? null,
      proposal: body.proposal,
      attachments: [],
      questions: withQuestionIds(body.questions ?? []),
      recipients: await this.recipients(body.recipients ?? []),
      deadline: body.deadline ?? null,
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
    return this.reads.get(hearingId, actor);
  }

  /** Changes the draft: the fields given replace the draft's. */
  async update(id: string, body: HearingDraftRequest, actor: Actor, idempotencyKey?: Key): Promise<HearingView> {
    requireSecretariat(actor);
    const { questions, recipients, ...fields } = body;
    const update: HearingUpdate = { ...fields };
    if (questions !== undefined) update.questions = withQuestionIds(questions);
    if (recipients !== undefined) update.recipients = await this.recipients(recipients);
    return this.send(id, { type: 'hearing.updated', ...update }, actor, idempotencyKey);
  }

  /** Sends the hearing to its recipients; the answer carries the deadline warnings as of now. */
  async sendOut(id: string, actor: Actor, idempotencyKey?: Key): Promise<HearingView> {
    return this.send(id, { type: 'hearing.sent' }, actor, idempotencyKey);
  }

  /** Utsatt frist: a later deadline for one recipient that has not answered; its reminders move with it. */
  async grantExtension(
    id: string,
    organisationId: string,
    body: { deadline: string; reason: string },
    actor: Actor,
    idempotencyKey?: Key,
  ): Promise<HearingView> {
    requireSecretariat(actor);
    const row = await this.repo.hearing(id);
    const c = await hearingContext(this.engine, row);
    if (!c.recipients.some((r) => r.organisationId === organisationId)) {
      throw notFound(`recipient organisation "${organisationId}" in this hearing`);
    }
    const refusal = extensionRefusal(c, organisationId, body.deadline, row.state);
    if (refusal) throw refusal;
    const event = { type: 'extension.granted', organisationId, deadline: body.deadline, reason: body.reason } as const;
    return this.send(id, event, actor, idempotencyKey);
  }

  /**
   * A new personal link for one recipient (one mislaid, or sent to the wrong person): every link of the recipient
   * sent before stops working, and its contacts get the new one by e-mail. Journaled as `link.reissued`.
   */
  async reissueLink(id: string, organisationId: string, actor: Actor, idempotencyKey?: Key): Promise<HearingView> {
    requireSecretariat(actor);
    const row = await this.repo.hearing(id);
    const c = await hearingContext(this.engine, row);
    if (!c.recipients.some((r) => r.organisationId === organisationId)) {
      throw notFound(`recipient organisation "${organisationId}" in this hearing`);
    }
    return this.send(id, { type: 'link.reissued', organisationId }, actor, idempotencyKey);
  }

  /** Unntatt offentlighet: the answer is left out of what the public reads, with the reason. */
  async withholdAnswer(id: string, answerId: string, reason: string, actor: Actor): Promise<HearingView> {
    return this.send(id, { type: 'answer.withheld', answerId, reason }, actor);
  }

  async releaseAnswer(id: string, answerId: string, actor: Actor): Promise<HearingView> {
    return this.send(id, { type: 'answer.released', answerId }, actor);
  }

  /** Late answers are taken (marked late) or refused after each recipient's deadline. */
  async acceptLateAnswers(id: string, accept: boolean, actor: Actor): Promise<HearingView> {
    return this.send(id, { type: accept ? 'lateAnswers.reopened' : 'lateAnswers.closed' }, actor);
  }

  async startSummary(id: string, actor: Actor): Promise<HearingView> {
    return this.send(id, { type: 'summary.started' }, actor);
  }

  /** The secretariat's summary of the answers to one question (`general`: the whole). */
  async recordSummaryText(id: string, questionId: string, text: string, actor: Actor): Promise<HearingView> {
    return this.send(id, { type: 'summary.textRecorded', questionId, text }, actor);
  }

  async conclude(id: string, conclusion: string, actor: Actor): Promise<HearingView> {
    return this.send(id, { type: 'hearing.concluded', conclusion }, actor);
  }

  /** Withdraws the hearing; the recipients of a sent one are told. */
  async withdraw(id: string, reason: string, actor: Actor): Promise<HearingView> {
    return this.send(id, { type: 'hearing.withdrawn', reason }, actor);
  }

  /** Presents the sammendrag to the owning committee: a case, on a meeting's agenda when named. */
  async present(id: string, body: PresentRequest, actor: Actor, idempotencyKey?: Key): Promise<HearingView> {
    requireSecretariat(actor);
    const row = await this.repo.hearing(id);
    if (row.state !== 'summary') {
      throw notInState(
        `"hearing.presented" is not allowed in state "${row.state}"; write the sammendrag first (POST /hearings/{id}/summary/start)`,
        row.state,
      );
    }
    const meeting = body.meetingId ? await this.meetings.findMeeting(body.meetingId) : null;
    if (body.meetingId && !meeting) throw invalidInput([{ field: 'meetingId', message: 'no meeting with this id' }]);
    if (meeting && meeting.committeeCode !== row.committeeCode) {
      throw invalidInput([{ field: 'meetingId', message: `the meeting is not a meeting of ${row.committeeCode}` }]);
    }
    const caseId = derivedId(`hearing-case:${row.id}`);
    if (!(await this.repo.caseExists(caseId))) {
      const year = DateTime.fromJSDate(this.now(), { zone: OSLO }).year;
      const input = { caseId, committeeCode: row.committeeCode, year, ...presentationCase(row, body) };
      await this.engine.start('case', input, actor);
    }
    if (meeting) {
      const details = presentationDetails(row.id, await hearingContext(this.engine, row));
      await this.cases.schedule(caseId, meeting.id, { details }, actor, idempotencyKey);
    }
    const kase = await this.cases.get(caseId, actor);
    const event = { type: 'hearing.presented', caseId, caseRef: kase.ref, meetingId: meeting?.id ?? null } as const;
    return this.send(id, event, actor, idempotencyKey);
  }

  /** Attaches a file to the proposal of a draft hearing. */
  async attach(id: string, file: UploadedFile, actor: Actor): Promise<HearingView> {
    requireSecretariat(actor);
    const row = await this.repo.hearing(id);
    if (row.state !== 'draft') {
      throw notInState(
        `The proposal's attachments are set while the hearing is a draft; it is ${row.state}`,
        row.state,
      );
    }
    const c = await hearingContext(this.engine, row);
    // Deleted by the sweep unless the proposal keeps it (the event below names it).
    const attachmentId = (await this.repo.insertAttachment(
      storedAttachment(id, null, file, actor),
      UNREFERENCED_ATTACHMENT_TTL_MS,
    ))!;
    try {
      // The proposal names the file as it was sent; the stored row has a safe name.
      const ref = { id: attachmentId, filename: file.filename, mediaType: file.mediaType, size: file.content.length };
      return await this.send(id, { type: 'hearing.updated', attachments: [...c.attachments, ref] }, actor);
    } catch (error) {
      await this.repo.deleteAttachment(attachmentId);
      throw error;
    }
  }

  async detach(id: string, attachmentId: string, actor: Actor): Promise<HearingView> {
    requireSecretariat(actor);
    const c = await hearingContext(this.engine, await this.repo.hearing(id));
    if (!c.attachments.some((a) => a.id === attachmentId)) throw notFound(`attachment "${attachmentId}"`);
    const attachments = c.attachments.filter((a) => a.id !== attachmentId);
    return this.send(id, { type: 'hearing.updated', attachments }, actor);
  }

  private async send(id: string, event: HearingEvent, actor: Actor, idempotencyKey?: Key): Promise<HearingView> {
    requireSecretariat(actor);
    const row = await this.repo.hearing(id);
    const view = await this.engine.send(row.instanceId, event, viaHearingsApi(actor), { idempotencyKey });
    return this.reads.viewOf(await this.repo.hearing(id), view);
  }

  /** Organisations with their contact persons, as the hearing keeps them; every one must exist. */
  private async recipients(requests: RecipientRequest[]): Promise<HearingRecipient[]> {
    const ids = requests.map((r) => r.organisationId);
    const [names, contacts] = await Promise.all([this.organisations.names(ids), this.organisations.contactsOf(ids)]);
    return resolveRecipients(requests, names, contacts);
  }
}
