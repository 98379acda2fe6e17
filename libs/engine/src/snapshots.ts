import type { AnyMachineSnapshot, AnyStateMachine, StateValue } from 'xstate';

/** `assigned`, `review.scoring`, parallel regions joined with `,`. */
export function stateToString(value: StateValue): string {
  if (typeof value === 'string') return value;
  return Object.entries(value)
    .map(([key, child]) => {
      const inner = child === undefined ? '' : stateToString(child as StateValue);
      return inner ? `${key}.${inner}` : key;
    })
    .join(',');
}

export function persist(machine: AnyStateMachine, snapshot: AnyMachineSnapshot): unknown {
  return machine.getPersistedSnapshot(snapshot);
}

/** Restores a persisted snapshot with the machine version it was written by. */
export function restore(machine: AnyStateMachine, persisted: unknown): AnyMachineSnapshot {
  const { value, context } = persisted as { value: StateValue; context: unknown };
  return machine.resolveState({ value, context });
}

/** Event types the active state nodes handle, without XState's internal ones. */
export function handledEvents(snapshot: AnyMachineSnapshot): string[] {
  const events = new Set<string>();
  for (const node of snapshot._nodes) {
    for (const type of node.ownEvents) {
      if (!type.startsWith('xstate.') && !type.startsWith('done.') && type !== '*') events.add(type);
    }
  }
  return [...events].sort();
}
