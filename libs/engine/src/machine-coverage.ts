// Test support only (its @xstate/graph is a development dependency): imported as @samflyt/engine/machine-coverage,
// never through the index, so production code does not load it.
import { getAdjacencyMap, getStateNodes } from '@xstate/graph';
import type { AnyStateMachine, EventObject } from 'xstate';
import { handledEvents, stateToString } from './snapshots';

export interface MachineCoverage {
  /** Atomic states the machine declares, as dotted paths. */
  declaredStates: string[];
  reachedStates: string[];
  /** `state|event` for every event a reached state handles. */
  declaredTransitions: string[];
  /** `state|event` for every sample event that was taken from that state. */
  exercisedTransitions: string[];
}

/**
 * Walks every snapshot reachable from `input` with the sample events, so a test can say: every
 * state is reachable and every transition is exercised. Guarded transitions need sample events
 * (and inputs) that satisfy their guards. Snapshots are compared by state value, so one sample of
 * each state is explored.
 */
export function exploreMachine<TEvent extends EventObject>(
  machine: AnyStateMachine,
  options: { input: unknown; events: TEvent[] },
): MachineCoverage {
  // Snapshots are told apart by state value only: context that grows (a list of deliveries) would
  // otherwise make the state space infinite.
  const adjacency = getAdjacencyMap(machine, {
    input: options.input,
    events: options.events,
    serializeState: (snapshot: { value: any }) => stateToString(snapshot.value),
    limit: 10_000,
  } as never);
  const reached = new Set<string>();
  const declared = new Set<string>();
  const exercised = new Set<string>();
  for (const { state, transitions } of Object.values(adjacency) as Array<{
    state: any;
    transitions: Record<string, { event: EventObject; state: any }>;
  }>) {
    const from = stateToString(state.value);
    reached.add(from);
    for (const type of handledEvents(state)) declared.add(`${from}|${type}`);
    for (const { event } of Object.values(transitions)) {
      if (state.can(event)) exercised.add(`${from}|${event.type}`);
    }
  }
  const declaredStates = getStateNodes(machine.root)
    .filter((node) => node.type === 'atomic' || node.type === 'final')
    .map((node) => node.path.join('.'));
  return {
    declaredStates: declaredStates.sort(),
    reachedStates: [...reached].sort(),
    declaredTransitions: [...declared].sort(),
    exercisedTransitions: [...exercised].sort(),
  };
}
