import { ErrorCode, type Actor, type DomainError } from '@samflyt/engine';
import { newRoundContext, rankApplications, type RoundContext } from '@samflyt/workflows';
import { roundInput } from '@samflyt/workflows/grants/grants.fixtures';
import {
  adjustmentRefusal,
  inhabilRefusal,
  innstillingCase,
  innstillingRefusal,
  reviewStartRefusal,
  reviewStatusOf,
  scoreRefusal,
  settingsChanges,
} from './round-rules';

const A = '00000000-0000-4000-8000-000000000010';
const B = '00000000-0000-4000-8000-000000000011';
const criteria = [{ key: 'gevinst', title: 'Gevinst', description: 'Nytte', weight: 1, scaleMin: 1, scaleMax: 5 }];
const { roundId, createdBy, ...roundSettings } = roundInput;
const settings = { ...roundSettings, criteria, reporting: [] };
const applications = [
  {
    applicationId: A,
    instanceId: A,
    title: 'A',
    organisation: 'Trondheim kommune',
    requested: 500_000,
    submittedAt: '2030-01-10',
  },
  {
    applicationId: B,
    instanceId: B,
    title: 'B',
    organisation: 'Malvik kommune',
    requested: 700_000,
    submittedAt: '2030-01-11',
  },
];
/** In review: p1 has scored A and is inhabil for B; p2 has scored nothing. */
const round = (over: Partial<RoundContext> = {}): RoundContext => ({
  ...newRoundContext({ ...settings, roundId, createdBy }),
  applications,
  scorers: [
    { personId: 'p1', name: 'En', email: 'en@test' },
    { personId: 'p2', name: 'To', email: 'to@test' },
  ],
  sheets: { [A]: { p1: { scores: { gevinst: 5 }, comment: '' } } },
  recusals: [{ applicationId: B, personId: 'p1', name: 'En', reason: 'Styremedlem' }],
  ...over,
});
const ranked = (over: Partial<RoundContext> = {}) => {
  const c = round(over);
  return { ...c, ranking: rankApplications(c.criteria, c.applications, c.sheets, c) };
};
const person = (id: string, ...roles: string[]): Actor => ({ id, name: id, roles });
const au = (id: string) => person(id, 'committee:AU-UTVIDET');
const refusal = (error: DomainError | null) => error && { code: error.code, message: error.message };

describe('a round’s set-up', () => {
  it('takes the changes that leave the set-up whole, and ignores fields left out', () => {
    expect(settingsChanges(settings, { title: 'Nytt navn', budget: undefined })).toEqual({ title: 'Nytt navn' });
  });

  it('refuses a change that breaks a rule across fields, naming the field', () => {
    expect(() => settingsChanges(settings, { maxAmount: 50_000 })).toThrow(
      expect.objectContaining({
        code: ErrorCode.InvalidInput,
        details: { errors: [{ field: 'minAmount', message: 'must not exceed maxAmount' }] },
      }),
    );
  });
});

