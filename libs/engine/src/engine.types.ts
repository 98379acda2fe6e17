import type { DispatchWork } from './job-dispatcher';

export interface TimerView {
  id: string;
  name: string;
  event: string;
  dueAt: string;
  status: string;
}

export interface InstanceView {
  id: string;
  workflow: string;
  version: number;
  state: string;
  status: string;
  /** Null when the actor may send events to the instance but not read it. */
  context: unknown;
  revision: number;
  allowedEvents: string[];
  timers: TimerView[];
  createdAt: string;
  updatedAt: string;
}

export interface JournalView {
  seq: number;
  event: string;
  payload: Record<string, unknown>;
  actor: { id: string; name: string };
  at: string;
  fromState: string | null;
  toState: string;
}

export interface WorkflowEvent {
  type: string;
  [key: string]: unknown;
}

export interface Dispatcher {
  dispatch(work: DispatchWork): Promise<void>;
}

export interface EngineOptions {
  now?: () => Date;
  /** Called when enqueueing after commit fails; the reconciler will enqueue later. */
  onDispatchError?: (error: unknown) => void;
  onApplied?: (workflow: string, event: string) => void;
  /** A timer fired: seconds between its due time and the transaction that fired it. */
  onTimerFired?: (lagSeconds: number) => void;
}

export type TimerOutcome = 'fired' | 'unknown' | 'not-pending' | 'not-due' | 'not-accepted';
