import { and, assertEvent, assign, setup } from 'xstate';
import { engineActions, type Recipient, type TimerSpec, before } from '@samflyt/engine';
import { decide, type Choice, type DecisionRule, type VoteResult } from './decision-rules';
import type { Exclusion, Voter } from './eligibility';
import type { VOTE_MODES } from './vote.schemas';

export type VoteMode = (typeof VOTE_MODES)[number];

/** A voter as the eligibility snapshot at opening names them, with where to reach them. */
export interface EligibleVoter extends Voter {
  email: string;
  /** For a vara: the name of the member they vote in place of. */
  inPlaceOfName?: string | null;
}

export interface VoteInput {
  /** The `votes` row the projection writes; chosen by whoever opens the vote. */
  voteId: string;
  case: { id: string; ref: string; title: string; proposal: string | null };
  committee: { id: string; code: string; name: string };
  meetingId: string | null;
  mode: VoteMode;
  rule: DecisionRule;
  /** Written rounds only: when the vote closes by itself (ISO 8601, UTC). */
  deadline: string | null;
  /** Written rounds only: reminders this long before the deadline, to those who have not voted. */
  reminderOffsets: string[];
  /** Who may vote, derived when the vote opened (memberships, attendance, inhabilitet); never changes. */
  voters: EligibleVoter[];
  /** Who was left out and why (inhabil, absent, observer, …): for the minutes. */
  excluded: { personId: string; name: string; reason: Exclusion }[];
  /** Seats with a vote in the committee: the base of the quorum. */
  votingSeats: number;
  /** Who opened the vote (the secretariat): receives the result. */
  opener: { id: string; name: string; email: string | null };
}

export interface VoteContext extends VoteInput {
  /** Person id → choice, in the order cast. */
  ballots: Record<string, Choice>;
  result: VoteResult | null;
  closedBy: 'deadline' | 'secretariat' | null;
  cancelledReason: string | null;
}

export type VoteEvent =
  /** A voter casts their own ballot. */
  | { type: 'vote.cast'; voterId: string; choice: Choice }
  /** In a meeting, the secretariat records a voter's ballot (show of hands). */
  | { type: 'ballot.recorded'; voterId: string; choice: Choice }
  | { type: 'vote.closed' }
  | { type: 'vote.cancelled'; reason: string }
  | { type: 'reminder.due'; offset: string }
  | { type: 'deadline.passed' };

export const isEligible = (context: Pick<VoteContext, 'voters'>, personId: string): boolean =>
  context.voters.some((v) => v.personId === personId);

/** Voters without a ballot yet: the only ones a reminder goes to. */
export const notYetVoted = (context: Pick<VoteContext, 'voters' | 'ballots'>): EligibleVoter[] =>
  context.voters.filter((v) => !Object.hasOwn(context.ballots, v.personId));

const recipient = (v: { email: string; name: string }): Recipient => ({ email: v.email, name: v.name });

const timersFor = (context: VoteContext): TimerSpec[] =>
  context.mode !== 'written' || context.deadline === null
    ? []
    : [
        ...context.reminderOffsets.map((offset) => ({
          name: `reminder-${offset}`,
          at: before(context.deadline!, offset),
          event: { type: 'reminder.due', offset },
          skipIfPast: true,
        })),
        { name: 'deadline', at: context.deadline, event: { type: 'deadline.passed' } },
      ];

/** The result goes to the secretariat, and in a written round to every voter. */
const resultRecipients = (context: VoteContext): Recipient[] => [
  ...(context.opener.email ? [{ email: context.opener.email, name: context.opener.name }] : []),
  ...(context.mode === 'written' ? context.voters.map(recipient) : []),
];

/**
 * Avstemning i en sak: open → closed (or cancelled). In a meeting the secretariat closes it; a
 * written round closes at its deadline, with reminders before it to those who have not voted.
 * One ballot per voter is the database's rule (the projection's primary key), not a guard here:
 * a second ballot passes the machine and the insert refuses it.
 */
export const voteMachine = setup({
  types: {
    context: {} as VoteContext,
    events: {} as VoteEvent,
    input: {} as VoteInput,
  },
  guards: {
    voterIsEligible: ({ context, event }) => {
      assertEvent(event, ['vote.cast', 'ballot.recorded']);
      return isEligible(context, event.voterId);
    },
    inMeeting: ({ context }) => context.mode === 'meeting',
  },
  actions: {
    ...engineActions,
    recordBallot: assign({
      // The first ballot stands; a second one is refused by the projection's primary key.
      ballots: ({ context, event }) => {
        assertEvent(event, ['vote.cast', 'ballot.recorded']);
        return Object.hasOwn(context.ballots, event.voterId)
          ? context.ballots
          : { ...context.ballots, [event.voterId]: event.choice };
      },
    }),
    count: assign({
      result: ({ context }) => decide(context.rule, context.voters, new Map(Object.entries(context.ballots))),
    }),
  },
}).createMachine({
  id: 'vote',
  initial: 'open',
  context: ({ input }) => ({ ...input, ballots: {}, result: null, closedBy: null, cancelledReason: null }),
  states: {
    open: {
      entry: [
        {
          type: 'notify',
          params: ({ context }) => ({
            key: 'opened',
            template: 'opened',
            to: context.mode === 'written' ? context.voters.map(recipient) : [],
          }),
        },
        { type: 'armTimers', params: ({ context }) => ({ group: 'open', timers: timersFor(context) }) },
      ],
      exit: { type: 'disarmTimers', params: { group: 'open' } },
      on: {
        'vote.cast': { guard: 'voterIsEligible', actions: 'recordBallot' },
        'ballot.recorded': {
          guard: and(['inMeeting', 'voterIsEligible']),
          actions: 'recordBallot',
        },
        'reminder.due': {
          actions: {
            type: 'notify',
            params: ({ context, event }) => ({
              key: `reminder-${event.offset}-${context.deadline}`,
              template: 'reminder',
              to: notYetVoted(context).map(recipient),
              data: { offset: event.offset },
            }),
          },
        },
        'deadline.passed': {
          target: 'closed',
          actions: ['count', assign({ closedBy: 'deadline' as const })],
        },
        'vote.closed': {
          guard: 'inMeeting',
          target: 'closed',
          actions: ['count', assign({ closedBy: 'secretariat' as const })],
        },
        'vote.cancelled': {
          target: 'cancelled',
          actions: assign({ cancelledReason: ({ event }) => event.reason }),
        },
      },
    },
    closed: {
      type: 'final',
      entry: {
        type: 'notify',
        params: ({ context }) => ({ key: 'result', template: 'result', to: resultRecipients(context) }),
      },
    },
    cancelled: {
      type: 'final',
      entry: {
        type: 'notify',
        params: ({ context }) => ({
          key: 'cancelled',
          template: 'cancelled',
          to: context.mode === 'written' ? context.voters.map(recipient) : [],
        }),
      },
    },
  },
});
