/**
 * Ranking and the proposed allocation of a grant round: pure functions, the rule the innstilling
 * follows, stated here and in the README, and tested against a hand-computed table.
 *
 * SCORE. Each scorer's score of an application is the weighted mean of their criterion scores, each
 * criterion first put on 0–100 by its scale: 100 × (score − scaleMin) / (scaleMax − scaleMin),
 * weighted by the criterion's weight. The application's score is the plain mean of its scorers'
 * scores (inhabile members have none). The spread is the highest minus the lowest scorer's score;
 * a spread of DISAGREEMENT_POINTS or more is flagged as large disagreement.
 *
 * RANK. By score, highest first; ties go to the larger requested amount (fewer, larger projects),
 * then to the earlier submission. Unscored applications come last and get nothing.
 *
 * ALLOCATION (sak 30/24: «unngå fordeling av mindre summer til mange prosjekt, men heller satse på
 * færre, større prosjekt»). In rank order, each application is offered its requested amount capped
 * by the round's maximum:
 *   1. below the round's quality threshold (when set): nothing («under kvalitetsterskelen»);
 *   2. the offer fits in what is left: funded in full;
 *   3. it does not fit, but what is left is at least the round's minimum amount and at least half
 *      the offer: funded with what is left (trimmed), and the budget is spent;
 *   4. otherwise passed over (no room), and the next is tried.
 * Nothing is ever split below the minimum amount or below half of what a project needs, so the money
 * goes to fewer projects that can be carried out rather than to many partly funded ones.
 */

export interface Criterion {
  key: string;
  title: string;
  description: string;
  weight: number;
  scaleMin: number;
  scaleMax: number;
}

export interface ScoreSheet {
  scores: Record<string, number>;
  comment: string;
}

export interface Candidate {
  applicationId: string;
  title: string;
  organisation: string;
  requested: number;
  submittedAt: string;
}

export interface AllocationSettings {
  budget: number;
  minAmount: number;
  maxAmount: number;
  /** 0–100; applications scoring below it are not funded. Null: no threshold. */
  qualityThreshold: number | null;
}

export type AllocationReason = 'funded' | 'trimmed' | 'no-room' | 'below-threshold' | 'unscored';

export interface RankedApplication extends Candidate {
  rank: number;
  /** 0–100, two decimals; null when nobody scored it. */
  score: number | null;
  scorerScores: { scorerId: string; score: number }[];
  spread: number | null;
  disagreement: boolean;
  proposedAmount: number;
  reason: AllocationReason;
}

export const DISAGREEMENT_POINTS = 25;

const round2 = (n: number) => Math.round(n * 100) / 100;

/** One scorer's score of one application on 0–100. */
export function sheetScore(criteria: Criterion[], sheet: ScoreSheet): number {
  let sum = 0;
  let weights = 0;
  for (const c of criteria) {
    const s = sheet.scores[c.key];
    if (s === undefined) continue;
    sum += c.weight * ((100 * (s - c.scaleMin)) / (c.scaleMax - c.scaleMin));
    weights += c.weight;
  }
  return weights === 0 ? 0 : sum / weights;
}

export function rankApplications(
  criteria: Criterion[],
  candidates: Candidate[],
  sheets: Record<string, Record<string, ScoreSheet>>,
  settings: AllocationSettings,
): RankedApplication[] {
  const scored = candidates.map((c) => {
    const scorerScores = Object.entries(sheets[c.applicationId] ?? {})
      .map(([scorerId, sheet]) => ({ scorerId, score: round2(sheetScore(criteria, sheet)) }))
      .sort((a, b) => a.scorerId.localeCompare(b.scorerId));
    const values = scorerScores.map((s) => s.score);
    const score = values.length === 0 ? null : round2(values.reduce((a, b) => a + b, 0) / values.length);
    const spread = values.length === 0 ? null : round2(Math.max(...values) - Math.min(...values));
    return { ...c, scorerScores, score, spread, disagreement: spread !== null && spread >= DISAGREEMENT_POINTS };
  });
  scored.sort(
    (a, b) =>
      (b.score ?? -1) - (a.score ?? -1) ||
      b.requested - a.requested ||
      a.submittedAt.localeCompare(b.submittedAt) ||
      a.applicationId.localeCompare(b.applicationId),
  );
  let left = settings.budget;
  return scored.map((a, i) => {
    const offer = Math.min(a.requested, settings.maxAmount);
    let proposedAmount = 0;
    let reason: AllocationReason;
    if (a.score === null) reason = 'unscored';
    else if (settings.qualityThreshold !== null && a.score < settings.qualityThreshold) reason = 'below-threshold';
    else if (offer <= left) {
      proposedAmount = offer;
      reason = 'funded';
    } else if (left >= settings.minAmount && left * 2 >= offer) {
      proposedAmount = left;
      reason = 'trimmed';
    } else reason = 'no-room';
    left -= proposedAmount;
    return { ...a, rank: i + 1, proposedAmount, reason };
  });
}

/** An AU change to the proposal: an amount (0: not recommended) and optionally a new place, with a reason. */
export interface Adjustment {
  applicationId: string;
  amount: number;
  rank: number | null;
  reason: string;
  by: { id: string; name: string };
}

export interface InnstillingLine extends RankedApplication {
  /** What the innstilling recommends, after AU's changes. */
  amount: number;
  adjustment: (Adjustment & { fromAmount: number; fromRank: number }) | null;
}

/** The innstilling: the proposal with AU's changes applied, the last change per application counting. */
export function applyAdjustments(ranking: RankedApplication[], adjustments: Adjustment[]): InnstillingLine[] {
  const last = new Map(adjustments.map((a) => [a.applicationId, a]));
  let lines: InnstillingLine[] = ranking.map((r) => {
    const adj = last.get(r.applicationId);
    return {
      ...r,
      amount: adj ? adj.amount : r.proposedAmount,
      adjustment: adj ? { ...adj, fromAmount: r.proposedAmount, fromRank: r.rank } : null,
    };
  });
  for (const adj of adjustments) {
    if (adj.rank === null || last.get(adj.applicationId) !== adj) continue;
    const from = lines.findIndex((l) => l.applicationId === adj.applicationId);
    const [moved] = lines.splice(from, 1);
    lines.splice(Math.min(adj.rank, lines.length + 1) - 1, 0, moved);
  }
  lines = lines.map((l, i) => ({ ...l, rank: i + 1 }));
  return lines;
}

export const totalOf = (lines: { amount: number }[]): number => lines.reduce((s, l) => s + l.amount, 0);

/** «kr 1 250 000» */
export function kroner(amount: number): string {
  return `kr ${Math.round(amount)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ')}`;
}
