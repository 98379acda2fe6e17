import { initialTransition, transition } from 'xstate';
import { type NotifyParams, type ArmTimersParams } from '@samflyt/engine';
import { exploreMachine } from '@samflyt/engine/machine-coverage';
import { voteMachine, notYetVoted, type EligibleVoter, type VoteInput } from './vote.machine';
import { voteInput } from './vote.schemas';
import { assertQuorum, voteWorkflow } from './vote.workflow';
import { voteMinutesText } from './vote-minutes';

const voter = (personId: string, party: EligibleVoter['party']): EligibleVoter => ({
  personId,
  name: personId.toUpperCase(),
  party,
  email: `${personId}@example.no`,
});

const voters = [voter('k1', 'kommune'), voter('k2', 'kommune'), voter('s1', 'sykehus'), voter('s2', 'sykehus')];

const written: VoteInput = {
  voteId: '00000000-0000-4000-8000-000000000001',
  case: {
    id: '00000000-0000-4000-8000-000000000002',
    ref: '30/24',
    title: 'Tilskuddsmidler',
    proposal: 'ASU vedtar kriteriene.',
  },
  committee: { id: '00000000-0000-4000-8000-000000000003', code: 'ASU', name: 'Administrativt samarbeidsutvalg' },
  meetingId: null,
  mode: 'written',
  rule: 'consensus',
  deadline: '2024-09-30T10:00:00.000Z',
  reminderOffsets: ['P2D', 'PT12H'],
  voters,
  excluded: [{ personId: 'x1', name: 'X1', reason: 'inhabil' }],
  votingSeats: 4,
  opener: { id: 'sek', name: 'Sekretariatet', email: 'sek@example.no' },
};

const meeting: VoteInput = {
  ...written,
  mode: 'meeting',
  deadline: null,
  reminderOffsets: [],
  meetingId: written.committee.id,
};

const cast = (voterId: string, choice: 'for' | 'against' | 'abstain') => ({
  type: 'vote.cast' as const,
  voterId,
  choice,
});

describe('vote machine', () => {
  it('a written round notifies every voter and arms reminders before the deadline and the deadline', () => {
    const [snapshot, actions] = initialTransition(voteMachine, written);
    expect(snapshot.value).toBe('open');
    expect(actions.map((a) => a.type)).toEqual(['notify', 'armTimers']);
    expect((actions[0].params as NotifyParams).to.map((r) => r.email)).toEqual(voters.map((v) => v.email));
    expect((actions[1].params as ArmTimersParams).timers).toEqual([
      expect.objectContaining({
        name: 'reminder-P2D',
        at: '2024-09-28T10:00:00.000Z',
        event: { type: 'reminder.due', offset: 'P2D' },
      }),
      expect.objectContaining({ name: 'reminder-PT12H', at: '2024-09-29T22:00:00.000Z' }),
      expect.objectContaining({ name: 'deadline', at: written.deadline, event: { type: 'deadline.passed' } }),
    ]);
  });

  it('a vote in a meeting sends nothing and arms no timer', () => {
    const [, actions] = initialTransition(voteMachine, meeting);
    expect((actions[0].params as NotifyParams).to).toEqual([]);
    expect((actions[1].params as ArmTimersParams).timers).toEqual([]);
  });

  it('a reminder goes only to those who have not voted', () => {
    let [s] = initialTransition(voteMachine, written);
    [s] = transition(voteMachine, s, cast('k1', 'for'));
    [s] = transition(voteMachine, s, cast('s2', 'against'));
    const [after, actions] = transition(voteMachine, s, { type: 'reminder.due', offset: 'P2D' });
    expect(after.value).toBe('open');
    expect(actions).toHaveLength(1);
    const notify = actions[0].params as NotifyParams;
    expect(notify.to.map((r) => r.email)).toEqual(['k2@example.no', 's1@example.no']);
    expect(notify.key).toBe('reminder-P2D-2024-09-30T10:00:00.000Z');
    expect(notYetVoted(after.context).map((v) => v.personId)).toEqual(['k2', 's1']);
  });

  it('the deadline closes a written round and counts the ballots by its rule', () => {
    let [s] = initialTransition(voteMachine, written);
    for (const id of ['k1', 'k2', 's1', 's2']) [s] = transition(voteMachine, s, cast(id, 'for'));
    const [closed, actions] = transition(voteMachine, s, { type: 'deadline.passed' });
    expect(closed.value).toBe('closed');
    expect(closed.status).toBe('done');
    expect(closed.context.closedBy).toBe('deadline');
    expect(closed.context.result).toMatchObject({
      rule: 'consensus',
      adopted: true,
      total: { for: 4, against: 0, abstain: 0, missing: 0 },
    });
    expect(actions.map((a) => a.type)).toEqual(['disarmTimers', 'notify']);
    expect((actions[1].params as NotifyParams).to.map((r) => r.email)).toEqual([
      'sek@example.no',
      ...voters.map((v) => v.email),
    ]);
  });

  it('the secretariat closes a vote in a meeting, not a written round', () => {
    const [w] = initialTransition(voteMachine, written);
    expect(w.can({ type: 'vote.closed' })).toBe(false);
    let [s] = initialTransition(voteMachine, meeting);
    [s] = transition(voteMachine, s, { type: 'ballot.recorded', voterId: 'k1', choice: 'for' });
    [s] = transition(voteMachine, s, cast('s1', 'against'));
    const [closed] = transition(voteMachine, s, { type: 'vote.closed' });
    expect(closed.context).toMatchObject({ closedBy: 'secretariat', ballots: { k1: 'for', s1: 'against' } });
    expect(closed.context.result).toMatchObject({ adopted: false, total: { for: 1, against: 1, missing: 2 } });
  });

  it('only an eligible voter’s ballot is accepted; the first ballot stands (the database refuses the second)', () => {
    const [s] = initialTransition(voteMachine, written);
    expect(s.can(cast('outsider', 'for'))).toBe(false);
    const [s1] = transition(voteMachine, s, cast('k1', 'for'));
    expect(s1.can(cast('k1', 'against'))).toBe(true);
    const [s2] = transition(voteMachine, s1, cast('k1', 'against'));
    expect(s2.context.ballots).toEqual({ k1: 'for' });
  });

  it('the secretariat may record ballots only in a meeting', () => {
    const [w] = initialTransition(voteMachine, written);
    expect(w.can({ type: 'ballot.recorded', voterId: 'k1', choice: 'for' })).toBe(false);
    const [m] = initialTransition(voteMachine, meeting);
    expect(m.can({ type: 'ballot.recorded', voterId: 'k1', choice: 'for' })).toBe(true);
    expect(m.can({ type: 'ballot.recorded', voterId: 'nobody', choice: 'for' })).toBe(false);
  });

  it('a closed vote takes no more ballots', () => {
    const [s] = initialTransition(voteMachine, meeting);
    const [closed] = transition(voteMachine, s, { type: 'vote.closed' });
    expect(closed.can(cast('k1', 'for'))).toBe(false);
  });

  it('cancelling counts nothing and tells the voters of a written round', () => {
    const [s] = initialTransition(voteMachine, written);
    const [cancelled, actions] = transition(voteMachine, s, { type: 'vote.cancelled', reason: 'Feil sak' });
    expect(cancelled.value).toBe('cancelled');
    expect(cancelled.context).toMatchObject({ result: null, cancelledReason: 'Feil sak' });
    expect(actions.map((a) => a.type)).toEqual(['disarmTimers', 'notify']);
  });
});

