import { randomUUID } from 'node:crypto';
import { conflict, forbidden, notFound, type Actor, type WorkflowEngine } from '@samflyt/engine';
import type { AnswerRequest } from '@samflyt/workflows';
import type { Page, PageRequest } from '../paging';
import { answerRefusal, checkedAnswer, recipientMayDownload, signatureOf, takesAnswers } from './answer-rules';
import {
  fileView,
  toAnswerViews,
  toRecipientHearingView,
  toVersionView,
  type AnswerVersionView,
  type AnswerView,
  type FileView,
  type RecipientHearingView,
} from './answer-view';
import { notInState, requireReader, requireSecretariat, viaHearingsApi } from './hearing-access';
import { ATTACHMENT_QUOTA, AttachmentQuotaError, quotaRefusal, UNREFERENCED_ATTACHMENT_TTL_MS } from '../uploads';
import { storedAttachment, type UploadedFile } from './hearing-draft';
import { hearingContext } from './hearing-instance';
import type { AnswerFilter, AnswerRow, AttachmentRow, HearingsRepository } from './hearings.repository';
import { recipientActor, type RecipientSession } from './recipient-session';

/**
 * Høringssvar: given through a recipient's personal link (or registered by the secretariat when it
 * came by letter), alone or jointly, changed until the deadline with every version kept.
 *
 * Joint answers: the answering recipient names co-signers among the other recipients of the same
 * hearing that have not answered. The answer counts for each of them; their contacts get a notice
 * and can read it with their own links, but only the lead changes it (and may take a co-signer off,
 * which lets that one answer on its own again). A co-signer cannot answer separately while it is on
 * a joint answer: one answer per organisation and hearing.
 */
export class HearingAnswerService {
  constructor(
    private readonly repo: HearingsRepository,
    private readonly engine: WorkflowEngine,
  ) {}

  /** The hearing as the recipient of a personal link sees it. */
  async view(session: RecipientSession): Promise<RecipientHearingView> {
    const row = await this.repo.hearing(session.hearingId);
    const [c, status, signatories, proposalFiles] = await Promise.all([
      hearingContext(this.engine, row),
      this.repo.recipientStatus(session.hearingId, session.organisationId),
      this.repo.signatories(session.hearingId),
      this.repo.attachments(session.hearingId, { inProposal: true }),
    ]);
    const mine = signatureOf(signatories, session.organisationId);
    const answer = mine ? await this.answer(session.hearingId, mine.answerId) : null;
    return toRecipientHearingView(session, row, c, status!, signatories, answer, proposalFiles);
  }

  /**
   * Gives or changes the answer of the link's organisation. Co-signers it names that have not confirmed are
   * pending: each is asked to confirm through its own link, and the answer is not theirs until then.
   */
  async answerAs(session: RecipientSession, body: AnswerRequest, idempotencyKey?: string): Promise<AnswerView> {
    return this.submit(
      session.hearingId,
      session.organisationId,
      body,
      recipientActor(session),
      'by-consent',
      idempotencyKey,
    );
  }

  /** The secretariat registers (or changes) an answer that came by letter or e-mail. */
  async register(
    hearingId: string,
    body: AnswerRequest & { organisationId: string },
    actor: Actor,
    idempotencyKey?: string,
  ): Promise<AnswerView> {
    requireSecretariat(actor);
    const { organisationId, ...answer } = body;
    return this.submit(hearingId, organisationId, answer, viaHearingsApi(actor), 'registered', idempotencyKey);
  }

