import type { VotePresence } from '@samflyt/workflows';
import { eligibilityOf } from './vote-eligibility';
import type { VoterSeatRow } from './votes.repository';

const seat = (id: string, extra: Partial<VoterSeatRow> = {}): VoterSeatRow => ({
  person_id: id,
  name: id.toUpperCase(),
  email: `${id}@x.test`,
  role: 'medlem',
  party: 'kommune',
  has_vote: true,
  vara_for_person_id: null,
  ...extra,
});

const seats = [
  seat('astad'),
  seat('skogen', { party: 'sykehus' }),
  seat('aronsen', { role: 'vara', party: 'sykehus', has_vote: false, vara_for_person_id: 'skogen' }),
  seat('kvalo', { role: 'observatør', party: 'ansatt', has_vote: false }),
  seat('tofte', { role: 'sekretariat', party: 'annen', has_vote: false }),
];

describe('eligibilityOf', () => {
  it('a written round: every member with a vote, no varas; voters carry their e-mail', () => {
    const e = eligibilityOf(seats, null, []);
    expect(e.voters).toEqual([
      { personId: 'astad', name: 'ASTAD', party: 'kommune', email: 'astad@x.test' },
      { personId: 'skogen', name: 'SKOGEN', party: 'sykehus', email: 'skogen@x.test' },
    ]);
    expect(e.votingSeats).toBe(2);
    expect(e.excluded.map((x) => [x.personId, x.reason])).toEqual([
      ['aronsen', 'absent'],
      ['kvalo', 'observer'],
      ['tofte', 'secretariat'],
    ]);
  });

  it('in a meeting: a vara standing in for an absent member votes in their place, named', () => {
    const attendance: VotePresence[] = [
      { personId: 'astad', status: 'present' },
      { personId: 'skogen', status: 'absent' },
      { personId: 'aronsen', status: 'present', standsInFor: 'skogen' },
    ];
    const e = eligibilityOf(seats, attendance, []);
    expect(e.voters).toContainEqual({
      personId: 'aronsen',
      name: 'ARONSEN',
      party: 'sykehus',
      inPlaceOf: 'skogen',
      inPlaceOfName: 'SKOGEN',
      email: 'aronsen@x.test',
    });
  });

  it('an inhabil member is left out', () => {
    const e = eligibilityOf(seats, null, ['astad']);
    expect(e.voters.map((v) => v.personId)).toEqual(['skogen']);
    expect(e.excluded).toContainEqual({ personId: 'astad', name: 'ASTAD', reason: 'inhabil' });
  });
});
