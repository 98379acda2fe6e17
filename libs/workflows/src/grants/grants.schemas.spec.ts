import { roundInput } from './grants.fixtures';
import { formalCheckRequest, roundSettings, roundSettingsPatch, settingsProblems } from './grants.schemas';

const { roundId: _roundId, createdBy: _createdBy, ...fixture } = roundInput;
const settings = { ...fixture, criteria: fixture.criteria.map((c) => ({ ...c, description: 'Hva prosjektet gir' })) };

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('a round’s set-up', () => {
  it('fills in the defaults and normalises times', () => {
    const { qualityThreshold: _q, appealable: _a, appealPeriod: _p, ...required } = settings;
    const parsed = roundSettings.parse({ ...required, closesAt: '2030-02-01', reporting: undefined });
    expect(parsed).toMatchObject({ qualityThreshold: null, appealable: true, appealPeriod: 'P21D', reporting: [] });
    expect(parsed.closesAt).toBe('2030-02-01T22:59:59.000Z');
  });

  it('states the rules across fields as field errors', () => {
    const wrong = { ...settings, minAmount: 700_000, maxAmount: 600_000, decidingCommittee: 'AU-UTVIDET' };
    expect(settingsProblems(wrong)).toEqual([
      { field: 'minAmount', message: 'must not exceed maxAmount' },
      { field: 'decidingCommittee', message: 'the deciding committee is not the one that scores' },
    ]);
    expect(issues(roundSettings.safeParse(wrong))).toEqual([
      'minAmount: must not exceed maxAmount',
      'decidingCommittee: the deciding committee is not the one that scores',
    ]);
  });

  it('refuses repeated keys and unknown fields, in a patch too', () => {
    const twice = [settings.criteria[0], settings.criteria[0]];
    expect(issues(roundSettingsPatch.safeParse({ criteria: twice }))).toEqual([
      'criteria: criterion keys must be unique',
    ]);
    expect(issues(roundSettingsPatch.safeParse({ budsjett: 1 }))).toEqual([': Unrecognized key: "budsjett"']);
    expect(roundSettingsPatch.parse({})).toEqual({});
  });
});

describe('a formal check', () => {
  it('takes a missing message or deadline as absent (null included)', () => {
    expect(formalCheckRequest.parse({ outcome: 'complete', message: null, deadline: null })).toEqual({
      outcome: 'complete',
      message: null,
      deadline: null,
    });
    expect(formalCheckRequest.safeParse({ outcome: 'approved' }).success).toBe(false);
  });
});
