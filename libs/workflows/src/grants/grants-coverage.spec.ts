import { initialTransition, transition } from 'xstate';
import { exploreMachine, type MachineCoverage } from '@samflyt/engine/machine-coverage';
import { applicationMachine } from './application.machine';
import type { ApplicationEvent } from './application.model';
import { applicationInput, applicationsInReview, concluded, decision, roundInput, U } from './grants.fixtures';
import { roundMachine } from './round.machine';
import type { RoundEvent } from './round.model';

/**
 * Machine coverage of both grant machines: every declared state is reached and every transition
 * (state × event) is taken by some walk. A walk explores one snapshot per state value, so a guard
 * that depends on context built up inside a state gets a walk of its own.
 */

/** The union of several walks: states reached and transitions taken by any of them. */
function union(walks: MachineCoverage[]): MachineCoverage {
  const all = (f: (c: MachineCoverage) => string[]) => [...new Set(walks.flatMap(f))].sort();
  return {
    declaredStates: walks[0].declaredStates,
    reachedStates: all((c) => c.reachedStates),
    declaredTransitions: all((c) => c.declaredTransitions),
    exercisedTransitions: all((c) => c.exercisedTransitions),
  };
}

const reviewed = (scorers: { personId: string; name: string; email: string }[]): RoundEvent => ({
  type: 'review.started',
  applications: applicationsInReview.slice(0, 1),
  scorers,
});
const roundEvents: RoundEvent[] = [
  { type: 'round.updated', settings: { title: 'Nytt navn' } },
  { type: 'round.approved', reference: 'sak 30/24' },
  { type: 'round.opened' },
  { type: 'deadline.passed' },
  { type: 'score.recorded', applicationId: U(10), scorerId: 'p1', scores: { gevinst: 5 }, comment: '' },
  { type: 'inhabil.declared', applicationId: U(10), personId: 'p1', name: 'En', reason: 'Styremedlem' },
  { type: 'reminder.due', offset: 'P3D' },
  { type: 'scoring.deadlinePassed' },
  { type: 'scoring.closed' },
  {
    type: 'innstilling.adjusted',
    applicationId: U(10),
    amount: 400_000,
    rank: 1,
    reason: 'Lønn er overvurdert',
    by: { id: 'p1', name: 'En' },
  },
  { type: 'innstilling.submitted', caseId: U(30), caseRef: '12/30' },
  concluded({}),
  concluded({ adopted: false, voteResult: 'Ikke vedtatt' }),
  concluded({ outcome: 'withdrawn', adopted: false, asProposed: false }),
  { type: 'decision.recorded', resolution: 'A får 400 000', awards: [{ applicationId: U(10), amount: 400_000 }] },
  { type: 'followUp.started' },
  { type: 'round.completed' },
  { type: 'round.cancelled', reason: 'Midlene falt bort' },
];

describe('grant round machine coverage', () => {
  it('reaches every state and takes every transition', () => {
    const coverage = union([
      // One scorer who has scored nothing when review starts: scoring, recusal, reminder, deadline.
      exploreMachine(roundMachine, {
        input: roundInput,
        events: [reviewed([{ personId: 'p1', name: 'En', email: 'en@test' }]), ...roundEvents],
      }),
      // No scorers left: everyone has scored, so the secretariat may close scoring early.
      exploreMachine(roundMachine, { input: roundInput, events: [reviewed([]), ...roundEvents] }),
    ]);
    expect(coverage.declaredStates).toEqual([
      'approved',
      'awarded',
      'cancelled',
      'closed',
      'completed',
      'decision',
      'draft',
      'followUp',
      'open',
      'recommendation',
      'review',
    ]);
    expect(coverage.reachedStates).toEqual(coverage.declaredStates);
    expect(coverage.exercisedTransitions).toEqual(coverage.declaredTransitions);
  });
});

const appEvents: ApplicationEvent[] = [
  { type: 'application.updated', answers: { beskrivelse: 'Ny tekst' } },
  { type: 'application.submitted' },
  { type: 'application.withdrawn', reason: 'Trukket' },
  { type: 'reminder.due', offset: 'P7D' },
  { type: 'deadline.passed' },
  { type: 'check.completed' },
  { type: 'check.infoRequested', message: 'Legg ved budsjett', deadline: '2030-02-10T11:00:00.000Z' },
  { type: 'check.rejected', reason: 'Ikke en kommune' },
  { type: 'info.provided', message: 'Budsjett vedlagt' },
  { type: 'info.reminderDue', offset: 'P2D' },
  { type: 'info.deadlinePassed' },
  { type: 'review.started' },
  decision(true),
  decision(false),
  { type: 'appeal.registered', text: 'Vi klager', at: '2030-03-12T10:00:00.000Z' },
  { type: 'appealWindow.passed' },
  {
    type: 'appeal.caseCreated',
    caseId: U(31),
    caseRef: '13/30',
    upheld: true,
    amount: 300_000,
    resolution: 'Tas til følge',
  },
  {
    type: 'case.concluded',
    caseId: U(31),
    outcome: 'decided',
    resolution: 'Tas til følge',
    asProposed: true,
    adopted: true,
    voteResult: null,
    at: '2030-04-01T10:00:00.000Z',
  },
  {
    type: 'appeal.decided',
    upheld: false,
    amount: 0,
    resolution: 'Tas ikke til følge',
    at: '2030-04-01T10:00:00.000Z',
  },
  { type: 'report.submitted', key: 'slutt', text: 'Ferdig', at: '2030-08-01T10:00:00.000Z' },
  { type: 'report.accepted', key: 'slutt' },
  { type: 'report.reminderDue', key: 'slutt', offset: 'P14D' },
  { type: 'report.overdue', key: 'slutt' },
  { type: 'round.cancelled', reason: 'Midlene falt bort' },
];

describe('grant application machine coverage', () => {
  it('reaches every state and takes every transition', () => {
    const coverage = union([
      exploreMachine(applicationMachine, {
        input: applicationInput({ appealable: true, answers: { beskrivelse: 'Tekst' } }),
        events: appEvents,
      }),
      exploreMachine(applicationMachine, {
        input: applicationInput({ appealable: false, answers: { beskrivelse: 'Tekst' } }),
        events: appEvents,
      }),
    ]);
    expect(coverage.declaredStates).toEqual([
      'appealed',
      'cancelled',
      'closed',
      'complete',
      'declined',
      'draft',
      'funded',
      'granted',
      'infoRequested',
      'notSubmitted',
      'rejected',
      'submitted',
      'underReview',
      'withdrawn',
    ]);
    expect(coverage.reachedStates).toEqual(coverage.declaredStates);
    // A walk sees the first `funded` snapshot only, where no report is in yet: acceptance is taken below.
    expect(coverage.declaredTransitions.filter((t) => !coverage.exercisedTransitions.includes(t))).toEqual([
      'funded|report.accepted',
    ]);
    let [s] = initialTransition(
      applicationMachine,
      applicationInput({ appealable: false, answers: { beskrivelse: 'Tekst' } }),
    );
    for (const e of [...appEvents.slice(1, 2), appEvents[5], appEvents[11], decision(true), appEvents[19]])
      [s] = transition(applicationMachine, s, e);
    expect(s.value).toBe('funded');
    expect(s.can({ type: 'report.accepted', key: 'slutt' })).toBe(true);
    expect(transition(applicationMachine, s, { type: 'report.accepted', key: 'slutt' })[0].value).toBe('closed');
  });
});