describe('vote definition', () => {
  it('refuses to open without quorum, naming the rule and the numbers', () => {
    expect(() => assertQuorum({ rule: 'simple-majority', voters: voters.slice(0, 1), votingSeats: 4 })).toThrow(
      'Quorum is not met under the simple-majority rule (simpelt flertall): 1 eligible voter(s) of 4 seats with a vote, 2 required',
    );
    expect(() => assertQuorum({ rule: 'consensus', voters: voters.slice(0, 2), votingSeats: 4 })).toThrow(
      /no eligible voter on the sykehus side/,
    );
    expect(() => assertQuorum({ rule: 'consensus', voters, votingSeats: 4 })).not.toThrow();
  });

  it('a written round needs a deadline, a meeting vote has none', () => {
    expect(voteInput.safeParse({ ...written, deadline: null }).success).toBe(false);
    expect(voteInput.safeParse({ ...meeting, deadline: written.deadline }).success).toBe(false);
    expect(voteInput.safeParse(written).success).toBe(true);
    expect(voteInput.safeParse(meeting).success).toBe(true);
  });

  it('writes Norwegian messages and the minutes text', () => {
    let [s] = initialTransition(voteMachine, written);
    [s] = transition(voteMachine, s, cast('k1', 'for'));
    const reminder = voteWorkflow.templates.reminder(s.context, {
      offset: 'P2D',
      recipient: { name: 'K2', email: 'k2@example.no' },
    });
    expect(reminder.subject).toBe('Påminnelse: avstemning i sak 30/24, frist om 2 dager');
    expect(reminder.text).toContain('Hei K2,');
    expect(reminder.text).toContain('Frist for å stemme: 30. september 2024 kl. 12.00');
    [s] = transition(voteMachine, s, { type: 'deadline.passed' });
    const text = voteMinutesText({ ...s.context });
    expect(text).toBe(
      [
        'Skriftlig avstemning med frist 30. september 2024 kl. 12.00, vedtaksregel: konsensus.',
        'Stemmeberettigede: 4 av 4 stemmeseter.',
        'Inhabil og deltok ikke: X1.',
        'Ikke vedtatt (krever konsensus). Totalt: 1 for, 0 mot, 0 avsto, 3 avga ikke stemme. ' +
          'Kommunesiden: 1 for, 0 mot, 0 avsto, 1 avga ikke stemme. Sykehussiden: 0 for, 0 mot, 0 avsto, 2 avga ikke stemme.',
      ].join('\n'),
    );
  });
});

describe('vote machine coverage', () => {
  it('reaches every state and exercises every transition', () => {
    const events = [
      cast('k1', 'for'),
      { type: 'ballot.recorded' as const, voterId: 's1', choice: 'against' as const },
      { type: 'reminder.due' as const, offset: 'P2D' },
      { type: 'vote.closed' as const },
      { type: 'vote.cancelled' as const, reason: 'Feil sak' },
      { type: 'deadline.passed' as const },
    ];
    const coverage = exploreMachine(voteMachine, { input: meeting, events });
    expect(coverage.declaredStates).toEqual(['cancelled', 'closed', 'open']);
    expect(coverage.reachedStates).toEqual(coverage.declaredStates);
    expect(coverage.exercisedTransitions).toEqual(coverage.declaredTransitions);
    // In a written round everything but the secretariat's close and recording is taken.
    const writtenCoverage = exploreMachine(voteMachine, { input: written, events });
    expect(writtenCoverage.reachedStates).toEqual(coverage.declaredStates);
    expect(
      writtenCoverage.declaredTransitions.filter((t) => !writtenCoverage.exercisedTransitions.includes(t)),
    ).toEqual(['open|ballot.recorded', 'open|vote.closed']);
  });
});