  /** The same rules for an answer through a link and one registered by the secretariat. */
  private async submit(
    hearingId: string,
    organisationId: string,
    body: AnswerRequest,
    actor: Actor,
    coSigning: 'by-consent' | 'registered',
    idempotencyKey?: string,
  ): Promise<AnswerView> {
    const row = await this.repo.hearing(hearingId);
    const c = await hearingContext(this.engine, row);
    if (!c.recipients.some((r) => r.organisationId === organisationId)) {
      throw notFound(`recipient organisation "${organisationId}" in this hearing`);
    }
    const answer = checkedAnswer(c, organisationId, body);
    const [signatories, status] = await Promise.all([
      this.repo.signatories(hearingId),
      this.repo.recipientStatus(hearingId, organisationId),
    ]);
    const refusal = answerRefusal(signatories, organisationId, status!, {
      state: row.state,
      acceptLateAnswers: c.acceptLateAnswers,
    });
    if (refusal) throw refusal;
    const mine = signatureOf(signatories, organisationId);
    const answerId = mine?.answerId ?? randomUUID();
    // Through a link, only those who confirmed sign; the secretariat registers what the letter says.
    const confirmed = mine ? c.answers[answerId].coSigners : [];
    const signs = (id: string) => coSigning === 'registered' || confirmed.includes(id);
    const event = {
      type: 'answer.submitted',
      answerId,
      organisationId,
      coSigners: answer.coSigners.filter(signs),
      pendingCoSigners: answer.coSigners.filter((id) => !signs(id)),
      version: mine ? c.answers[answerId].version + 1 : 1,
      late: status!.late,
      text: answer.text,
      questionAnswers: answer.answers,
      attachmentIds: answer.attachmentIds,
    } as const;
    await this.engine.send(row.instanceId, event, actor, { idempotencyKey });
    return (await this.answer(hearingId, answerId))!;
  }

  /**
   * A co-signer takes its organisation off a joint answer it signed: a new version of the answer
   * without it, the lead told by e-mail. Only until the co-signer's own deadline; then it may answer
   * on its own. The lead changes its answer instead (403); an answer not signed is 404.
   */
  async withdrawSignature(
    session: RecipientSession,
    answerId: string,
    reason: string | null | undefined,
    idempotencyKey?: string,
  ): Promise<RecipientHearingView> {
    const signed = { answerId, organisationId: session.organisationId };
    const mine = (await this.repo.signatories(session.hearingId)).find(
      (s) => s.organisationId === session.organisationId && s.answerId === answerId,
    );
    if (
      !mine &&
      idempotencyKey &&
      (await this.repo.signatureWithdrawnWith(session.hearingId, idempotencyKey, signed))
    ) {
      return this.view(session); // a retry of a withdrawal that went through
    }
    if (!mine) throw notFound(`answer with id "${answerId}" co-signed by ${session.organisationName}`);
    if (mine.lead) {
      throw forbidden(
        `${session.organisationName} gave this answer; change it (POST /respond/answer) instead. ` +
          'Only co-signers withdraw their signature',
      );
    }
    const row = await this.repo.hearing(session.hearingId);
    const c = await hearingContext(this.engine, row);
    const event = {
      type: 'signature.withdrawn',
      ...signed,
      version: c.answers[answerId].version + 1,
      reason: reason?.trim() || null,
    } as const;
    await this.engine.send(row.instanceId, event, recipientActor(session), { idempotencyKey });
    return this.view(session);
  }

  /**
   * The link's organisation confirms it co-signs a joint answer that names it: a new version with it signing, the
   * lead told. Only until its own deadline; an answer that does not wait for it is 404.
   */
  async confirmSignature(
    session: RecipientSession,
    answerId: string,
    idempotencyKey?: string,
  ): Promise<RecipientHearingView> {
    const row = await this.repo.hearing(session.hearingId);
    const c = await hearingContext(this.engine, row);
    const answer = Object.hasOwn(c.answers, answerId) ? c.answers[answerId] : null;
    if (answer?.coSigners.includes(session.organisationId) && idempotencyKey) {
      return this.view(session); // a retry of a confirmation that went through
    }
    if (!answer || !(answer.pendingCoSigners ?? []).includes(session.organisationId)) {
      throw notFound(`answer with id "${answerId}" waiting for ${session.organisationName} to co-sign`);
    }
    if (Object.hasOwn(c.answeredBy, session.organisationId)) {
      throw conflict(`${session.organisationName} has already answered (alone or jointly); it cannot co-sign another`, {
        constraint: 'hearing_answer_signatories_pkey',
      });
    }
    const event = {
      type: 'coSignature.confirmed',
      answerId,
      organisationId: session.organisationId,
      version: answer.version + 1,
    } as const;
    await this.engine.send(row.instanceId, event, recipientActor(session), { idempotencyKey });
    return this.view(session);
  }

