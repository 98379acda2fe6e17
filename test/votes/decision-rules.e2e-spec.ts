import { VoteService, VotesRepository } from '@samflyt/domain';
import { ErrorCode } from '@samflyt/engine';
import { type Choice, type Count, type DecisionRule } from '@samflyt/workflows';
import { engineHarness, type EngineHarness } from '../support/engine';
import {
  actorOf,
  attendance17April,
  importAsu,
  insertAttendance,
  insertMeeting,
  startCase,
  voteCounts,
  voters17AprilBySide,
  type Asu,
} from './support';

const { kommune, sykehus, brukere } = voters17AprilBySide;

/** `fill(['for', 4], ['against', 2])` → six choices; `null` leaves a voter silent. */
const fill = (...runs: [Choice | null, number][]): (Choice | null)[] => runs.flatMap(([c, n]) => Array(n).fill(c));

interface Row {
  name: string;
  rule: DecisionRule;
  kommune: (Choice | null)[];
  sykehus: (Choice | null)[];
  brukere: (Choice | null)[];
  adopted: boolean;
  total: Count;
}

const table: Row[] = [
  {
    name: 'consensus: all for',
    rule: 'consensus',
    kommune: fill(['for', 6]),
    sykehus: fill(['for', 6]),
    brukere: fill(['for', 2]),
    adopted: true,
    total: { for: 14, against: 0, abstain: 0, missing: 0 },
  },
  {
    name: 'consensus: abstentions do not block',
    rule: 'consensus',
    kommune: fill(['for', 5], ['abstain', 1]),
    sykehus: fill(['for', 6]),
    brukere: fill(['abstain', 2]),
    adopted: true,
    total: { for: 11, against: 0, abstain: 3, missing: 0 },
  },
  {
    name: 'consensus: one against blocks',
    rule: 'consensus',
    kommune: fill(['for', 6]),
    sykehus: fill(['for', 5], ['against', 1]),
    brukere: fill(['for', 2]),
    adopted: false,
    total: { for: 13, against: 1, abstain: 0, missing: 0 },
  },
  {
    name: 'consensus: one silent voter is not consent',
    rule: 'consensus',
    kommune: fill(['for', 6]),
    sykehus: fill(['for', 6]),
    brukere: fill(['for', 1], [null, 1]),
    adopted: false,
    total: { for: 13, against: 0, abstain: 0, missing: 1 },
  },
  {
    name: 'simple majority: 8–6',
    rule: 'simple-majority',
    kommune: fill(['for', 6]),
    sykehus: fill(['against', 6]),
    brukere: fill(['for', 2]),
    adopted: true,
    total: { for: 8, against: 6, abstain: 0, missing: 0 },
  },
  {
    name: 'simple majority: a 7–7 tie is not adopted',
    rule: 'simple-majority',
    kommune: fill(['for', 6]),
    sykehus: fill(['against', 6]),
    brukere: fill(['for', 1], ['against', 1]),
    adopted: false,
    total: { for: 7, against: 7, abstain: 0, missing: 0 },
  },
  {
    name: 'simple majority: abstentions and silence do not count',
    rule: 'simple-majority',
    kommune: fill(['for', 2], ['abstain', 4]),
    sykehus: fill(['against', 1], [null, 5]),
    brukere: fill(['abstain', 2]),
    adopted: true,
    total: { for: 2, against: 1, abstain: 6, missing: 5 },
  },
  {
    name: 'party majority: both sides for',
    rule: 'party-majority',
    kommune: fill(['for', 4], ['against', 2]),
    sykehus: fill(['for', 4], ['against', 2]),
    brukere: fill(['against', 2]),
    adopted: true,
    total: { for: 8, against: 6, abstain: 0, missing: 0 },
  },
  {
    name: 'party majority: the hospital side tied 3–3',
    rule: 'party-majority',
    kommune: fill(['for', 6]),
    sykehus: fill(['for', 3], ['against', 3]),
    brukere: fill(['for', 2]),
    adopted: false,
    total: { for: 11, against: 3, abstain: 0, missing: 0 },
  },
  {
    name: 'party majority: overall majority, but the kommune side against',
    rule: 'party-majority',
    kommune: fill(['for', 2], ['against', 4]),
    sykehus: fill(['for', 6]),
    brukere: fill(['for', 2]),
    adopted: false,
    total: { for: 10, against: 4, abstain: 0, missing: 0 },
  },
];

