import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { applicationMachine } from './application.machine';
import type { ApplicationEvent } from './application.model';
import { applicationInput, applicationsInReview, concluded, decision, roundInput, U } from './grants.fixtures';
import { roundMachine } from './round.machine';
import type { RoundEvent } from './round.model';

function run<E>(
  machine: any,
  input: unknown,
  events: E[],
): { snapshot: AnyMachineSnapshot; actions: { type: string; params?: any }[] } {
  let [snapshot, actions] = initialTransition(machine, input);
  for (const e of events) {
    expect({ event: e, can: snapshot.can(e as never) }).toEqual({ event: e, can: true });
    [snapshot, actions] = transition(machine, snapshot, e as never);
  }
  return { snapshot, actions: actions as never };
}

/** A scorer's sheet with one criterion. */
const scored = (applicationId: string, scorerId: string, gevinst: number): RoundEvent => ({
  type: 'score.recorded',
  applicationId,
  scorerId,
  scores: { gevinst },
  comment: '',
});

const toDecision: RoundEvent[] = [
  { type: 'round.approved', reference: 'sak 30/24' },
  { type: 'round.opened' },
  { type: 'deadline.passed' },
  {
    type: 'review.started',
    applications: applicationsInReview,
    scorers: [
      { personId: 'p1', name: 'En', email: 'en@test' },
      { personId: 'p2', name: 'To', email: 'to@test' },
    ],
  },
  scored(U(10), 'p1', 5),
  { type: 'inhabil.declared', applicationId: U(11), personId: 'p1', name: 'En', reason: 'Styremedlem' },
  { type: 'scoring.deadlinePassed' },
  { type: 'innstilling.submitted', caseId: U(30), caseRef: '12/30' },
];

describe('grant round machine', () => {
  it('ranks at the deadline with who did not score, and awards as innstilt when ASU adopts the proposal', () => {
    const { snapshot } = run(roundMachine, roundInput, [...toDecision, concluded({})]);
    expect(snapshot.value).toBe('awarded');
    expect(snapshot.context.nonScorers).toEqual([{ personId: 'p2', name: 'To', missing: [U(10), U(11)] }]);
    expect(snapshot.context.decision.awards).toEqual([{ applicationId: U(10), amount: 500_000 }]);
  });

  it('refuses a score from an inhabil member, off the scale, or from someone not a scorer', () => {
    const { snapshot } = run(roundMachine, roundInput, toDecision.slice(0, 6));
    expect(snapshot.can(scored(U(11), 'p1', 3))).toBe(false);
    expect(snapshot.can(scored(U(10), 'p2', 6))).toBe(false);
    expect(snapshot.can(scored(U(10), 'p9', 3))).toBe(false);
    expect(snapshot.can(scored(U(10), 'p2', 3))).toBe(true);
  });

  it('waits for the secretariat when the vote fails, and goes back to AU when the case is withdrawn', () => {
    const failed = run(roundMachine, roundInput, [
      ...toDecision,
      concluded({ adopted: false, voteResult: 'Ikke vedtatt' }),
    ]).snapshot;
    expect(failed.value).toBe('decision');
    expect(failed.context.decisionNeedsRecording).toContain('ikke vedtatt');
    const over = {
      type: 'decision.recorded',
      resolution: 'X',
      awards: [{ applicationId: U(10), amount: 1_500_000 }],
    } as const;
    expect(failed.can(over)).toBe(false);
    const [recorded] = transition(roundMachine, failed, {
      type: 'decision.recorded',
      resolution: 'A får 400 000',
      awards: [{ applicationId: U(10), amount: 400_000 }],
    });
    expect(recorded.value).toBe('awarded');
    expect(
      run(roundMachine, roundInput, [
        ...toDecision,
        concluded({ outcome: 'withdrawn', adopted: false, asProposed: false }),
      ]).snapshot.value,
    ).toBe('recommendation');
  });

  it('keeps AU adjustments within the budget and the amount limits', () => {
    const { snapshot } = run(roundMachine, roundInput, toDecision.slice(0, 7));
    const adj = (amount: number) =>
      ({
        type: 'innstilling.adjusted',
        applicationId: U(11),
        amount,
        rank: 1,
        reason: 'Viktig',
        by: { id: 'p2', name: 'To' },
      }) as const;
    expect(snapshot.can(adj(500_000))).toBe(true);
    expect(snapshot.can(adj(600_000))).toBe(false); // 500 000 + 600 000 > 1 000 000
    expect(snapshot.can(adj(50_000))).toBe(false); // under the minimum
  });

  it('is cancelled with a reason before the decision, not after', () => {
    expect(
      run(roundMachine, roundInput, [
        ...toDecision.slice(0, 7),
        { type: 'round.cancelled', reason: 'Midlene falt bort' },
      ]).snapshot.value,
    ).toBe('cancelled');
    expect(run(roundMachine, roundInput, toDecision).snapshot.can({ type: 'round.cancelled', reason: 'x' })).toBe(
      false,
    );
  });
});

