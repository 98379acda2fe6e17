import { eventNotAllowed, forbidden, type Actor, type WorkflowEngine } from '@samflyt/engine';
import type { RoundContext } from '@samflyt/workflows';
import type { GrantApplicationsRepository } from './grant-applications.repository';
import type { GrantRoundService } from './grant-round.service';
import type { GrantRoundsRepository, RoundRow } from './grant-rounds.repository';
import { isSecretariat } from '@samflyt/workflows';
import { mayReadInternals } from './grants-access';
import { innstillingMarkdown, innstillingPdf, roundCsv } from './innstilling.document';
import {
  adjustmentRefusal,
  inhabilRefusal,
  innstillingCase,
  innstillingRefusal,
  reviewStartRefusal,
  reviewStatusOf,
  scoreRefusal,
  type AdjustmentRequest,
  type ReviewStatus,
} from './round-rules';

/**
 * A round's review: scoring by the reviewing committee, inhabilitet, the innstilling AU adjusts, and the case that
 * puts it to the deciding committee. Refusals say why in the round's terms before the engine is asked.
 */
export class GrantReviewService {
  constructor(
    private readonly rounds: GrantRoundService,
    private readonly roundRows: GrantRoundsRepository,
    private readonly applications: GrantApplicationsRepository,
    private readonly engine: WorkflowEngine,
  ) {}

  /**
   * Scoring starts: every application must have passed the formal check (or been rejected); the
   * scorers are the members (leder, nestleder, medlem) of the reviewing committee today.
   */
  async start(id: string, actor: Actor, key?: string): Promise<RoundRow> {
    if (!isSecretariat(actor)) throw forbidden('Only the secretariat starts the review');
    const row = await this.rounds.row(id);
    const committee: string = row.settings.reviewingCommittee;
    const inFormalCheck = await this.applications.inFormalCheck(id);
    const scorers = await this.roundRows.scorersOf(committee);
    const refusal = reviewStartRefusal(row.state, committee, inFormalCheck, scorers);
    if (refusal) throw refusal;
    const applications = await this.applications.toReview(id);
    return this.rounds.send(row, { type: 'review.started', applications, scorers }, actor, key);
  }

  async status(id: string, actor: Actor): Promise<ReviewStatus> {
    const row = await this.rounds.get(id, actor);
    if (!mayReadInternals(actor, row.settings.reviewingCommittee)) {
      throw forbidden('Only the secretariat and the reviewing committee read the scoring');
    }
    return reviewStatusOf(await this.rounds.context(row), row.state);
  }

  /** A scorer (the caller as a person) scores one application. */
  async score(
    id: string,
    sheet: { applicationId: string; scores: Record<string, number>; comment: string },
    scorer: Actor,
    key?: string,
  ): Promise<RoundRow> {
    const row = await this.rounds.row(id);
    const refusal = scoreRefusal(await this.rounds.context(row), row.state, scorer, sheet);
    if (refusal) throw refusal;
    return this.rounds.send(row, { type: 'score.recorded', scorerId: scorer.id, ...sheet }, scorer, key);
  }

  async declareInhabil(
    id: string,
    declaration: { applicationId: string; reason: string },
    scorer: Actor,
    key?: string,
  ): Promise<RoundRow> {
    const row = await this.rounds.row(id);
    const refusal = inhabilRefusal(await this.rounds.context(row), scorer.id, declaration.applicationId);
    if (refusal) throw refusal;
    const event = { type: 'inhabil.declared', personId: scorer.id, name: scorer.name, ...declaration };
    return this.rounds.send(row, event, scorer, key);
  }

  async adjust(id: string, adjustment: AdjustmentRequest, actor: Actor, key?: string): Promise<RoundRow> {
    const row = await this.rounds.row(id);
    const refusal = adjustmentRefusal(await this.rounds.context(row), row.state, actor, adjustment);
    if (refusal) throw refusal;
    const event = {
      type: 'innstilling.adjusted',
      ...adjustment,
      rank: adjustment.rank ?? null,
      by: { id: actor.id, name: actor.name },
    };
    return this.rounds.send(row, event, actor, key);
  }

  /** The innstilling goes to the deciding committee as a case: created here, linked by the round's projection. */
  async submitInnstilling(
    id: string,
    body: { year: number; responsible?: string | null },
    actor: Actor,
    key?: string,
  ): Promise<RoundRow> {
    if (!isSecretariat(actor)) throw forbidden('Only the secretariat puts the innstilling up as a case');
    const row = await this.rounds.row(id);
    if (row.state !== 'recommendation') {
      throw eventNotAllowed(`The round is in ${row.state}; the innstilling is put up from recommendation`, {
        state: row.state,
        allowedEvents: [],
      });
    }
    const c = await this.rounds.context(row);
    const kase = await this.engine.start('case', innstillingCase(c, body.year, body.responsible ?? null, actor), actor);
    const { id: caseId, ref } = await this.roundRows.caseOfInstance(kase.id);
    return this.rounds.send(row, { type: 'innstilling.submitted', caseId, caseRef: ref }, actor, key);
  }

  async innstillingMarkdown(id: string, actor: Actor): Promise<string> {
    return innstillingMarkdown(await this.innstilling(id, actor));
  }

  async innstillingPdf(id: string, actor: Actor): Promise<Buffer> {
    return innstillingPdf(await this.innstilling(id, actor));
  }

  /** Applications, scores and outcomes as CSV (for a spreadsheet). */
  async exportCsv(id: string, actor: Actor): Promise<string> {
    const row = await this.rounds.get(id, actor);
    return roundCsv(await this.rounds.context(row), await this.applications.ofRound(id));
  }

  private async innstilling(id: string, actor: Actor): Promise<RoundContext> {
    const row = await this.rounds.get(id, actor);
    const c = await this.rounds.context(row);
    const refusal = innstillingRefusal(c, row.state, actor);
    if (refusal) throw refusal;
    return c;
  }
}