describe('the outcome under each decision rule, through votes in the 17.04.24 meeting', () => {
  let h: EngineHarness;
  let asu: Asu;
  let votes: VoteService;
  let meetingId: string;
  let caseNumber = 50;

  beforeAll(async () => {
    h = await engineHarness('votes-rules');
    votes = new VoteService(new VotesRepository(h.dataSource), h.engine);
    asu = await importAsu(h.dataSource);
    meetingId = await insertMeeting(h.dataSource, asu.committeeId, '2024-04-17T11:00:00Z');
    await insertAttendance(h.dataSource, asu, meetingId, attendance17April);
  });
  afterAll(() => h.close());

  it.each(table)('$name', async (row) => {
    const caseId = await startCase(h.engine, asu.secretariat, { number: caseNumber++, title: row.name });
    const vote = await votes.open(caseId, { mode: 'meeting', meetingId, rule: row.rule }, asu.secretariat);
    expect(vote.eligible).toHaveLength(14);
    const cast = async (names: string[], choices: (Choice | null)[], byHand: boolean) => {
      for (const [i, name] of names.entries()) {
        const choice = choices[i];
        if (choice === null) continue;
        const person = asu.person(name);
        // The hospital side votes in the app; the others by a show of hands the secretariat records.
        if (byHand) await votes.record(vote.id, person.id, choice, asu.secretariat);
        else await votes.cast(vote.id, choice, actorOf(person));
      }
    };
    await cast(kommune, row.kommune, true);
    await cast(sykehus, row.sykehus, false);
    await cast(brukere, row.brukere, true);
    const closed = await votes.close(vote.id, asu.secretariat);
    expect(closed.state).toBe('closed');
    expect(closed.result).toMatchObject({ rule: row.rule, adopted: row.adopted, total: row.total });
    const side = (choices: (Choice | null)[]): Count => ({
      for: choices.filter((c) => c === 'for').length,
      against: choices.filter((c) => c === 'against').length,
      abstain: choices.filter((c) => c === 'abstain').length,
      missing: choices.filter((c) => c === null).length,
    });
    expect(closed.result!.bySide).toEqual({ kommune: side(row.kommune), sykehus: side(row.sykehus) });
    expect(closed.minutesText).toContain(closed.result!.summary);
    const [stored] = await h.dataSource.query(`SELECT rule, result FROM votes WHERE id = $1`, [vote.id]);
    expect(stored).toEqual({ rule: row.rule, result: closed.result });
  });

  describe('quorum, checked before a vote opens', () => {
    const present = (names: string[]) =>
      attendance17April.map((a) =>
        a.status === 'absent' || ![...kommune, ...sykehus, ...brukere].includes(a.name) || names.includes(a.name)
          ? a
          : { ...a, status: 'absent' as const, standsInFor: undefined },
      );

    it.each([
      {
        name: 'too few present for simple majority: 7 of 16 seats',
        rule: 'simple-majority' as const,
        attending: [...kommune.slice(0, 4), ...sykehus.slice(0, 3)],
        message:
          'Quorum is not met under the simple-majority rule (simpelt flertall): 7 eligible voter(s) of 16 seats with a vote, 8 required',
      },
      {
        name: 'consensus without the hospital side',
        rule: 'consensus' as const,
        attending: [...kommune, ...brukere],
        message: 'Quorum is not met under the consensus rule (konsensus): no eligible voter on the sykehus side',
      },
      {
        name: 'party majority without the kommune side',
        rule: 'party-majority' as const,
        attending: [...sykehus, ...brukere],
        message:
          'Quorum is not met under the party-majority rule (flertall på både kommunesiden og sykehussiden): ' +
          'no eligible voter on the kommune side',
      },
    ])('$name → 422 naming the rule and the numbers, nothing written', async ({ rule, attending, message }) => {
      const meeting = await insertMeeting(h.dataSource, asu.committeeId, '2024-04-18T11:00:00Z');
      await insertAttendance(h.dataSource, asu, meeting, present(attending));
      const caseId = await startCase(h.engine, asu.secretariat, { number: caseNumber++, title: 'Beslutningsdyktig?' });
      const before = await voteCounts(h.dataSource);
      await expect(
        votes.open(caseId, { mode: 'meeting', meetingId: meeting, rule }, asu.secretariat),
      ).rejects.toMatchObject({
        code: ErrorCode.RuleViolated,
        message,
      });
      expect(await voteCounts(h.dataSource)).toEqual(before);
    });

    it('simple majority needs no particular side: 8 of 16 without the hospital opens', async () => {
      const meeting = await insertMeeting(h.dataSource, asu.committeeId, '2024-04-19T11:00:00Z');
      await insertAttendance(h.dataSource, asu, meeting, present([...kommune, ...brukere]));
      const caseId = await startCase(h.engine, asu.secretariat, { number: caseNumber++, title: 'Uten sykehuset' });
      const vote = await votes.open(
        caseId,
        { mode: 'meeting', meetingId: meeting, rule: 'simple-majority' },
        asu.secretariat,
      );
      expect(vote.eligible).toHaveLength(8);
    });
  });
});
