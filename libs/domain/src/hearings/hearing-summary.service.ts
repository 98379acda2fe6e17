import { WorkflowEngine, ErrorCode, DomainError, hasRole, type Actor, notFound } from '@samflyt/engine';
import { GENERAL_QUESTION, type HearingContext } from '@samflyt/workflows';
import type { DataSource } from 'typeorm';
import { HearingAnswerService, type AnswerView } from './hearing-answers.service';
import type { HearingSummary, SummaryAnswer } from './hearing-summary';
import { viaHearingsApi } from './hearing.service';
import { HearingsRepository, type AttachmentRow, type HearingRow } from './hearings.repository';

/** Answers are public once the hearing has closed. */
export const PUBLIC_ANSWER_STATES = ['closed', 'summary', 'presented', 'concluded'];

export interface PublicHearingView {
  id: string;
  title: string;
  origin: string | null;
  committee: { code: string; name: string };
  state: string;
  proposal: string;
  questions: { id: string; text: string }[];
  attachments: { id: string; filename: string; mediaType: string; size: number }[];
  deadline: string | null;
  sentAt: string | null;
  recipients: { id: string; name: string; answered: boolean }[];
  /** Published answers (after the deadline), withheld ones left out but counted with their reason. */
  answersPublished: boolean;
  answers: AnswerView[];
  withheld: { organisation: string; reason: string }[];
  withdrawnReason: string | null;
}