describe('review', () => {
  it('starts when the formal check is done and the committee has members', () => {
    const scorers = round().scorers;
    expect(reviewStartRefusal('closed', 'AU-UTVIDET', [], scorers)).toBeNull();
    expect(reviewStartRefusal('closed', 'AU-UTVIDET', [{ id: A, title: 'A' }], scorers)).toMatchObject({
      code: ErrorCode.RuleViolated,
      message: 'The formal check is not finished for 1 application(s): A',
      details: { state: 'closed', applications: [A] },
    });
    expect(refusal(reviewStartRefusal('closed', 'AU-UTVIDET', [], []))).toEqual({
      code: ErrorCode.RuleViolated,
      message: 'AU-UTVIDET has no members to score',
    });
  });

  it('takes a whole sheet from a scorer of the round on an application they are not inhabil for', () => {
    const sheet = { applicationId: A, scores: { gevinst: 4 } };
    expect(scoreRefusal(round(), 'review', au('p2'), sheet)).toBeNull();
    expect(scoreRefusal(round(), 'review', person('p2'), sheet)?.code).toBe(ErrorCode.Forbidden);
    expect(scoreRefusal(round(), 'review', au('p3'), sheet)?.code).toBe(ErrorCode.Forbidden);
    expect(scoreRefusal(round(), 'recommendation', au('p2'), sheet)).toMatchObject({
      code: ErrorCode.EventNotAllowed,
      details: { state: 'recommendation', allowedEvents: [] },
    });
    expect(scoreRefusal(round(), 'review', au('p2'), { ...sheet, applicationId: 'x' })?.code).toBe(
      ErrorCode.InvalidInput,
    );
    expect(refusal(scoreRefusal(round(), 'review', au('p1'), { ...sheet, applicationId: B }))).toEqual({
      code: ErrorCode.Forbidden,
      message: 'You have declared yourself inhabil for this application and cannot score it',
    });
    expect(scoreRefusal(round(), 'review', au('p2'), { applicationId: A, scores: { gevinst: 9 } })).toMatchObject({
      details: { errors: [{ field: 'scores', message: '"gevinst" is on 1–5, not 9' }] },
    });
  });

  it('takes one inhabilitet declaration per scorer and application', () => {
    expect(inhabilRefusal(round(), 'p2', B)).toBeNull();
    expect(inhabilRefusal(round(), 'p3', B)?.code).toBe(ErrorCode.Forbidden);
    expect(inhabilRefusal(round(), 'p2', 'x')?.code).toBe(ErrorCode.InvalidInput);
    expect(inhabilRefusal(round(), 'p1', B)?.code).toBe(ErrorCode.Conflict);
  });

  it('tells who has scored what, and the innstilling once scoring has closed', () => {
    expect(reviewStatusOf(round(), 'review')).toMatchObject({
      missing: [
        { personId: 'p1', missing: [] },
        { personId: 'p2', missing: [A, B] },
      ],
      innstilling: [],
      total: 0,
    });
    const status = reviewStatusOf(ranked(), 'recommendation');
    expect(status.innstilling.map((l) => [l.applicationId, l.amount])).toEqual([
      [A, 500_000],
      [B, 0],
    ]);
    expect(status.total).toBe(500_000);
  });
});

describe('the innstilling', () => {
  const body = { applicationId: B, amount: 400_000, reason: 'Dekker flere kommuner' };

  it('is changed by the reviewing committee and the secretariat, not by operations', () => {
    expect(adjustmentRefusal(ranked(), 'recommendation', au('p1'), body)).toBeNull();
    expect(adjustmentRefusal(ranked(), 'recommendation', person('s', 'secretariat'), body)).toBeNull();
    expect(refusal(adjustmentRefusal(ranked(), 'recommendation', person('s', 'secretariat', 'admin'), body))).toEqual({
      code: ErrorCode.Forbidden,
      message: 'Only AU-UTVIDET and the secretariat change the innstilling',
    });
  });

  it('keeps to the ranking, the amounts and the budget in recommendation', () => {
    const refused = (over: object) => adjustmentRefusal(ranked(), 'recommendation', au('p1'), { ...body, ...over });
    expect(refused({ applicationId: 'x' })?.details.errors).toEqual([
      { field: 'applicationId', message: 'is not in the ranking of this round' },
    ]);
    expect(refused({ amount: 50_000 })?.details.errors).toEqual([
      { field: 'amount', message: 'must be 0 or between 100000 and 600000' },
    ]);
    expect(refusal(refused({ amount: 600_000, rank: 1 }))).toEqual({
      code: ErrorCode.RuleViolated,
      message: 'The innstilling would total 1100000, over the budget of 1000000',
    });
    expect(adjustmentRefusal(round(), 'review', au('p1'), body)).toBeNull();
  });

  it('is read once scoring has closed, by those who read the round’s internals', () => {
    expect(innstillingRefusal(ranked(), 'recommendation', au('p1'))).toBeNull();
    expect(innstillingRefusal(ranked(), 'recommendation', person('soker'))?.code).toBe(ErrorCode.Forbidden);
    expect(innstillingRefusal(round(), 'review', au('p1'))?.message).toBe(
      'The round is in review; the innstilling exists once scoring has closed',
    );
  });

  it('goes to the deciding committee with the funded lines as the forslag til vedtak', () => {
    expect(innstillingCase(ranked(), 2030, null, person('sek'))).toEqual({
      committeeCode: 'ASU',
      year: 2030,
      title: 'Tilskudd: innstilling fra AU-UTVIDET',
      proposedResolution:
        '1. ASU tildeler midler fra «Tilskudd» i tråd med arbeidsutvalgets innstilling:\n' +
        '   - Trondheim kommune: «A», kr 500000\n' +
        '2. Øvrige søknader avslås.',
      responsible: null,
      caseOfficer: 'sek',
    });
  });
});
