import { randomUUID } from 'node:crypto';
import {
  WorkflowEngine,
  ErrorCode,
  DomainError,
  hasRole,
  invalidInput,
  type Actor,
  isUuid,
  notFound,
} from '@samflyt/engine';
import {
  ANSWERING_STATES,
  GENERAL_QUESTION,
  readLink,
  recipientRole,
  verifyLink,
  type HearingContext,
} from '@samflyt/workflows';
import type { DataSource } from 'typeorm';
import { insertAttachment, viaHearingsApi } from './hearing.service';
import {
  HearingsRepository,
  type AnswerRow,
  type AnswerVersionRow,
  type AttachmentRow,
  type HearingRow,
} from './hearings.repository';

/** Who a personal link belongs to, once checked. */
export interface RecipientSession {
  hearingId: string;
  organisationId: string;
  organisationName: string;
  contact: { id: string; name: string; email: string };
}

export type LinkRefusal = 'missing' | 'malformed' | 'forged' | 'expired' | 'revoked';

export interface AnswerRequest {
  text?: string;
  answers?: { questionId: string; text: string }[];
  /** Other recipients of the hearing who sign this answer jointly. */
  coSigners?: string[];
  attachmentIds?: string[];
}

export interface AnswerView {
  id: string;
  organisation: { id: string; name: string };
  coSigners: { id: string; name: string }[];
  version: number;
  late: boolean;
  withheldReason: string | null;
  submittedAt: string;
  updatedAt: string;
  text: string;
  answers: { questionId: string; text: string }[];
  attachments: { id: string; filename: string; mediaType: string; size: number }[];
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
  attachments: { id: string; filename: string; mediaType: string; size: number }[];
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
}

