import type { Actor, WorkflowEngine } from '@samflyt/engine';
import { requireReader } from './hearing-access';
import { hearingContext } from './hearing-instance';
import { buildSummary, type HearingSummary } from './hearing-summary';
import type { HearingsRepository } from './hearings.repository';

/** The sammendrag, for the secretariat and the owning committee: withheld answers included (marked). */
export class HearingSummaryService {
  constructor(
    private readonly repo: HearingsRepository,
    private readonly engine: WorkflowEngine,
  ) {}

  async summary(id: string, actor: Actor): Promise<HearingSummary> {
    const row = await this.repo.hearing(id);
    requireReader(row.committeeCode, actor, 'the summary of this hearing');
    const [context, recipients, signatories, answers, texts, files] = await Promise.all([
      hearingContext(this.engine, row),
      this.repo.recipients(row.id),
      this.repo.signatories(row.id),
      this.repo.answers(row.id),
      this.repo.summaryTexts(row.id),
      this.repo.attachments(row.id, { ofAnswers: true }),
    ]);
    return buildSummary({ row, context, recipients, signatories, answers, texts, files });
  }
}
