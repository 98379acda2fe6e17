import {
  GrantReviewService,
  HearingSummaryService,
  MinutesService,
  summaryPdf,
  type GeneratedDocuments,
} from '@samflyt/domain';
import type { Actor, Queryable } from '@samflyt/engine';

/** The data source and the generated PDFs a deposit reads, as the secretariat asking for it would see them. */
export class ArchiveDocuments {
  constructor(
    readonly db: Queryable,
    private readonly reviews: GrantReviewService,
    private readonly summaries: HearingSummaryService,
    private readonly minutes: MinutesService,
  ) {}

  generated(actor: Actor): GeneratedDocuments {
    return {
      innstilling: (id) => this.reviews.innstillingPdf(id, actor),
      hearingSummary: async (id) => summaryPdf(await this.summaries.summary(id, actor)),
      minutes: (id) => this.minutes.pdf(id, actor),
    };
  }
}