const toReview: ApplicationEvent[] = [
  { type: 'application.updated', answers: { beskrivelse: 'Tekst' } },
  { type: 'application.submitted' },
  { type: 'check.completed' },
  { type: 'review.started' },
];

describe('grant application machine', () => {
  it('cannot be submitted without the required fields; an unanswered request for information rejects it', () => {
    const [s0] = initialTransition(applicationMachine, applicationInput());
    expect(s0.can({ type: 'application.submitted' })).toBe(false);
    const { snapshot, actions } = run(applicationMachine, applicationInput(), [
      ...toReview.slice(0, 2),
      { type: 'check.infoRequested', message: 'Legg ved budsjett', deadline: '2030-02-10T11:00:00.000Z' },
      { type: 'info.deadlinePassed' },
    ]);
    expect(snapshot.value).toBe('rejected');
    expect(snapshot.context.rejectionReason).toContain('Legg ved budsjett');
    expect(actions.some((a) => a.type === 'notify')).toBe(true);
  });

  it('a granted project in a round without appeal is funded at once, with report dates from the letter', () => {
    const noAppeal = applicationInput({ appealable: false });
    const { snapshot, actions } = run(applicationMachine, noAppeal, [...toReview, decision(true)]);
    expect(snapshot.value).toBe('funded');
    expect(snapshot.context.reports.map((r: { dueAt: string }) => r.dueAt)).toEqual([
      '2030-09-10T09:00:00.000Z', // six calendar months in Oslo: 11.00 in winter time is 11.00 in summer time
    ]);
    const armed = actions
      .filter((a) => a.type === 'armTimers')
      .flatMap((a) => a.params.timers.map((t: { name: string }) => t.name));
    expect(armed).toEqual(['report-slutt-reminder-P14D', 'report-slutt-due']);
  });

  it('a klage the committee decides otherwise than proposed waits for the secretariat, then closes', () => {
    const { snapshot } = run(applicationMachine, applicationInput(), [
      ...toReview,
      decision(false),
      { type: 'appeal.registered', text: 'Vi klager', at: '2030-03-12T10:00:00.000Z' },
      {
        type: 'appeal.caseCreated',
        caseId: U(31),
        caseRef: '13/30',
        upheld: true,
        amount: 300_000,
        resolution: 'Klagen tas til følge',
      },
      {
        type: 'case.concluded',
        caseId: U(31),
        outcome: 'decided',
        resolution: 'Klagen tas ikke til følge',
        asProposed: false,
        adopted: true,
        voteResult: null,
        at: '2030-04-01T10:00:00.000Z',
      },
    ]);
    expect(snapshot.value).toBe('appealed');
    expect(snapshot.context.appeal.needsRecording).toContain('Klagen tas ikke til følge');
    const [closed] = transition(applicationMachine, snapshot, {
      type: 'appeal.decided',
      upheld: false,
      amount: 0,
      resolution: 'Klagen tas ikke til følge',
      at: '2030-04-01T10:00:00.000Z',
    });
    expect(closed.value).toBe('closed');
    expect(closed.context.appeal?.outcome).toEqual({
      upheld: false,
      amount: 0,
      resolution: 'Klagen tas ikke til følge',
    });
  });

  it('closes when every report is accepted; a submitted report is not reminded or escalated', () => {
    const noAppeal = applicationInput({ appealable: false });
    const { snapshot } = run(applicationMachine, noAppeal, [
      ...toReview,
      decision(true),
      { type: 'report.submitted', key: 'slutt', text: 'Ferdig', at: '2030-08-01T10:00:00.000Z' },
    ]);
    expect(snapshot.can({ type: 'report.overdue', key: 'slutt' })).toBe(false);
    expect(snapshot.can({ type: 'report.reminderDue', key: 'slutt', offset: 'P14D' })).toBe(false);
    const [closed] = transition(applicationMachine, snapshot, { type: 'report.accepted', key: 'slutt' });
    expect(closed.value).toBe('closed');
  });
});
