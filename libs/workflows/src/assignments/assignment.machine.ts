import { assertEvent, assign, setup } from 'xstate';
import { engineActions, type TimerSpec, before } from '@samflyt/engine';

export interface Person {
  id: string;
  name: string;
  email: string;
}

export interface AssignmentInput {
  title: string;
  description: string;
  /** The case whose vedtak delegated the task, e.g. `30/24`. */
  caseRef: string | null;
  /** The case's id in `cases`, when the task was created from its vedtak (linked in `case_assignments`). */
  caseId?: string;
  /** The body the task is delegated to, e.g. `AU`; the assignee acts for it. */
  body: string | null;
  assignee: Person;
  /** Who follows up: receives deliveries and overdue notices (normally the secretariat). */
  owner: Person;
  dueAt: string;
  reminderOffsets: string[];
}

export interface AssignmentContext extends AssignmentInput {
  deliveries: { note: string }[];
  returns: { reason: string }[];
  outcome: { accepted?: string; cancelled?: string } | null;
}

export type AssignmentEvent =
  | { type: 'assignment.delivered'; note: string }
  | { type: 'assignment.accepted'; note?: string }
  | { type: 'assignment.returned'; reason: string; dueAt?: string }
  | { type: 'assignment.rescheduled'; dueAt: string }
  | { type: 'assignment.cancelled'; reason: string }
  | { type: 'reminder.due'; offset: string }
  | { type: 'deadline.passed' };

const timersFor = (context: AssignmentContext): TimerSpec[] => [
  ...context.reminderOffsets.map((offset) => ({
    name: `reminder-${offset}`,
    at: before(context.dueAt, offset),
    event: { type: 'reminder.due', offset },
    skipIfPast: true,
  })),
  { name: 'deadline', at: context.dueAt, event: { type: 'deadline.passed' } },
];

const cancel = [
  'recordCancellation',
  {
    type: 'notify',
    params: ({ context }: { context: AssignmentContext }) => ({
      key: 'cancelled',
      template: 'cancelled',
      to: [context.assignee],
    }),
  },
] as const;

/**
 * Oppdrag: "ASU delegerer til AU å …" (sak 30/24). assigned → delivered → accepted, or returned for
 * more work; reminders before the due date and an overdue notice at it.
 */
export const assignmentMachine = setup({
  types: {
    context: {} as AssignmentContext,
    events: {} as AssignmentEvent,
    input: {} as AssignmentInput,
  },
  actions: {
    ...engineActions,
    recordDelivery: assign({
      deliveries: ({ context, event }) => {
        assertEvent(event, 'assignment.delivered');
        return [...context.deliveries, { note: event.note }];
      },
    }),
    recordCancellation: assign({
      outcome: ({ event }) => {
        assertEvent(event, 'assignment.cancelled');
        return { cancelled: event.reason };
      },
    }),
  },
}).createMachine({
  id: 'assignment',
  initial: 'assigned',
  context: ({ input }) => ({ ...input, deliveries: [], returns: [], outcome: null }),
  entry: {
    type: 'notify',
    params: ({ context }) => ({ key: 'assigned', template: 'assigned', to: [context.assignee] }),
  },
  states: {
    assigned: {
      entry: { type: 'armTimers', params: ({ context }) => ({ group: 'assigned', timers: timersFor(context) }) },
      exit: { type: 'disarmTimers', params: { group: 'assigned' } },
      on: {
        'assignment.delivered': { target: 'delivered', actions: 'recordDelivery' },
        'assignment.cancelled': { target: 'cancelled', actions: cancel },
        'reminder.due': {
          actions: {
            type: 'notify',
            params: ({ context, event }) => ({
              key: `reminder-${event.offset}-due-${context.dueAt}`,
              template: 'reminder',
              to: [context.assignee],
              data: { offset: event.offset },
            }),
          },
        },
        'deadline.passed': {
          target: 'overdue',
          actions: {
            type: 'notify',
            params: ({ context }) => ({
              key: `overdue-${context.dueAt}`,
              template: 'overdue',
              to: [context.owner, context.assignee],
            }),
          },
        },
        'assignment.rescheduled': {
          target: 'assigned',
          reenter: true,
          actions: [
            assign({ dueAt: ({ event }) => event.dueAt }),
            {
              type: 'notify',
              params: ({ context }) => ({
                key: `rescheduled-${context.dueAt}`,
                template: 'rescheduled',
                to: [context.assignee],
              }),
            },
          ],
        },
      },
    },
    overdue: {
      on: {
        'assignment.delivered': { target: 'delivered', actions: 'recordDelivery' },
        'assignment.cancelled': { target: 'cancelled', actions: cancel },
        'assignment.rescheduled': {
          target: 'assigned',
          actions: [
            assign({ dueAt: ({ event }) => event.dueAt }),
            {
              type: 'notify',
              params: ({ context }) => ({
                key: `rescheduled-${context.dueAt}`,
                template: 'rescheduled',
                to: [context.assignee],
              }),
            },
          ],
        },
      },
    },
    delivered: {
      entry: {
        type: 'notify',
        params: ({ context }) => ({
          key: `delivered-${context.deliveries.length}`,
          template: 'delivered',
          to: [context.owner],
        }),
      },
      on: {
        'assignment.accepted': {
          target: 'accepted',
          actions: [
            assign({ outcome: ({ event }) => ({ accepted: event.note ?? '' }) }),
            {
              type: 'notify',
              params: ({ context }) => ({ key: 'accepted', template: 'accepted', to: [context.assignee] }),
            },
          ],
        },
        'assignment.cancelled': { target: 'cancelled', actions: cancel },
        'assignment.returned': {
          target: 'assigned',
          actions: [
            assign({
              returns: ({ context, event }) => [...context.returns, { reason: event.reason }],
              dueAt: ({ context, event }) => event.dueAt ?? context.dueAt,
            }),
            {
              type: 'notify',
              params: ({ context }) => ({
                key: `returned-${context.returns.length}`,
                template: 'returned',
                to: [context.assignee],
              }),
            },
          ],
        },
      },
    },
    accepted: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
