import { criteria, roundInput, U } from './grants.fixtures';
import { newRoundContext } from './round.machine';
import type { RoundContext } from './round.model';
import {
  amountFits,
  innstillingOf,
  isRecused,
  missingFor,
  missingScorers,
  nonScorersOf,
  rankingOf,
  sheetProblems,
  totalWith,
} from './scoring';

const application = (n: number, requested: number) => ({
  applicationId: U(n),
  instanceId: U(n + 100),
  title: `Søknad ${n}`,
  organisation: `Kommune ${n}`,
  requested,
  submittedAt: `2030-01-1${n % 10}T00:00:00.000Z`,
});

/** Two applications, two scorers; p1 has scored the first and is inhabil for the second. */
const review = (over: Partial<RoundContext> = {}): RoundContext => ({
  ...newRoundContext(roundInput),
  applications: [application(10, 500_000), application(11, 700_000)],
  scorers: [
    { personId: 'p1', name: 'En', email: 'en@test' },
    { personId: 'p2', name: 'To', email: 'to@test' },
  ],
  sheets: { [U(10)]: { p1: { scores: { gevinst: 5 }, comment: '' } } },
  recusals: [{ applicationId: U(11), personId: 'p1', name: 'En', reason: 'Styremedlem' }],
  ...over,
});

describe('scoring rules', () => {
  it('knows who is inhabil for what', () => {
    expect(isRecused(review(), U(11), 'p1')).toBe(true);
    expect(isRecused(review(), U(10), 'p1')).toBe(false);
    expect(isRecused(review(), U(11), 'p2')).toBe(false);
  });

  it('leaves out what a scorer has scored or is inhabil for', () => {
    expect(missingFor(review(), 'p1')).toEqual([]);
    expect(missingFor(review(), 'p2')).toEqual([U(10), U(11)]);
    expect(missingScorers(review()).map((s) => s.personId)).toEqual(['p2']);
    expect(nonScorersOf(review())).toEqual([{ personId: 'p2', name: 'To', missing: [U(10), U(11)] }]);
  });

  it('names every missing, off-scale and unknown criterion of a sheet', () => {
    expect(sheetProblems(criteria, { gevinst: 3 })).toEqual([]);
    expect(sheetProblems(criteria, {})).toEqual(['no score for criterion "gevinst"']);
    expect(sheetProblems(criteria, { gevinst: 6, pris: 1 })).toEqual([
      '"gevinst" is on 1–5, not 6',
      '"pris" is not a criterion',
    ]);
  });

  it('takes 0 or an amount within the round’s minimum and maximum', () => {
    const c = review();
    expect([0, c.minAmount, c.maxAmount].map((a) => amountFits(c, a))).toEqual([true, true, true]);
    expect([c.minAmount - 1, c.maxAmount + 1].map((a) => amountFits(c, a))).toEqual([false, false]);
  });

  it('totals the innstilling with one more adjustment, the last per application counting', () => {
    const c = review();
    const ranked = review({ ranking: rankingOf(c) });
    expect(innstillingOf(ranked).map((l) => [l.applicationId, l.amount])).toEqual([
      [U(10), 500_000],
      [U(11), 0],
    ]);
    const by = { id: 'p2', name: 'To' };
    expect(totalWith(ranked, { applicationId: U(11), amount: 400_000, rank: null, reason: 'Viktig', by })).toBe(
      900_000,
    );
    const adjusted = review({
      ranking: ranked.ranking,
      adjustments: [{ applicationId: U(10), amount: 300_000, rank: null, reason: 'Mindre', by }],
    });
    expect(totalWith(adjusted, { applicationId: U(10), amount: 200_000, rank: null, reason: 'Enda mindre', by })).toBe(
      200_000,
    );
  });
});
