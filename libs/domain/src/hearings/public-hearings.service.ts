import { notFound, type WorkflowEngine } from '@samflyt/engine';
import type { Page, PageRequest } from '../paging';
import { answersArePublic } from './answer-rules';
import { fileView, iso, type AnswerView, type FileView } from './answer-view';
import type { HearingAnswerService } from './hearing-answers.service';
import { hearingContext } from './hearing-instance';
import { toHearingListItem, type HearingListItem } from './hearing-view';
import type { AttachmentRow, HearingFilter, HearingRow, HearingsRepository } from './hearings.repository';

export interface PublicHearingView {
  id: string;
  title: string;
  origin: string | null;
  committee: { code: string; name: string };
  state: string;
  proposal: string;
  questions: { id: string; text: string }[];
  attachments: FileView[];
  deadline: string | null;
  sentAt: string | null;
  recipients: { id: string; name: string; answered: boolean }[];
  /** Published answers (after the deadline), withheld ones left out but counted with their reason. */
  answersPublished: boolean;
  answers: AnswerView[];
  withheld: { organisation: string; reason: string }[];
  withdrawnReason: string | null;
}

/** What anyone may read of a hearing: the proposal once it is sent, the answers once it has closed. */
export class PublicHearingService {
  constructor(
    private readonly repo: HearingsRepository,
    private readonly engine: WorkflowEngine,
    private readonly answers: HearingAnswerService,
  ) {}

  /** Hearings that have been sent (and not withdrawn), newest deadline first. */
  async list(
    filter: Omit<HearingFilter, 'published' | 'committees'>,
    page: PageRequest,
  ): Promise<Page<HearingListItem>> {
    const found = await this.repo.list({ ...filter, published: true }, page);
    return { ...found, items: found.items.map(toHearingListItem) };
  }

  /** A sent hearing; its answers once it has closed, withheld ones named by organisation with the reason. */
  async hearing(id: string): Promise<PublicHearingView> {
    const row = await this.published(id);
    const published = answersArePublic(row.state);
    const [c, recipients, signatories, proposalFiles, answers] = await Promise.all([
      hearingContext(this.engine, row),
      this.repo.recipients(row.id),
      this.repo.signatories(row.id),
      this.repo.attachments(row.id, { inProposal: true }),
      published ? this.repo.answers(row.id) : Promise.resolve([]),
    ]);
    const signed = new Set(signatories.map((s) => s.organisationId));
    return {
      id: row.id,
      title: c.title,
      origin: c.origin,
      committee: c.committee,
      state: row.state,
      proposal: c.proposal,
      questions: c.questions,
      attachments: proposalFiles.map(fileView),
      deadline: c.deadline,
      sentAt: row.sentAt ? iso(row.sentAt) : null,
      recipients: recipients.map((r) => ({
        id: r.organisationId,
        name: r.name,
        answered: published && signed.has(r.organisationId),
      })),
      answersPublished: published,
      answers: await this.answers.answerViews(
        row.id,
        answers.filter((a) => a.withheldReason === null),
      ),
      withheld: answers.flatMap((a) =>
        a.withheldReason === null ? [] : [{ organisation: a.organisationName, reason: a.withheldReason }],
      ),
      withdrawnReason: c.withdrawnReason,
    };
  }

  /** The proposal's files once sent; an answer's files once the answers are published and it is not withheld. */
  async attachment(hearingId: string, attachmentId: string): Promise<AttachmentRow & { content: Buffer }> {
    const row = await this.published(hearingId);
    const file = await this.repo.attachmentContent(row.id, attachmentId);
    if (file?.inProposal) return file;
    if (file?.answerId && answersArePublic(row.state)) {
      const [answer] = await this.repo.answers(row.id, { answerId: file.answerId, published: true });
      if (answer?.attachmentIds.includes(file.id)) return file;
    }
    throw notFound(`attachment with id "${attachmentId}"`);
  }

  private async published(id: string): Promise<HearingRow> {
    const row = await this.repo.hearing(id);
    if (row.sentAt === null) throw notFound('hearing', id);
    return row;
  }
}
