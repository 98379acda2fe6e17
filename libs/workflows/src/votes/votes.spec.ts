import { decide, quorum, type Choice, type DecisionRule } from './decision-rules';
import { eligibleVoters, type Party, type Presence, type Seat } from './eligibility';

const seat = (personId: string, party: Party, extra: Partial<Seat> = {}): Seat => ({
  personId,
  name: personId,
  role: 'medlem',
  party,
  hasVote: true,
  ...extra,
});

/** The ASU as its 17.04.24 minutes list it (abridged names). */
const asu: Seat[] = [
  seat('astad', 'kommune', { role: 'leder' }),
  seat('dehli', 'kommune'),
  seat('verhagen', 'kommune'),
  seat('wold', 'kommune'),
  seat('braseth', 'kommune'),
  seat('vonen', 'kommune'),
  ...['martinsen', 'lovvik', 'lurud', 'vestvik', 'skogen', 'karlsen'].map((p) => seat(p, 'sykehus')),
  seat('seim', 'fastlege'),
  seat('johnsen', 'fastlege'),
  seat('wigtil', 'bruker'),
  seat('indergard', 'bruker'),
  ...['skaar', 'fjelly', 'marion'].map((p) => seat(p, 'ansatt', { role: 'observatør', hasVote: false })),
  ...['laugsand', 'burkeland', 'v-strom', 'c-strom', 'hansen'].map((p) =>
    seat(p, 'annen', { role: 'observatør', hasVote: false }),
  ),
  ...['vaage', 'eide', 'landheim', 'forbord', 'rognerud'].map((p) =>
    seat(p, 'annen', { role: 'observatør', hasVote: false }),
  ),
  seat('bertilsson', 'annen', { role: 'vara', hasVote: false, varaFor: 'rognerud' }),
  seat('tofte', 'annen', { role: 'sekretariat', hasVote: false }),
];

const absent17April = ['wold', 'vonen', 'marion', 'laugsand', 'hansen', 'vaage', 'forbord', 'rognerud'];
const remote17April = ['skaar', 'v-strom'];
const attendance17April: Presence[] = asu.map((s) => ({
  personId: s.personId,
  status: absent17April.includes(s.personId) ? 'absent' : remote17April.includes(s.personId) ? 'remote' : 'present',
  standsInFor: s.personId === 'bertilsson' ? 'rognerud' : null,
}));

describe('eligible voters', () => {
  it('17.04.24: exactly the present members with a vote; observers, fagrådsledere, employees and a vara for an observer excluded', () => {
    const { voters, excluded } = eligibleVoters(asu, attendance17April, new Set());
    expect(voters.map((v) => v.personId).sort()).toEqual(
      [
        'astad',
        'dehli',
        'verhagen',
        'braseth',
        'martinsen',
        'lovvik',
        'lurud',
        'vestvik',
        'skogen',
        'karlsen',
        'seim',
        'johnsen',
        'wigtil',
        'indergard',
      ].sort(),
    );
    expect(excluded.find((e) => e.personId === 'bertilsson')?.reason).toBe('vara-for-member-without-vote');
    expect(excluded.find((e) => e.personId === 'skaar')?.reason).toBe('observer');
    expect(excluded.find((e) => e.personId === 'wold')?.reason).toBe('absent');
    expect(excluded.find((e) => e.personId === 'tofte')?.reason).toBe('secretariat');
  });

  it('a vara votes in place of an absent member with a vote, on that member’s side, and only then', () => {
    const seats = [
      seat('dehli', 'kommune'),
      seat('steinsli', 'annen', { role: 'vara', hasVote: false, varaFor: 'dehli' }),
    ];
    const standing = eligibleVoters(
      seats,
      [
        { personId: 'dehli', status: 'absent' },
        { personId: 'steinsli', status: 'present', standsInFor: 'dehli' },
      ],
      new Set(),
    );
    expect(standing.voters).toEqual([{ personId: 'steinsli', name: 'steinsli', party: 'kommune', inPlaceOf: 'dehli' }]);
    const bothThere = eligibleVoters(
      seats,
      [
        { personId: 'dehli', status: 'present' },
        { personId: 'steinsli', status: 'present', standsInFor: 'dehli' },
      ],
      new Set(),
    );
    expect(bothThere.voters.map((v) => v.personId)).toEqual(['dehli']);
    expect(bothThere.excluded[0].reason).toBe('vara-for-member-present');
  });

  it('a vara at the meeting without standing in (presenting a case) does not vote, even for an absent member', () => {
    const seats = [
      seat('braseth', 'kommune'),
      seat('aronsen', 'kommune', { role: 'vara', hasVote: false, varaFor: 'braseth' }),
    ];
    const { voters, excluded } = eligibleVoters(
      seats,
      [
        { personId: 'braseth', status: 'absent' },
        { personId: 'aronsen', status: 'present' },
      ],
      new Set(),
    );
    expect(voters).toEqual([]);
    expect(excluded).toContainEqual({ personId: 'aronsen', name: 'aronsen', reason: 'vara-not-standing-in' });
  });

  it('a member who is inhabil in the case does not vote', () => {
    const { voters, excluded } = eligibleVoters(asu, attendance17April, new Set(['dehli']));
    expect(voters.map((v) => v.personId)).not.toContain('dehli');
    expect(excluded).toContainEqual({ personId: 'dehli', name: 'dehli', reason: 'inhabil' });
  });
});

