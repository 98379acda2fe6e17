import { InhabilService, VoteEligibilityService, VoteService, VotesRepository } from '@samflyt/domain';
import { ErrorCode } from '@samflyt/engine';
import { engineHarness, type EngineHarness } from '../support/engine';
import {
  actorOf,
  importAsu,
  insertAttendance,
  insertMeeting,
  meeting17April,
  startCase,
  voters17April,
  voteCounts,
  type Asu,
} from './support';

describe('who may vote, derived from imported memberships, attendance and inhabilitet', () => {
  let h: EngineHarness;
  let asu: Asu;
  let eligibility: VoteEligibilityService;
  let votes: VoteService;
  let inhabil: InhabilService;
  // Inhabilitet is declared by members on the day: their seats must be current.
  const today = () => new Date('2024-04-17T09:00:00Z');

  beforeAll(async () => {
    h = await engineHarness('votes-eligibility');
    asu = await importAsu(h.dataSource);
    const repo = new VotesRepository(h.dataSource);
    eligibility = new VoteEligibilityService(repo);
    votes = new VoteService(repo, h.engine, () => new Date());
    inhabil = new InhabilService(repo, h.dataSource, today);
  });
  afterAll(() => h.close());

  it('17.04.24: exactly the present members with a vote (observers, fagrådsledere, employees and a vara for an observer left out)', async () => {
    const { meetingId, caseId } = await meeting17April(h.dataSource, h.engine, asu, 12);
    const kase = (await eligibility.findCase(caseId))!;
    expect(kase).toMatchObject({ ref: '12/24', committee: { code: 'ASU', decisionRule: 'consensus' } });
    const derived = await eligibility.derive(kase, { mode: 'meeting', meetingId }, new Date());
    expect(derived.date).toBe('2024-04-17');
    expect(derived.voters.map((v) => v.name).sort()).toEqual([...voters17April].sort());
    expect(derived.votingSeats).toBe(16);
    const reason = (name: string) => derived.excluded.find((e) => e.name === name)?.reason;
    expect(reason('Helena Bertilsson')).toBe('vara-for-member-without-vote');
    expect(reason('Torkild Skaar')).toBe('observer'); // employee representative, on Teams
    expect(reason('Vegard Strøm')).toBe('observer'); // fagrådsleder, on Teams
    expect(reason('Nina Burkeland')).toBe('observer');
    expect(reason('Erik Eide')).toBe('observer');
    expect(reason('Jan Roger Wold')).toBe('absent');
    expect(reason('Eirik Aronsen')).toBe('vara-not-standing-in'); // there to present sak 13/24
    expect(reason('Solveig Cruikshank Tofte')).toBe('secretariat');
    // Seats that ended before or began after the meeting are not seats that day.
    expect(derived.excluded.map((e) => e.name)).not.toContain('Merete Blokkum');
    // Each voter's party is the seat's, and the e-mail is the person's.
    const dehli = derived.voters.find((v) => v.name === 'Wenche P. Dehli')!;
    expect(dehli).toMatchObject({ party: 'kommune', email: 'wenche.dehli@trondheim.kommune.test' });
  });

  it('a vara votes in place of an absent member with a vote, on that member’s side', async () => {
    const meetingId = await insertMeeting(h.dataSource, asu.committeeId, '2024-06-19T11:00:00Z');
    await insertAttendance(h.dataSource, asu, meetingId, [
      { name: 'Ingjerd Astad', status: 'present' },
      { name: 'Wenche P. Dehli', status: 'absent' },
      { name: 'Laura Steinsli', status: 'present', standsInFor: 'Wenche P. Dehli' },
      { name: 'Paul Georg Skogen', status: 'present' },
      { name: 'Kristin Holum Smedsrud', status: 'present', standsInFor: 'Paul Georg Skogen' },
    ]);
    const caseId = await startCase(h.engine, asu.secretariat, { number: 20, title: 'Vara' });
    const derived = await eligibility.derive(
      (await eligibility.findCase(caseId))!,
      { mode: 'meeting', meetingId },
      new Date(),
    );
    expect(derived.voters.map((v) => [v.name, v.party, v.inPlaceOfName ?? null])).toEqual([
      ['Ingjerd Astad', 'kommune', null],
      ['Laura Steinsli', 'kommune', 'Wenche P. Dehli'],
      ['Paul Georg Skogen', 'sykehus', null],
    ]);
    expect(derived.excluded.find((e) => e.name === 'Kristin Holum Smedsrud')?.reason).toBe('vara-for-member-present');
  });

  it('a member declared inhabil in the case is left out; other cases are not affected', async () => {
    const { meetingId, caseId } = await meeting17April(h.dataSource, h.engine, asu, 13);
    const otherCase = await startCase(h.engine, asu.secretariat, { number: 14, title: 'Annen sak' });
    const lurud = asu.person('Britt-Elin Lurud');
    const declared = await inhabil.declare(caseId, { reason: 'Styremedlem i søker' }, actorOf(lurud));
    expect(declared).toMatchObject({ personId: lurud.id, name: 'Britt-Elin Lurud', declaredBy: lurud.id });
    // The secretariat declares on a member's behalf.
    await inhabil.declare(caseId, { personId: asu.person('Arnfinn Seim').id, reason: 'Nær familie' }, asu.secretariat);

    const derived = await eligibility.derive(
      (await eligibility.findCase(caseId))!,
      { mode: 'meeting', meetingId },
      new Date(),
    );
    expect(derived.voters).toHaveLength(12);
    expect(
      derived.excluded
        .filter((e) => e.reason === 'inhabil')
        .map((e) => e.name)
        .sort(),
    ).toEqual(['Arnfinn Seim', 'Britt-Elin Lurud']);
    const other = await eligibility.derive(
      (await eligibility.findCase(otherCase))!,
      { mode: 'meeting', meetingId },
      new Date(),
    );
    expect(other.voters).toHaveLength(14);

    // The opened vote keeps the snapshot, and its minutes text names who was inhabil.
    const vote = await votes.open(caseId, { mode: 'meeting', meetingId }, asu.secretariat);
    expect(vote.eligible).toHaveLength(12);
    for (const v of vote.eligible) await votes.cast(vote.id, 'for', { id: v.personId, name: v.name, roles: [] });
    const closed = await votes.close(vote.id, asu.secretariat);
    expect(closed.minutesText).toBe(
      [
        'Avstemning i møtet, vedtaksregel: konsensus.',
        'Stemmeberettigede: 12 av 16 stemmeseter.',
        'Inhabil og deltok ikke: Britt-Elin Lurud, Arnfinn Seim.',
        'Vedtatt (konsensus). Totalt: 12 for, 0 mot, 0 avsto. Kommunesiden: 5 for, 0 mot, 0 avsto. ' +
          'Sykehussiden: 5 for, 0 mot, 0 avsto.',
      ].join('\n'),
    );
  });

  it('inhabilitet: only the member or the secretariat declares it, once, not while a vote is open, members only', async () => {
    const { meetingId, caseId } = await meeting17April(h.dataSource, h.engine, asu, 15);
    const astad = actorOf(asu.person('Ingjerd Astad'));
    const before = await voteCounts(h.dataSource);
    await expect(
      inhabil.declare(caseId, { personId: asu.person('Albert Verhagen').id, reason: 'x' }, astad),
    ).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    const outsider = { id: '00000000-0000-4000-8000-00000000abcd', name: 'Ola Utenfor', roles: [] };
    await expect(inhabil.declare(caseId, { reason: 'x' }, outsider)).rejects.toMatchObject({
      code: ErrorCode.RuleViolated,
      message: expect.stringContaining('You hold no seat in ASU'),
    });
    expect(await voteCounts(h.dataSource)).toEqual(before);

    await inhabil.declare(caseId, { reason: 'Part i saken' }, astad);
    await expect(inhabil.declare(caseId, { reason: 'igjen' }, astad)).rejects.toMatchObject({
      code: ErrorCode.Conflict,
      message: 'The member is already declared inhabil in case 15/24',
    });

    await votes.open(caseId, { mode: 'meeting', meetingId }, asu.secretariat);
    const verhagen = actorOf(asu.person('Albert Verhagen'));
    const whileOpen = await voteCounts(h.dataSource);
    await expect(inhabil.declare(caseId, { reason: 'Sent' }, verhagen)).rejects.toMatchObject({
      code: ErrorCode.Conflict,
      message: expect.stringContaining('A vote on case 15/24 is open'),
    });
    expect(await voteCounts(h.dataSource)).toEqual(whileOpen);
    expect((await inhabil.list(caseId, asu.secretariat)).map((d) => d.name)).toEqual(['Ingjerd Astad']);
    // A member without a committee role sees only their own declaration.
    expect(await inhabil.list(caseId, verhagen)).toEqual([]);
  });

  it('a written round is held outside a meeting: every member with a vote today, no vara', async () => {
    const caseId = await startCase(h.engine, asu.secretariat, { number: 40, title: 'Skriftlig' });
    const derived = await eligibility.derive(
      (await eligibility.findCase(caseId))!,
      { mode: 'written', meetingId: null },
      new Date('2024-09-02T10:00:00Z'),
    );
    // After 30.08.24: Vonen and Martinsen have left, Blokkum has joined.
    expect(derived.voters).toHaveLength(15);
    expect(derived.votingSeats).toBe(15);
    expect(derived.voters.map((v) => v.name)).toContain('Merete Blokkum');
    expect(derived.voters.map((v) => v.name)).not.toContain('Leif Vonen');
    expect(derived.excluded.find((e) => e.name === 'Laura Steinsli')?.reason).toBe('absent');
  });
});
