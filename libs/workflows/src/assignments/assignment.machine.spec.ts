import { initialTransition, transition } from 'xstate';
import { assignmentMachine, type AssignmentInput } from './assignment.machine';
import { exploreMachine } from '@samflyt/engine/machine-coverage';

const input: AssignmentInput = {
  title: 'Utlysningstekst, søknadsskjema og kriterier',
  description: '',
  caseRef: '30/24',
  body: 'AU',
  assignee: { id: 'au-leder', name: 'AU-leder', email: 'au@example.no' },
  owner: { id: 'sek', name: 'Sekretariatet', email: 'sek@example.no' },
  dueAt: '2024-09-30T21:59:59.000Z',
  reminderOffsets: ['P7D', 'P1D'],
};

describe('assignment machine', () => {
  it('arms reminders and the deadline on entry, notifying the assignee', () => {
    const [snapshot, actions] = initialTransition(assignmentMachine, input);
    expect(snapshot.value).toBe('assigned');
    expect(actions.map((a) => a.type)).toEqual(['notify', 'armTimers']);
    const arm = actions[1].params as { timers: { name: string; at: string }[] };
    expect(arm.timers).toEqual([
      expect.objectContaining({ name: 'reminder-P7D', at: '2024-09-23T21:59:59.000Z' }),
      expect.objectContaining({ name: 'reminder-P1D', at: '2024-09-29T21:59:59.000Z' }),
      expect.objectContaining({ name: 'deadline', at: input.dueAt }),
    ]);
  });

  it('disarms on exit and keys the delivery notice by the updated context', () => {
    const [s0] = initialTransition(assignmentMachine, input);
    const [s1, actions] = transition(assignmentMachine, s0, { type: 'assignment.delivered', note: 'Vedlagt utkast' });
    expect(s1.value).toBe('delivered');
    expect(
      actions.map((a) => [
        a.type,
        (a.params as { key?: string; group?: string }).key ?? (a.params as { group: string }).group,
      ]),
    ).toEqual([
      ['disarmTimers', 'assigned'],
      ['notify', 'delivered-1'],
    ]);
  });

  it('re-arms timers with the new due date when rescheduled', () => {
    const [s0] = initialTransition(assignmentMachine, input);
    const [s1, actions] = transition(assignmentMachine, s0, {
      type: 'assignment.rescheduled',
      dueAt: '2024-10-31T22:59:59.000Z',
    });
    expect(s1.value).toBe('assigned');
    expect(actions.map((a) => a.type)).toEqual(['disarmTimers', 'notify', 'armTimers']);
    expect((actions[1].params as { key: string }).key).toBe('rescheduled-2024-10-31T22:59:59.000Z');
  });
});

describe('assignment machine coverage', () => {
  it('reaches every state and exercises every transition', () => {
    const coverage = exploreMachine(assignmentMachine, {
      input,
      events: [
        { type: 'assignment.delivered', note: 'Levert' },
        { type: 'assignment.accepted' },
        { type: 'assignment.returned', reason: 'Mangler kriterier' },
        { type: 'assignment.rescheduled', dueAt: '2024-10-31T22:59:59.000Z' },
        { type: 'assignment.cancelled', reason: 'Ikke lenger aktuelt' },
        { type: 'reminder.due', offset: 'P7D' },
        { type: 'deadline.passed' },
      ],
    });
    expect(coverage.reachedStates).toEqual(coverage.declaredStates);
    expect(coverage.exercisedTransitions).toEqual(coverage.declaredTransitions);
    expect(coverage.declaredStates).toEqual(['accepted', 'assigned', 'cancelled', 'delivered', 'overdue']);
  });
});