describe('decision rules', () => {
  const k = (id: string) => ({ personId: id, name: id, party: 'kommune' as Party });
  const s = (id: string) => ({ personId: id, name: id, party: 'sykehus' as Party });
  const b = (id: string) => ({ personId: id, name: id, party: 'bruker' as Party });
  const voters = [k('k1'), k('k2'), k('k3'), s('s1'), s('s2'), b('b1')];
  const ballots = (entries: Record<string, Choice>) => new Map(Object.entries(entries));

  const table: [string, DecisionRule, Record<string, Choice>, boolean][] = [
    ['consensus: all for', 'consensus', { k1: 'for', k2: 'for', k3: 'for', s1: 'for', s2: 'for', b1: 'for' }, true],
    [
      'consensus: abstention does not block',
      'consensus',
      { k1: 'for', k2: 'abstain', k3: 'for', s1: 'for', s2: 'for', b1: 'for' },
      true,
    ],
    [
      'consensus: one against blocks',
      'consensus',
      { k1: 'for', k2: 'for', k3: 'for', s1: 'against', s2: 'for', b1: 'for' },
      false,
    ],
    [
      'consensus: silence is not consent',
      'consensus',
      { k1: 'for', k2: 'for', k3: 'for', s1: 'for', s2: 'for' },
      false,
    ],
    [
      'consensus: all abstain',
      'consensus',
      { k1: 'abstain', k2: 'abstain', k3: 'abstain', s1: 'abstain', s2: 'abstain', b1: 'abstain' },
      false,
    ],
    [
      'majority: 4–2',
      'simple-majority',
      { k1: 'for', k2: 'for', k3: 'for', s1: 'against', s2: 'against', b1: 'for' },
      true,
    ],
    [
      'majority: tie 3–3 is not adopted',
      'simple-majority',
      { k1: 'for', k2: 'for', k3: 'for', s1: 'against', s2: 'against', b1: 'against' },
      false,
    ],
    [
      'majority: abstentions do not count',
      'simple-majority',
      { k1: 'for', k2: 'abstain', k3: 'abstain', s1: 'abstain', s2: 'abstain', b1: 'abstain' },
      true,
    ],
    [
      'party: both sides for',
      'party-majority',
      { k1: 'for', k2: 'for', k3: 'against', s1: 'for', s2: 'for', b1: 'against' },
      true,
    ],
    [
      'party: hospital side tied',
      'party-majority',
      { k1: 'for', k2: 'for', k3: 'for', s1: 'for', s2: 'against', b1: 'for' },
      false,
    ],
    [
      'party: kommune side against, overall majority for',
      'party-majority',
      { k1: 'against', k2: 'against', k3: 'for', s1: 'for', s2: 'for', b1: 'for' },
      false,
    ],
  ];

  it.each(table)('%s', (_name, rule, cast, adopted) => {
    const result = decide(rule, voters, ballots(cast));
    expect(result.adopted).toBe(adopted);
    const sum = result.total.for + result.total.against + result.total.abstain + result.total.missing;
    expect(sum).toBe(voters.length);
  });

  it('counts per side and writes the result in Norwegian', () => {
    const result = decide(
      'party-majority',
      voters,
      ballots({ k1: 'for', k2: 'for', k3: 'against', s1: 'for', s2: 'for' }),
    );
    expect(result.bySide).toEqual({
      kommune: { for: 2, against: 1, abstain: 0, missing: 0 },
      sykehus: { for: 2, against: 0, abstain: 0, missing: 0 },
    });
    expect(result.summary).toBe(
      'Vedtatt (flertall på både kommunesiden og sykehussiden). Totalt: 4 for, 1 mot, 0 avsto, 1 avga ikke stemme. ' +
        'Kommunesiden: 2 for, 1 mot, 0 avsto. Sykehussiden: 2 for, 0 mot, 0 avsto.',
    );
  });

  it.each([
    ['enough, both sides', 'consensus', [k('k1'), s('s1'), b('b1')], 6, true],
    ['too few present', 'simple-majority', [k('k1'), s('s1')], 6, false],
    ['no hospital side for a partnership rule', 'party-majority', [k('k1'), k('k2'), k('k3'), b('b1')], 6, false],
    ['no hospital side is fine for simple majority', 'simple-majority', [k('k1'), k('k2'), k('k3'), b('b1')], 6, true],
  ] as const)('quorum: %s', (_n, rule, present, seats, met) => {
    expect(quorum(rule, [...present], seats).met).toBe(met);
  });
});