  /** A page of a hearing's answers (current versions, oldest first), for those who read the hearing. */
  async list(hearingId: string, filter: AnswerFilter, page: PageRequest, actor: Actor): Promise<Page<AnswerView>> {
    const row = await this.repo.hearing(hearingId);
    requireReader(row.committeeCode, actor);
    const found = await this.repo.answerPage(hearingId, filter, page);
    return { ...found, items: await this.answerViews(hearingId, found.items) };
  }

  /** Every version of an answer, for those who read the hearing. */
  async versions(hearingId: string, answerId: string, actor: Actor): Promise<AnswerVersionView[]> {
    requireReader((await this.repo.hearing(hearingId)).committeeCode, actor);
    if (!(await this.answer(hearingId, answerId))) throw notFound('answer', answerId);
    return (await this.repo.versions(answerId)).map(toVersionView);
  }

  /**
   * The answer a recipient may read: its own organisation's (led or co-signed), or one that asks it to co-sign;
   * 404 for any other.
   */
  async answerFor(session: RecipientSession, answerId: string): Promise<AnswerView> {
    const signed = (await this.repo.signatories(session.hearingId)).some(
      (s) => s.organisationId === session.organisationId && s.answerId === answerId,
    );
    const asked =
      !signed &&
      (await this.answer(session.hearingId, answerId))?.pendingCoSigners.some((o) => o.id === session.organisationId);
    const answer = signed || asked ? await this.answer(session.hearingId, answerId) : null;
    if (!answer) throw notFound(`answer with id "${answerId}" of ${session.organisationName}`);
    return answer;
  }

  /** Every version of the recipient's own organisation's answer. */
  async versionsFor(session: RecipientSession, answerId: string): Promise<AnswerVersionView[]> {
    await this.answerFor(session, answerId);
    return (await this.repo.versions(answerId)).map(toVersionView);
  }

  /** A file for the recipient's answer, while the hearing takes answers; the answer names it. */
  async uploadForAnswer(session: RecipientSession, file: UploadedFile): Promise<FileView> {
    const row = await this.repo.hearing(session.hearingId);
    if (!takesAnswers(row.state)) throw notInState(`The hearing is ${row.state}; no more answers`, row.state);
    const actor = recipientActor(session);
    const stored = storedAttachment(session.hearingId, session.organisationId, file, actor);
    const id = await this.repo.insertAttachment(stored, UNREFERENCED_ATTACHMENT_TTL_MS, ATTACHMENT_QUOTA);
    if (!id) {
      const usage = await this.repo.answerFileUsage(session.hearingId, session.organisationId);
      throw (
        quotaRefusal('hearing answer', usage, file.content.length) ??
        new AttachmentQuotaError('hearing answer', 'files', ATTACHMENT_QUOTA.files)
      );
    }
    return fileView((await this.repo.attachments(session.hearingId, { id }))[0]);
  }

  /** A file a recipient may download: the proposal's, or one of its own organisation's answers. */
  async attachmentFor(session: RecipientSession, attachmentId: string): Promise<AttachmentRow & { content: Buffer }> {
    const file = await this.repo.attachmentContent(session.hearingId, attachmentId);
    const signed = new Set(
      (await this.repo.signatories(session.hearingId))
        .filter((s) => s.organisationId === session.organisationId)
        .map((s) => s.answerId),
    );
    if (!file || !recipientMayDownload(file, session.organisationId, signed)) {
      throw notFound(`attachment with id "${attachmentId}"`);
    }
    return file;
  }

  /** Answers as shown, with their co-signers' names and their files. */
  async answerViews(hearingId: string, rows: AnswerRow[]): Promise<AnswerView[]> {
    const [recipients, files] = await Promise.all([
      this.repo.recipients(hearingId),
      this.repo.attachments(hearingId, { ofAnswers: true }),
    ]);
    return toAnswerViews(rows, recipients, files);
  }

  private async answer(hearingId: string, answerId: string): Promise<AnswerView | null> {
    const rows = await this.repo.answers(hearingId, { answerId });
    return rows.length ? (await this.answerViews(hearingId, rows))[0] : null;
  }
}
