import {
  applyAdjustments,
  rankApplications,
  totalOf,
  type Adjustment,
  type Criterion,
  type InnstillingLine,
  type RankedApplication,
} from './allocation';
import type { RoundContext, Scorer } from './round.model';

/** Who scores what during review: the rules the round's machine and the API's refusals share. */

export const isRecused = (c: Pick<RoundContext, 'recusals'>, applicationId: string, personId: string): boolean =>
  c.recusals.some((r) => r.applicationId === applicationId && r.personId === personId);

export const isScorer = (c: Pick<RoundContext, 'scorers'>, personId: string): boolean =>
  c.scorers.some((s) => s.personId === personId);

export const isUnderReview = (c: Pick<RoundContext, 'applications'>, applicationId: string): boolean =>
  c.applications.some((a) => a.applicationId === applicationId);

/** Applications a scorer still has to score (not inhabil, no sheet yet). */
export const missingFor = (c: RoundContext, personId: string): string[] =>
  c.applications
    .filter((a) => !isRecused(c, a.applicationId, personId) && !c.sheets[a.applicationId]?.[personId])
    .map((a) => a.applicationId);

/** Scorers with at least one application left: the only ones a reminder goes to. */
export const missingScorers = (c: RoundContext): Scorer[] =>
  c.scorers.filter((s) => missingFor(c, s.personId).length > 0);

/** Per scorer, the applications left: what scoring closes with. */
export const nonScorersOf = (c: RoundContext): RoundContext['nonScorers'] =>
  c.scorers
    .map((s) => ({ personId: s.personId, name: s.name, missing: missingFor(c, s.personId) }))
    .filter((s) => s.missing.length > 0);

export const rankingOf = (c: RoundContext): RankedApplication[] =>
  rankApplications(c.criteria, c.applications, c.sheets, {
    budget: c.budget,
    minAmount: c.minAmount,
    maxAmount: c.maxAmount,
    qualityThreshold: c.qualityThreshold,
  });

/** The innstilling as it stands: the computed ranking with AU's adjustments. */
export const innstillingOf = (c: Pick<RoundContext, 'ranking' | 'adjustments'>): InnstillingLine[] =>
  applyAdjustments(c.ranking ?? [], c.adjustments);

/** A score sheet is whole: every criterion, each on its scale. */
export function sheetProblems(criteria: Criterion[], scores: Record<string, number>): string[] {
  const problems: string[] = [];
  for (const c of criteria) {
    const s = scores[c.key];
    if (s === undefined) problems.push(`no score for criterion "${c.key}"`);
    else if (s < c.scaleMin || s > c.scaleMax) problems.push(`"${c.key}" is on ${c.scaleMin}–${c.scaleMax}, not ${s}`);
  }
  for (const k of Object.keys(scores))
    if (!criteria.some((c) => c.key === k)) problems.push(`"${k}" is not a criterion`);
  return problems;
}

/** An amount AU may recommend: 0 (not recommended), or within the round's minimum and maximum. */
export const amountFits = (c: Pick<RoundContext, 'minAmount' | 'maxAmount'>, amount: number): boolean =>
  amount <= c.maxAmount && (amount === 0 || amount >= c.minAmount);

/** What the innstilling would total with one more adjustment. */
export const totalWith = (c: Pick<RoundContext, 'ranking' | 'adjustments'>, adjustment: Adjustment): number =>
  totalOf(innstillingOf({ ranking: c.ranking, adjustments: [...c.adjustments, adjustment] }));