const iso = (d: Date) => new Date(d).toISOString();

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
  readonly repo: HearingsRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: WorkflowEngine,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.repo = new HearingsRepository(dataSource);
  }

  /** Checks a personal link: signature, expiry, and that its contact is still a recipient's contact. */
  async authenticate(token: string | undefined): Promise<RecipientSession | LinkRefusal> {
    if (!token) return 'missing';
    const claims = readLink(token);
    if (!claims) return 'malformed';
    const [hearing] = (await this.dataSource.query(`SELECT link_key AS "linkKey" FROM hearings WHERE id = $1`, [
      claims.hearingId,
    ])) as { linkKey: string }[];
    if (!hearing) return 'forged';
    const checked = verifyLink(hearing.linkKey, token, this.now());
    if (!checked.ok) return checked.reason;
    const recipient = (await this.repo.recipients(claims.hearingId)).find(
      (r) => r.organisationId === claims.organisationId,
    );
    const contact = recipient?.contacts.find((p) => p.id === claims.contactId);
    if (!recipient || !contact) return 'revoked';
    return {
      hearingId: claims.hearingId,
      organisationId: claims.organisationId,
      organisationName: recipient.name,
      contact,
    };
  }

  actorOf(session: RecipientSession): Actor {
    return viaHearingsApi({
      id: `contact:${session.contact.id}`,
      name: `${session.contact.name} (${session.organisationName})`,
      email: session.contact.email,
      roles: ['hearing-recipient', recipientRole(session.hearingId, session.organisationId)],
    });
  }

  async view(session: RecipientSession): Promise<RecipientHearingView> {
    const row = await this.repo.hearing(session.hearingId);
    const c = await this.context(row);
    const [status] = await this.status(session.hearingId, session.organisationId);
    const signatories = await this.repo.signatories(session.hearingId);
    const mine = signatories.find((s) => s.organisationId === session.organisationId) ?? null;
    const taken = new Set(signatories.map((s) => s.organisationId));
    const answer = mine ? await this.answer(session.hearingId, mine.answerId) : null;
    const attachments = await this.repo.attachments(session.hearingId, 'in_proposal');
    return {
      hearingId: row.id,
      title: c.title,
      origin: c.origin,
      state: row.state,
      proposal: c.proposal,
      questions: c.questions,
      attachments: attachments.map(({ id, filename, mediaType, size }) => ({ id, filename, mediaType, size })),
      organisation: { id: session.organisationId, name: session.organisationName },
      contact: session.contact,
      deadline: iso(status.deadline),
      extended: status.extended,
      acceptLateAnswers: c.acceptLateAnswers,
      canAnswer:
        (ANSWERING_STATES as readonly string[]).includes(row.state) &&
        (mine === null ? !status.late || c.acceptLateAnswers : mine.lead && !status.late),
      late: status.late,
      answer,
      role: mine ? (mine.lead ? 'lead' : 'co-signer') : null,
      possibleCoSigners: c.recipients
        .filter((r) => r.organisationId !== session.organisationId && !taken.has(r.organisationId))
        .map((r) => ({ id: r.organisationId, name: r.name })),
    };
  }

  /**
   * Gives or changes the answer of `organisationId`. A recipient's actor answers for its own
   * organisation only; the secretariat registers answers that came another way.
   */
  async submit(
    hearingId: string,
    organisationId: string,
    body: AnswerRequest,
    actor: Actor,
    idempotencyKey?: string,
  ): Promise<AnswerView> {
    const isStaff = hasRole(actor, 'secretariat');
    if (!isStaff && !hasRole(actor, recipientRole(hearingId, organisationId))) {
      throw new DomainError(ErrorCode.Forbidden, 'A personal link answers for its own organisation only');
    }
    const row = await this.repo.hearing(hearingId);
    const c = await this.context(row);
    if (!c.recipients.some((r) => r.organisationId === organisationId)) {
      throw notFound(`recipient organisation "${organisationId}" in this hearing`);
    }
    const request = this.validate(c, organisationId, body);
    const signatories = await this.repo.signatories(hearingId);
    const mine = signatories.find((s) => s.organisationId === organisationId);
    if (mine && !mine.lead) {
      const lead = signatories.find((s) => s.answerId === mine.answerId && s.lead);
      throw new DomainError(
        ErrorCode.Conflict,
        `Your organisation co-signed the joint answer of ${lead?.name ?? 'another recipient'}; only they can change it, ` +
          'or take you off it so that you can answer on your own',
        { constraint: 'hearing_answer_signatories_pkey' },
      );
    }
    const [status] = await this.status(hearingId, organisationId);
    if (status.late && mine) {
      throw new DomainError(
        ErrorCode.RuleViolated,
        `An answer can be changed until the deadline (${iso(status.deadline)}); it has passed`,
        { state: row.state },
      );
    }
    if (status.late && !c.acceptLateAnswers) {
      throw new DomainError(
        ErrorCode.RuleViolated,
        `The deadline (${iso(status.deadline)}) has passed and the hearing is closed to late answers`,
        { state: row.state },
      );
    }
    const answerId = mine?.answerId ?? randomUUID();
    const version = mine ? c.answers[answerId].version + 1 : 1;
    const event = {
      type: 'answer.submitted',
      answerId,
      organisationId,
      coSigners: request.coSigners,
      version,
      late: status.late,
      text: request.text,
      questionAnswers: request.answers,
      attachmentIds: request.attachmentIds,
    };
    await this.engine.send(row.instanceId, event, isStaff ? viaHearingsApi(actor) : actor, { idempotencyKey });
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
    reason: string | undefined,
    idempotencyKey?: string,
  ): Promise<RecipientHearingView> {
    const mine = (await this.repo.signatories(session.hearingId)).find(
      (s) => s.organisationId === session.organisationId && s.answerId === answerId,
    );
    if (!mine && idempotencyKey && (await this.withdrawnWith(session, answerId, idempotencyKey))) {
      return this.view(session); // a retry of a withdrawal that went through
    }
    if (!mine) throw notFound(`answer with id "${answerId}" co-signed by ${session.organisationName}`);
    if (mine.lead) {
      throw new DomainError(
        ErrorCode.Forbidden,
        `${session.organisationName} gave this answer; change it (POST /respond/answer) instead. ` +
          'Only co-signers withdraw their signature',
      );
    }
    const row = await this.repo.hearing(session.hearingId);
    const c = await this.context(row);
    const event = {
      type: 'signature.withdrawn',
      answerId,
      organisationId: session.organisationId,
      version: c.answers[answerId].version + 1,
      reason: reason?.trim() || null,
    };
    await this.engine.send(row.instanceId, event, this.actorOf(session), { idempotencyKey });
    return this.view(session);
  }

  /** Whether this organisation withdrew from the answer with this Idempotency-Key. */
  private async withdrawnWith(session: RecipientSession, answerId: string, key: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM workflow_journal j JOIN hearings h ON h.instance_id = j.instance_id
        WHERE h.id = $1 AND j.idempotency_key = $2 AND j.event_type = 'signature.withdrawn'
          AND j.payload->>'answerId' = $3 AND j.payload->>'organisationId' = $4`,
      [session.hearingId, key, answerId, session.organisationId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** An answer, readable by its signatories' links and the secretariat. */
  async answer(hearingId: string, answerId: string): Promise<AnswerView | null> {
    if (!isUuid(answerId)) return null;
    const [row] = await this.repo.answers(hearingId, 'a.id = $2', [answerId]);
    if (!row) return null;
    return (await this.answerViews(hearingId, [row]))[0];
  }

  async answerViews(hearingId: string, rows: AnswerRow[]): Promise<AnswerView[]> {
    const [recipients, attachments] = await Promise.all([
      this.repo.recipients(hearingId),
      this.repo.attachments(hearingId, 'answer_id IS NOT NULL'),
    ]);
    const names = new Map(recipients.map((r) => [r.organisationId, r.name]));
    const files = new Map(attachments.map((a) => [a.id, a]));
    return rows.map((a) => ({
      id: a.id,
      organisation: { id: a.organisationId, name: a.organisationName },
      coSigners: a.coSigners.map((id) => ({ id, name: names.get(id) ?? id })),
      version: a.version,
      late: a.late,
      withheldReason: a.withheldReason,
      submittedAt: iso(a.submittedAt),
      updatedAt: iso(a.updatedAt),
      text: a.text,
      answers: a.questionAnswers,
      attachments: a.attachmentIds.flatMap((id) => {
        const f = files.get(id);
        return f ? [{ id, filename: f.filename, mediaType: f.mediaType, size: f.size }] : [];
      }),
    }));
  }

  async versions(hearingId: string, answerId: string): Promise<AnswerVersionView[]> {
    if (!(await this.answer(hearingId, answerId))) throw notFound(`answer with id "${answerId}"`);
    return (await this.repo.versions(answerId)).map((v) => ({ ...v, submittedAt: iso(v.submittedAt) }));
  }

  /** The answer a recipient may read: its own organisation's (led or co-signed); 404 for any other. */
  async answerFor(session: RecipientSession, answerId: string): Promise<AnswerView> {
    const signed = (await this.repo.signatories(session.hearingId)).some(
      (s) => s.organisationId === session.organisationId && s.answerId === answerId,
    );
    const answer = signed ? await this.answer(session.hearingId, answerId) : null;
    if (!answer) throw notFound(`answer with id "${answerId}" of ${session.organisationName}`);
    return answer;
  }

  async uploadForAnswer(
    session: RecipientSession,
    file: { filename: string; mediaType: string; content: Buffer },
  ): Promise<AttachmentRow> {
    const row = await this.repo.hearing(session.hearingId);
    if (!(ANSWERING_STATES as readonly string[]).includes(row.state)) {
      throw new DomainError(ErrorCode.EventNotAllowed, `The hearing is ${row.state}; no more answers`, {
        state: row.state,
        allowedEvents: [],
      });
    }
    const id = await insertAttachment(
      this.dataSource,
      session.hearingId,
      session.organisationId,
      file,
      this.actorOf(session),
    );
    return (await this.repo.attachments(session.hearingId, 'id = $2', [id]))[0];
  }

  /** A file a recipient may download: the proposal's, or one of its own organisation's answers. */
  async attachmentFor(session: RecipientSession, attachmentId: string): Promise<AttachmentRow & { content: Buffer }> {
    const file = await this.repo.attachmentContent(session.hearingId, attachmentId);
    const signed = new Set(
      (await this.repo.signatories(session.hearingId))
        .filter((s) => s.organisationId === session.organisationId)
        .map((s) => s.answerId),
    );
    const mayRead =
      file &&
      (file.inProposal ||
        file.answerOrganisationId === session.organisationId ||
        (file.answerId !== null && signed.has(file.answerId)));
    if (!file || !mayRead) throw notFound(`attachment with id "${attachmentId}"`);
    return file;
  }

  private async context(row: HearingRow): Promise<HearingContext> {
    const system = viaHearingsApi({ id: 'hearings-api', name: 'samflyt', roles: ['admin'] });
    return (await this.engine.view(row.instanceId, system)).context as HearingContext;
  }

  /** The recipient's deadline, and whether now (the database clock) is after it. */
  private async status(
    hearingId: string,
    organisationId: string,
  ): Promise<{ deadline: Date; extended: boolean; late: boolean }[]> {
    return (await this.dataSource.query(
      `SELECT coalesce(r.deadline, h.deadline) AS deadline, r.deadline IS NOT NULL AS extended,
              now() > coalesce(r.deadline, h.deadline) AS late
         FROM hearings h JOIN hearing_recipients r ON r.hearing_id = h.id AND r.organisation_id = $2 WHERE h.id = $1`,
      [hearingId, organisationId],
    )) as { deadline: Date; extended: boolean; late: boolean }[];
  }

  private validate(
    c: HearingContext,
    organisationId: string,
    body: AnswerRequest,
  ): Required<AnswerRequest> & { text: string } {
    const errors: { field: string; message: string }[] = [];
    const text = typeof body.text === 'string' ? body.text.trim() : '';
    const answers = Array.isArray(body.answers) ? body.answers : [];
    const coSigners = Array.isArray(body.coSigners) ? body.coSigners : [];
    const attachmentIds = Array.isArray(body.attachmentIds) ? body.attachmentIds : [];
    const known = new Set(c.questions.map((q) => q.id));
    answers.forEach((a, i) => {
      if (!known.has(a?.questionId) || a.questionId === GENERAL_QUESTION) {
        errors.push({ field: `answers.${i}.questionId`, message: 'is not a question of this hearing' });
      }
    });
    if (new Set(answers.map((a) => a?.questionId)).size !== answers.length) {
      errors.push({ field: 'answers', message: 'must answer each question once' });
    }
    const filled = answers.filter((a) => typeof a?.text === 'string' && a.text.trim() !== '');
    if (text === '' && filled.length === 0 && attachmentIds.length === 0) {
      errors.push({ field: 'text', message: 'an answer needs a text, an answer to a question or an attachment' });
    }
    coSigners.forEach((id, i) => {
      if (id === organisationId) errors.push({ field: `coSigners.${i}`, message: 'is the answering organisation' });
      else if (!c.recipients.some((r) => r.organisationId === id)) {
        errors.push({ field: `coSigners.${i}`, message: 'is not a recipient of this hearing' });
      } else if (Object.hasOwn(c.answeredBy, id) && c.answeredBy[id] !== c.answeredBy[organisationId]) {
        errors.push({ field: `coSigners.${i}`, message: 'has already answered, alone or jointly' });
      }
    });
    if (new Set(coSigners).size !== coSigners.length) {
      errors.push({ field: 'coSigners', message: 'must not name a co-signer twice' });
    }
    if (errors.length > 0) throw invalidInput(errors);
    return {
      text,
      answers: answers.map((a) => ({ questionId: a.questionId, text: a.text.trim() })),
      coSigners,
      attachmentIds,
    };
  }
}
