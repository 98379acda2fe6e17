/**
 * The effects a machine may ask for. Machines name them as actions with params; XState's pure
 * `transition()` returns them unexecuted, and the engine turns them into timer and outbox rows in
 * the same transaction as the snapshot.
 */

/** A durable timer: at `at` (ISO 8601), `event` is sent to the instance by the system. */
export interface TimerSpec {
  name: string;
  at: string;
  event: { type: string; [key: string]: unknown };
  /** Reminders in the past are not worth sending; deadlines in the past fire at once. */
  skipIfPast?: boolean;
}

export interface ArmTimersParams {
  group: string;
  timers: TimerSpec[];
}

export interface DisarmTimersParams {
  group: string;
}

export interface Recipient {
  email: string;
  name?: string;
}

export interface NotifyParams {
  /** What caused the message, unique per instance: `reminder:P7D:due:2024-06-01`. Sent once per recipient. */
  key: string;
  template: string;
  to: Recipient[];
  data?: Record<string, unknown>;
}

/** No-op implementations to register in `setup({ actions })`; the engine interprets them. */
export const engineActions = {
  armTimers: (_: unknown, _params: ArmTimersParams): void => undefined,
  disarmTimers: (_: unknown, _params: DisarmTimersParams): void => undefined,
  notify: (_: unknown, _params: NotifyParams): void => undefined,
};

export type EngineActionType = keyof typeof engineActions;

export type Effect =
  | { type: 'armTimers'; params: ArmTimersParams }
  | { type: 'disarmTimers'; params: DisarmTimersParams }
  | { type: 'notify'; params: NotifyParams };

/** Picks the engine's effects out of the actions `transition()` returned, in order. */
export function effectsOf(actions: ReadonlyArray<{ type: string; params?: unknown }>): Effect[] {
  const effects: Effect[] = [];
  for (const action of actions) {
    if (action.type === 'armTimers' || action.type === 'disarmTimers' || action.type === 'notify') {
      effects.push({ type: action.type, params: action.params } as Effect);
    } else {
      throw new Error(`Machine action "${action.type}" has effects the engine cannot persist; use notify/armTimers`);
    }
  }
  return effects;
}