/** The sammendrag, and what the public may read of a hearing. */
export class HearingSummaryService {
  private readonly repo: HearingsRepository;
  private readonly answers: HearingAnswerService;

  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: WorkflowEngine,
  ) {
    this.repo = new HearingsRepository(dataSource);
    this.answers = new HearingAnswerService(dataSource, engine);
  }

  /** The secretariat and the owning committee read the sammendrag, withheld answers included (marked). */
  async summary(id: string, actor: Actor): Promise<HearingSummary> {
    const row = await this.repo.hearing(id);
    if (!hasRole(actor, 'secretariat', 'admin', `committee:${row.committeeCode}`)) {
      throw new DomainError(ErrorCode.Forbidden, 'You may not read the summary of this hearing');
    }
    return this.build(row);
  }

  async build(row: HearingRow): Promise<HearingSummary> {
    const c = await this.context(row);
    const [recipients, signatories, answerRows, texts] = await Promise.all([
      this.repo.recipients(row.id),
      this.repo.signatories(row.id),
      this.repo.answers(row.id),
      this.repo.summaryTexts(row.id),
    ]);
    const files = new Map((await this.repo.attachments(row.id, 'answer_id IS NOT NULL')).map((f) => [f.id, f]));
    const answers: SummaryAnswer[] = answerRows.map((a) => ({
      id: a.id,
      signatories: signatories
        .filter((s) => s.answerId === a.id)
        .map((s) => ({ id: s.organisationId, name: s.name, lead: s.lead, late: s.late })),
      late: a.late,
      withheldReason: a.withheldReason,
      version: a.version,
      submittedAt: new Date(a.submittedAt).toISOString(),
      updatedAt: new Date(a.updatedAt).toISOString(),
      text: a.text,
      attachments: a.attachmentIds.flatMap((f) => (files.has(f) ? [files.get(f)!.filename] : [])),
    }));
    const by = (a: SummaryAnswer) => {
      const [lead, ...others] = a.signatories;
      return others.length ? `${lead.name} (sammen med ${others.map((o) => o.name).join(', ')})` : lead.name;
    };
    const questionOf = (id: string, text: string) => ({
      id,
      text,
      summary: texts[id] ?? null,
      answers: answerRows.flatMap((row, i) => {
        const a = answers[i];
        const given = id === GENERAL_QUESTION ? row.text : row.questionAnswers.find((q) => q.questionId === id)?.text;
        return given
          ? [{ answerId: a.id, by: by(a), late: a.late, withheld: a.withheldReason !== null, text: given }]
          : [];
      }),
    });
    const signed = new Set(signatories.map((s) => s.organisationId));
    const notAnswered = recipients
      .filter((r) => !signed.has(r.organisationId))
      .map((r) => ({
        id: r.organisationId,
        name: r.name,
        deadline: r.deadline ? new Date(r.deadline).toISOString() : c.deadline,
      }));
    return {
      hearingId: row.id,
      title: c.title,
      origin: c.origin,
      committee: c.committee,
      state: row.state,
      deadline: c.deadline,
      counts: {
        recipients: recipients.length,
        answered: signed.size,
        notAnswered: notAnswered.length,
        answers: answers.length,
        jointAnswers: answers.filter((a) => a.signatories.length > 1).length,
        late: answers.filter((a) => a.late).length,
        withheld: answers.filter((a) => a.withheldReason !== null).length,
      },
      questions: [
        ...c.questions.map((q) => questionOf(q.id, q.text)),
        questionOf(GENERAL_QUESTION, 'Generelle merknader'),
      ],
      answers,
      notAnswered,
    };
  }

  /** A sent hearing as anyone may read it; answers once it has closed, withheld ones left out. */
  async publicHearing(id: string): Promise<PublicHearingView> {
    const row = await this.publicRow(id);
    const c = await this.context(row);
    const published = PUBLIC_ANSWER_STATES.includes(row.state);
    const [recipients, signatories, proposalFiles] = await Promise.all([
      this.repo.recipients(row.id),
      this.repo.signatories(row.id),
      this.repo.attachments(row.id, 'in_proposal'),
    ]);
    const rows = published ? await this.repo.answers(row.id) : [];
    const views = await this.answers.answerViews(
      row.id,
      rows.filter((a) => a.withheldReason === null),
    );
    const signed = new Set(signatories.map((s) => s.organisationId));
    return {
      id: row.id,
      title: c.title,
      origin: c.origin,
      committee: c.committee,
      state: row.state,
      proposal: c.proposal,
      questions: c.questions,
      attachments: proposalFiles.map(({ id: fileId, filename, mediaType, size }) => ({
        id: fileId,
        filename,
        mediaType,
        size,
      })),
      deadline: c.deadline,
      sentAt: row.sentAt ? row.sentAt.toISOString() : null,
      recipients: recipients.map((r) => ({
        id: r.organisationId,
        name: r.name,
        answered: published && signed.has(r.organisationId),
      })),
      answersPublished: published,
      answers: views,
      withheld: rows
        .filter((a) => a.withheldReason !== null)
        .map((a) => ({ organisation: a.organisationName, reason: a.withheldReason! })),
      withdrawnReason: c.withdrawnReason,
    };
  }

  /** The proposal's files once sent; an answer's files once the answers are published and it is not withheld. */
  async publicAttachment(hearingId: string, attachmentId: string): Promise<AttachmentRow & { content: Buffer }> {
    const row = await this.publicRow(hearingId);
    const file = await this.repo.attachmentContent(row.id, attachmentId);
    if (!file) throw notFound(`attachment with id "${attachmentId}"`);
    if (file.inProposal) return file;
    if (file.answerId && PUBLIC_ANSWER_STATES.includes(row.state)) {
      const [answer] = await this.repo.answers(row.id, 'a.id = $2 AND a.withheld_reason IS NULL', [file.answerId]);
      if (answer && answer.attachmentIds.includes(file.id)) return file;
    }
    throw notFound(`attachment with id "${attachmentId}"`);
  }

  private async publicRow(id: string): Promise<HearingRow> {
    const row = await this.repo.hearing(id);
    if (row.sentAt === null) throw notFound(`hearing with id "${id}"`);
    return row;
  }

  private async context(row: HearingRow): Promise<HearingContext> {
    const system = viaHearingsApi({ id: 'hearings-api', name: 'samflyt', roles: ['admin'] });
    return (await this.engine.view(row.instanceId, system)).context as HearingContext;
  }
}
