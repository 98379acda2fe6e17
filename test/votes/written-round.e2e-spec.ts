import { VoteService, VotesRepository } from '@samflyt/domain';
import { WorkflowEngine, ErrorCode } from '@samflyt/engine';
import { engineHarness, type EngineHarness } from '../support/engine';
import { actorOf, importAsu, startCase, voteCounts, type Asu } from './support';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('a written vote round with a deadline, on durable timers', () => {
  let h: EngineHarness;
  let asu: Asu;
  let clock = new Date();
  let engine: WorkflowEngine;
  let votes: VoteService;

  beforeAll(async () => {
    h = await engineHarness('votes-written');
    engine = new WorkflowEngine(h.dataSource, h.engine.registry, null, { now: () => clock });
    votes = new VoteService(new VotesRepository(h.dataSource), engine, () => clock);
    asu = await importAsu(h.dataSource);
  });
  afterAll(() => h.close());

  const recipients = async (instanceId: string, subject: string) =>
    (
      (await h.dataSource.query(
        `SELECT recipient FROM outbox_messages WHERE instance_id = $1 AND subject LIKE $2 ORDER BY recipient`,
        [instanceId, `${subject}%`],
      )) as { recipient: string }[]
    ).map((r) => r.recipient);

  it('notifies every voter, reminds only those who have not voted, and closes at the deadline', async () => {
    clock = new Date();
    const caseId = await startCase(engine, asu.secretariat, {
      number: 31,
      title: 'Høringssvar til revidert samarbeidsavtale',
      proposedResolution: 'ASU slutter seg til høringssvaret.',
    });
    const deadline = new Date(clock.getTime() + 5 * DAY);
    const vote = await votes.open(
      caseId,
      { mode: 'written', deadline: deadline.toISOString(), reminderOffsets: ['P2D', 'PT12H'] },
      asu.secretariat,
    );
    expect(vote).toMatchObject({ state: 'open', mode: 'written', rule: 'consensus', deadline: deadline.toISOString() });
    const voters = vote.eligible;
    expect(voters).toHaveLength(15);
    const emailOf = (personId: string) => asuEmail(personId);
    const allEmails = voters.map((v) => emailOf(v.personId)).sort();
    expect(await recipients(vote.instanceId, 'Skriftlig avstemning: sak 31/24')).toEqual(allEmails);

    const instance = await engine.view(vote.instanceId, asu.secretariat);
    expect(instance.timers.map((t) => [t.name, t.dueAt])).toEqual([
      ['reminder-P2D', new Date(deadline.getTime() - 2 * DAY).toISOString()],
      ['reminder-PT12H', new Date(deadline.getTime() - 12 * HOUR).toISOString()],
      ['deadline', deadline.toISOString()],
    ]);
    const timer = (name: string) => instance.timers.find((t) => t.name === name)!.id;

    // Five vote before the first reminder.
    const early = voters.slice(0, 5);
    for (const v of early) await votes.cast(vote.id, 'for', voterActor(v.personId));
    clock = new Date(deadline.getTime() - 2 * DAY + 1000);
    expect(await engine.fireTimer(timer('reminder-P2D'))).toBe('fired');
    const firstReminder = await recipients(vote.instanceId, 'Påminnelse: avstemning i sak 31/24');
    expect(firstReminder).toEqual(
      voters
        .slice(5)
        .map((v) => emailOf(v.personId))
        .sort(),
    );

    // Nine more vote; the last reminder reaches the remaining one only.
    for (const v of voters.slice(5, 14)) await votes.cast(vote.id, 'for', voterActor(v.personId));
    const last = voters[14];
    clock = new Date(deadline.getTime() - 12 * HOUR + 1000);
    expect(await engine.fireTimer(timer('reminder-PT12H'))).toBe('fired');
    const reminders = (await h.dataSource.query(
      `SELECT recipient, subject FROM outbox_messages WHERE instance_id = $1 AND subject LIKE 'Påminnelse%' ORDER BY created_at`,
      [vote.instanceId],
    )) as { recipient: string; subject: string }[];
    expect(reminders).toHaveLength(firstReminder.length + 1);
    expect(reminders.at(-1)).toEqual({
      recipient: emailOf(last.personId),
      subject: 'Påminnelse: avstemning i sak 31/24, frist om 12 timer',
    });
    // Nobody who voted was ever reminded after voting.
    expect(reminders.filter((r) => r.recipient === emailOf(voters[0].personId))).toEqual([]);

    // Who has voted is visible while open; how is not.
    const open = (await votes.get(vote.id, asu.secretariat))!;
    expect(open).toMatchObject({ voted: 14, ballots: null, result: null, minutesText: null });
    expect(open.eligible.filter((v) => !v.hasVoted).map((v) => v.personId)).toEqual([last.personId]);

    // The deadline closes it: the last voter never voted, so consensus fails.
    clock = new Date(deadline.getTime() + 1000);
    expect(await engine.fireTimer(timer('deadline'))).toBe('fired');
    const closed = (await votes.get(vote.id, asu.secretariat))!;
    expect(closed).toMatchObject({ state: 'closed', voted: 14 });
    expect(closed.result).toMatchObject({
      rule: 'consensus',
      adopted: false,
      total: { for: 14, against: 0, abstain: 0, missing: 1 },
    });
    expect(closed.ballots).toHaveLength(14);
    expect(closed.minutesText).toContain('Skriftlig avstemning med frist');
    expect(closed.minutesText).toContain(
      'Ikke vedtatt (krever konsensus). Totalt: 14 for, 0 mot, 0 avsto, 1 avga ikke stemme.',
    );
    const [row] = await h.dataSource.query(`SELECT state, result, closed_at FROM votes WHERE id = $1`, [vote.id]);
    expect(row.state).toBe('closed');
    expect(row.result).toEqual(closed.result);
    expect((await engine.history(vote.instanceId, asu.secretariat)).at(-1)).toMatchObject({
      event: 'deadline.passed',
      actor: { id: 'system' },
      toState: 'closed',
    });
    // The result goes to the secretariat and every voter.
    expect(await recipients(vote.instanceId, 'Resultat av avstemning: sak 31/24')).toEqual(
      [...allEmails, asu.secretariat.email!].sort(),
    );

    // A vote after the deadline: a clear 409, nothing changed.
    const before = await voteCounts(h.dataSource);
    await expect(votes.cast(vote.id, 'for', voterActor(last.personId))).rejects.toMatchObject({
      code: ErrorCode.EventNotAllowed,
      message: expect.stringMatching(/^The vote is closed \(since .+\); nothing more is accepted$/),
    });
    expect(await voteCounts(h.dataSource)).toEqual(before);
  });

  it('a ballot after the deadline is refused even before the deadline timer has fired', async () => {
    clock = new Date();
    const caseId = await startCase(engine, asu.secretariat, { number: 32, title: 'Sent' });
    const vote = await votes.open(
      caseId,
      { mode: 'written', deadline: new Date(clock.getTime() + DAY).toISOString() },
      asu.secretariat,
    );
    // The worker is late: the deadline passes (in the database's clock) before the timer fires.
    await h.dataSource.query(`UPDATE votes SET deadline = now() - interval '1 minute' WHERE id = $1`, [vote.id]);
    const before = await voteCounts(h.dataSource);
    await expect(votes.cast(vote.id, 'against', voterActor(vote.eligible[0].personId))).rejects.toMatchObject({
      code: ErrorCode.EventNotAllowed,
      message: expect.stringContaining('The deadline for this vote passed'),
    });
    expect(await voteCounts(h.dataSource)).toEqual(before);
  });

  it('a written round needs a future deadline and is not closed by hand', async () => {
    clock = new Date();
    const caseId = await startCase(engine, asu.secretariat, { number: 33, title: 'Frister' });
    const before = await voteCounts(h.dataSource);
    await expect(votes.open(caseId, { mode: 'written' }, asu.secretariat)).rejects.toMatchObject({
      code: ErrorCode.InvalidInput,
      details: { errors: [{ field: 'deadline', message: 'a written round needs a deadline' }] },
    });
    await expect(
      votes.open(caseId, { mode: 'written', deadline: '2020-01-01' }, asu.secretariat),
    ).rejects.toMatchObject({
      code: ErrorCode.InvalidInput,
      message: expect.stringContaining('must be in the future'),
    });
    expect(await voteCounts(h.dataSource)).toEqual(before);
    const vote = await votes.open(caseId, { mode: 'written', deadline: '2099-06-30' }, asu.secretariat);
    expect(vote.deadline).toBe('2099-06-30T21:59:59.000Z');
    await expect(votes.close(vote.id, asu.secretariat)).rejects.toMatchObject({
      code: ErrorCode.RuleViolated,
      message: expect.stringContaining('A written round closes at its deadline'),
    });
    // Cancelling an open round is possible, and frees the case for a new vote.
    const cancelled = await votes.cancel(vote.id, 'Feil frist', asu.secretariat);
    expect(cancelled).toMatchObject({ state: 'cancelled', cancelledReason: 'Feil frist', result: null });
    expect((await engine.view(vote.instanceId, asu.secretariat)).timers).toEqual([]);
    await votes.open(caseId, { mode: 'written', deadline: '2099-07-31' }, asu.secretariat);
  });

  // Persons by id, for actors and e-mail addresses.
  let people: Map<string, { id: string; name: string; email: string }>;
  beforeAll(async () => {
    const rows = await h.dataSource.query(`SELECT id, name, email FROM persons`);
    people = new Map(rows.map((r: { id: string; name: string; email: string }) => [r.id, r]));
  });
  const asuEmail = (personId: string) => people.get(personId)!.email;
  const voterActor = (personId: string) => actorOf(people.get(personId)!);
});
