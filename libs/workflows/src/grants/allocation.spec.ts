import {
  applyAdjustments,
  rankApplications,
  sheetScore,
  type Candidate,
  type Criterion,
  type ScoreSheet,
} from './allocation';

/**
 * The hand-computed table of the README. Criteria on 1–5, weights 3/2/1, so a sheet (g, f, b) scores
 * (3·n(g) + 2·n(f) + n(b)) / 6 with n(s) = 100·(s−1)/4: 1→0, 2→25, 3→50, 4→75, 5→100.
 */
const criteria: Criterion[] = [
  { key: 'gevinst', title: 'Gevinst', description: '', weight: 3, scaleMin: 1, scaleMax: 5 },
  { key: 'forankring', title: 'Forankring', description: '', weight: 2, scaleMin: 1, scaleMax: 5 },
  { key: 'bruker', title: 'Brukermedvirkning', description: '', weight: 1, scaleMin: 1, scaleMax: 5 },
];
const sheet = (g: number, f: number, b: number): ScoreSheet => ({
  scores: { gevinst: g, forankring: f, bruker: b },
  comment: '',
});
const app = (id: string, requested: number, n: number): Candidate => ({
  applicationId: id,
  title: `Prosjekt ${id}`,
  organisation: `Kommune ${id}`,
  requested,
  submittedAt: `2025-02-0${n}T10:00:00.000Z`,
});
const candidates = [
  app('A', 1_500_000, 1),
  app('B', 1_000_000, 2),
  app('C', 900_000, 3),
  app('D', 400_000, 4),
  app('E', 250_000, 5),
  app('F', 500_000, 6),
];
const sheets = {
  A: { s1: sheet(5, 5, 5), s2: sheet(4, 4, 4) }, // 100, 75 → 87.5, spread 25 (flagged)
  B: { s1: sheet(4, 4, 4), s2: sheet(5, 4, 4) }, // 75, 87.5 → 81.25
  C: { s1: sheet(4, 3, 3), s2: sheet(4, 3, 3) }, // 62.5, 62.5 → 62.5
  D: { s1: sheet(3, 3, 3) }, // s2 inhabil: 50
  E: { s1: sheet(2, 2, 2), s2: sheet(3, 3, 3) }, // 25, 50 → 37.5
  // F: nobody scored
};
const settings = { budget: 3_000_000, minAmount: 300_000, maxAmount: 1_200_000, qualityThreshold: null };
const table = (budget: number, qualityThreshold: number | null = null) =>
  rankApplications(criteria, candidates, sheets, { ...settings, budget, qualityThreshold }).map((r) => [
    r.rank,
    r.applicationId,
    r.score,
    r.spread,
    r.disagreement,
    r.proposedAmount,
    r.reason,
  ]);

describe('ranking and allocation (the rule in allocation.ts and the README)', () => {
  it('scores a sheet as the weighted mean of its criteria on 0–100', () => {
    expect(sheetScore(criteria, sheet(5, 4, 4))).toBe(87.5);
    expect(sheetScore(criteria, sheet(4, 3, 3))).toBe(62.5);
    expect(sheetScore(criteria, sheet(1, 1, 1))).toBe(0);
  });

  it('funds in rank order, caps at the maximum, trims the last to what is left when that is at least half', () => {
    expect(table(3_000_000)).toEqual([
      [1, 'A', 87.5, 25, true, 1_200_000, 'funded'], // capped: asked 1 500 000; left 1 800 000
      [2, 'B', 81.25, 12.5, false, 1_000_000, 'funded'], // left 800 000
      [3, 'C', 62.5, 0, false, 800_000, 'trimmed'], // 800 000 ≥ 300 000 and ≥ 900 000 / 2; left 0
      [4, 'D', 50, 0, false, 0, 'no-room'],
      [5, 'E', 37.5, 25, true, 0, 'no-room'],
      [6, 'F', null, null, false, 0, 'unscored'],
    ]);
  });

  it('passes over a project it could fund only below half, and tries the next', () => {
    expect(table(2_500_000)).toEqual([
      [1, 'A', 87.5, 25, true, 1_200_000, 'funded'], // left 1 300 000
      [2, 'B', 81.25, 12.5, false, 1_000_000, 'funded'], // left 300 000
      [3, 'C', 62.5, 0, false, 0, 'no-room'], // 300 000 < 900 000 / 2
      [4, 'D', 50, 0, false, 300_000, 'trimmed'], // 300 000 ≥ min and ≥ 400 000 / 2; left 0
      [5, 'E', 37.5, 25, true, 0, 'no-room'],
      [6, 'F', null, null, false, 0, 'unscored'],
    ]);
  });

  it('funds nothing below the quality threshold', () => {
    expect(table(10_000_000, 60).map((r) => [r[1], r[5], r[6]])).toEqual([
      ['A', 1_200_000, 'funded'],
      ['B', 1_000_000, 'funded'],
      ['C', 900_000, 'funded'],
      ['D', 0, 'below-threshold'],
      ['E', 0, 'below-threshold'],
      ['F', 0, 'unscored'],
    ]);
  });

  it('breaks a tie in score for the larger project, then the earlier submission', () => {
    const tied = [app('X', 400_000, 1), app('Y', 800_000, 2), app('Z', 800_000, 3)];
    const same = { X: { s1: sheet(4, 4, 4) }, Y: { s1: sheet(4, 4, 4) }, Z: { s1: sheet(4, 4, 4) } };
    expect(rankApplications(criteria, tied, same, settings).map((r) => r.applicationId)).toEqual(['Y', 'Z', 'X']);
  });

  it("applies AU's changes: amount and place, keeping the computed figures beside them", () => {
    const ranking = rankApplications(criteria, candidates, sheets, settings);
    const by = { id: 'au', name: 'AU' };
    const lines = applyAdjustments(ranking, [
      { applicationId: 'C', amount: 0, rank: null, reason: 'Overlapper med B', by },
      { applicationId: 'D', amount: 400_000, rank: 3, reason: 'Bred forankring i Fjellregionen', by },
    ]);
    expect(
      lines.map((l) => [
        l.rank,
        l.applicationId,
        l.amount,
        l.adjustment?.fromAmount ?? null,
        l.adjustment?.fromRank ?? null,
      ]),
    ).toEqual([
      [1, 'A', 1_200_000, null, null],
      [2, 'B', 1_000_000, null, null],
      [3, 'D', 400_000, 0, 4],
      [4, 'C', 0, 800_000, 3],
      [5, 'E', 0, null, null],
      [6, 'F', 0, null, null],
    ]);
  });
});
