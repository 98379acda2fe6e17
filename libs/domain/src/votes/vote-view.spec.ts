import { toVoteView, type VoteRow } from './vote-view';
import type { VoteCase } from './votes.repository';

const kase = { ref: '30/24', title: 'Tilskudd', committee: { code: 'ASU' } } as VoteCase;
const row = (extra: Partial<VoteRow>): VoteRow => ({
  id: 'v1',
  instance_id: 'i1',
  case_id: 'k1',
  meeting_id: 'm1',
  mode: 'meeting',
  rule: 'simple-majority',
  state: 'open',
  deadline: null,
  eligible: [
    { personId: 'a', name: 'A', party: 'kommune', email: 'a@x.test' },
    { personId: 'b', name: 'B', party: 'sykehus', email: 'b@x.test' },
  ],
  excluded: [],
  voting_seats: 2,
  result: null,
  cancelled_reason: null,
  opened_at: new Date('2024-06-19T10:00:00Z'),
  closed_at: null,
  ...extra,
});
const ballots = [{ person_id: 'a', choice: 'for' as const, cast_at: new Date('2024-06-19T10:05:00Z') }];

describe('toVoteView', () => {
  it('while open: who has voted, not how', () => {
    const view = toVoteView(row({}), kase, ballots);
    expect(view.eligible.map((v) => [v.personId, v.hasVoted])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    expect(view).toMatchObject({ voted: 1, ballots: null, minutesText: null, caseRef: '30/24' });
  });

  it('once closed: each ballot, and the text for the minutes', () => {
    const result = {
      rule: 'simple-majority' as const,
      adopted: true,
      total: { for: 1, against: 0, abstain: 0, missing: 1 },
      bySide: {
        kommune: { for: 1, against: 0, abstain: 0, missing: 0 },
        sykehus: { for: 0, against: 0, abstain: 0, missing: 1 },
      },
      summary: 'Vedtatt (simpelt flertall).',
    };
    const view = toVoteView(
      row({ state: 'closed', result, closed_at: new Date('2024-06-19T10:10:00Z') }),
      kase,
      ballots,
    );
    expect(view.ballots).toEqual([{ personId: 'a', name: 'A', choice: 'for', castAt: '2024-06-19T10:05:00.000Z' }]);
    expect(view.minutesText).toContain('Vedtatt (simpelt flertall).');
  });
});
