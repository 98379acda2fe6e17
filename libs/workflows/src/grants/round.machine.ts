import { assertEvent, assign, setup } from 'xstate';
import { engineActions, type Recipient, type TimerSpec, before } from '@samflyt/engine';
import { totalOf } from './allocation';
import type { RoundContext, RoundEvent, RoundInput, Scorer } from './round.model';
import {
  amountFits,
  innstillingOf,
  isRecused,
  isScorer,
  isUnderReview,
  missingScorers,
  nonScorersOf,
  rankingOf,
  sheetProblems,
  totalWith,
} from './scoring';

const secretariat = (c: RoundContext): Recipient[] =>
  c.createdBy.email ? [{ email: c.createdBy.email, name: c.createdBy.name }] : [];
const toRecipient = (s: Scorer): Recipient => ({ email: s.email, name: s.name });

const scoringTimers = (c: RoundContext): TimerSpec[] => [
  ...c.scorerReminderOffsets.map((offset) => ({
    name: `scorer-reminder-${offset}`,
    at: before(c.scoringDeadline, offset),
    event: { type: 'reminder.due', offset },
    skipIfPast: true,
  })),
  { name: 'scoring-deadline', at: c.scoringDeadline, event: { type: 'scoring.deadlinePassed' } },
];

const cancel = { target: 'cancelled', actions: 'recordCancellation' } as const;

/** A round as it starts: its set-up, nothing approved, received or scored yet. */
export const newRoundContext = (input: RoundInput): RoundContext => ({
  ...input,
  approval: null,
  applications: [],
  scorers: [],
  sheets: {},
  recusals: [],
  nonScorers: [],
  scoringClosedBy: null,
  ranking: null,
  adjustments: [],
  decisionCase: null,
  decisionNeedsRecording: null,
  decision: null,
  cancelledReason: null,
});

/**
 * Utlysning (sak 30/24): draft → approved → open → closed → review → recommendation → decision →
 * awarded → followUp → completed; cancelled with a reason from any state before decision.
 * Applications are their own instances (grant-application); the round's projection signals them
 * when review starts, when ASU has decided, and when the round is cancelled.
 */
export const roundMachine = setup({
  types: { context: {} as RoundContext, events: {} as RoundEvent, input: {} as RoundInput },
  actions: {
    ...engineActions,
    recordCancellation: assign(({ event }) => {
      assertEvent(event, 'round.cancelled');
      return { cancelledReason: event.reason };
    }),
    closeScoring: assign(({ context }) => ({ ranking: rankingOf(context), nonScorers: nonScorersOf(context) })),
  },
  guards: {
    scorerMayScore: ({ context, event }) => {
      assertEvent(event, 'score.recorded');
      return (
        isScorer(context, event.scorerId) &&
        isUnderReview(context, event.applicationId) &&
        !isRecused(context, event.applicationId, event.scorerId) &&
        sheetProblems(context.criteria, event.scores).length === 0
      );
    },
    mayDeclareInhabil: ({ context, event }) => {
      assertEvent(event, 'inhabil.declared');
      return isUnderReview(context, event.applicationId) && !isRecused(context, event.applicationId, event.personId);
    },
    everyoneScored: ({ context }) => missingScorers(context).length === 0,
    adjustmentFits: ({ context, event }) => {
      assertEvent(event, 'innstilling.adjusted');
      const ranked = (context.ranking ?? []).some((r) => r.applicationId === event.applicationId);
      return ranked && amountFits(context, event.amount) && totalWith(context, event) <= context.budget;
    },
    adoptedAsProposed: ({ event }) => {
      assertEvent(event, 'case.concluded');
      return event.outcome === 'decided' && event.adopted && event.asProposed;
    },
    withdrawn: ({ event }) => {
      assertEvent(event, 'case.concluded');
      return event.outcome === 'withdrawn';
    },
    awardsFit: ({ context, event }) => {
      assertEvent(event, 'decision.recorded');
      return (
        event.awards.every((a) => isUnderReview(context, a.applicationId)) && totalOf(event.awards) <= context.budget
      );
    },
  },
}).createMachine({
  id: 'grant-round',
  initial: 'draft',
  context: ({ input }) => newRoundContext(input),
  states: {
    draft: {
      on: {
        'round.updated': { actions: assign(({ event }) => ({ ...event.settings })) },
        'round.approved': { target: 'approved', actions: assign({ approval: ({ event }) => event.reference }) },
        'round.cancelled': cancel,
      },
    },
    approved: {
      entry: {
        type: 'armTimers',
        params: ({ context }) => ({
          group: 'approved',
          timers: [{ name: 'opens', at: context.opensAt, event: { type: 'round.opened' } }],
        }),
      },
      exit: { type: 'disarmTimers', params: { group: 'approved' } },
      on: { 'round.opened': 'open', 'round.cancelled': cancel },
    },
    open: {
      entry: {
        type: 'armTimers',
        params: ({ context }) => ({
          group: 'open',
          timers: [{ name: 'closes', at: context.closesAt, event: { type: 'deadline.passed' } }],
        }),
      },
      exit: { type: 'disarmTimers', params: { group: 'open' } },
      on: { 'deadline.passed': 'closed', 'round.cancelled': cancel },
    },
    closed: {
      on: {
        'review.started': {
          target: 'review',
          actions: assign(({ event }) => ({ applications: event.applications, scorers: event.scorers })),
        },
        'round.cancelled': cancel,
      },
    },
    review: {
      entry: [
        {
          type: 'notify',
          params: ({ context }) => ({
            key: 'review-opened',
            template: 'reviewOpened',
            to: context.scorers.map(toRecipient),
          }),
        },
        { type: 'armTimers', params: ({ context }) => ({ group: 'review', timers: scoringTimers(context) }) },
      ],
      exit: { type: 'disarmTimers', params: { group: 'review' } },
      on: {
        'score.recorded': {
          guard: 'scorerMayScore',
          actions: assign({
            sheets: ({ context, event }) => ({
              ...context.sheets,
              [event.applicationId]: {
                ...context.sheets[event.applicationId],
                [event.scorerId]: { scores: event.scores, comment: event.comment },
              },
            }),
          }),
        },
        'inhabil.declared': {
          guard: 'mayDeclareInhabil',
          // An inhabil member's sheet for the application, if any, is struck: the ranking uses the others'.
          actions: assign(({ context, event }) => {
            const { [event.personId]: _struck, ...others } = context.sheets[event.applicationId] ?? {};
            return {
              recusals: [
                ...context.recusals,
                {
                  applicationId: event.applicationId,
                  personId: event.personId,
                  name: event.name,
                  reason: event.reason,
                },
              ],
              sheets: { ...context.sheets, [event.applicationId]: others },
            };
          }),
        },
        'reminder.due': {
          actions: {
            type: 'notify',
            params: ({ context, event }) => ({
              key: `scorer-reminder-${event.offset}-${context.scoringDeadline}`,
              template: 'scorerReminder',
              to: missingScorers(context).map(toRecipient),
              data: { offset: event.offset },
            }),
          },
        },
        'scoring.deadlinePassed': {
          target: 'recommendation',
          actions: ['closeScoring', assign({ scoringClosedBy: 'deadline' as const })],
        },
        'scoring.closed': {
          guard: 'everyoneScored',
          target: 'recommendation',
          actions: ['closeScoring', assign({ scoringClosedBy: 'secretariat' as const })],
        },
        'round.cancelled': cancel,
      },
    },
    recommendation: {
      entry: {
        type: 'notify',
        params: ({ context }) => ({ key: 'scoring-closed', template: 'scoringClosed', to: secretariat(context) }),
      },
      on: {
        'innstilling.adjusted': {
          guard: 'adjustmentFits',
          actions: assign({
            adjustments: ({ context, event }) => [
              ...context.adjustments,
              {
                applicationId: event.applicationId,
                amount: event.amount,
                rank: event.rank,
                reason: event.reason,
                by: event.by,
              },
            ],
          }),
        },
        'innstilling.submitted': {
          target: 'decision',
          actions: assign({
            decisionCase: ({ event }) => ({ caseId: event.caseId, ref: event.caseRef }),
            decisionNeedsRecording: null,
          }),
        },
        'round.cancelled': cancel,
      },
    },
    decision: {
      on: {
        'case.concluded': [
          {
            guard: 'adoptedAsProposed',
            target: 'awarded',
            actions: assign({
              decision: ({ context, event }) => ({
                source: 'vote' as const,
                caseId: event.caseId,
                resolution: event.resolution ?? '',
                voteResult: event.voteResult,
                awards: innstillingOf(context)
                  .filter((l) => l.amount > 0)
                  .map((l) => ({ applicationId: l.applicationId, amount: l.amount })),
              }),
            }),
          },
          // Withdrawn: back to AU, which may revise the innstilling and put it up again.
          { guard: 'withdrawn', target: 'recommendation', actions: assign({ decisionCase: null }) },
          {
            actions: assign({
              decisionNeedsRecording: ({ event }) =>
                event.adopted
                  ? `Vedtaket avviker fra innstillingen: ${event.resolution ?? ''}`
                  : `Innstillingen ble ikke vedtatt. ${event.voteResult ?? ''}`.trim(),
            }),
          },
        ],
        'decision.recorded': {
          guard: 'awardsFit',
          target: 'awarded',
          actions: assign({
            decision: ({ context, event }) => ({
              source: 'secretariat' as const,
              caseId: context.decisionCase?.caseId ?? null,
              resolution: event.resolution,
              voteResult: null,
              awards: event.awards.filter((a) => a.amount > 0),
            }),
          }),
        },
      },
    },
    awarded: {
      entry: {
        type: 'notify',
        params: ({ context }) => ({ key: 'awarded', template: 'awarded', to: secretariat(context) }),
      },
      on: { 'followUp.started': 'followUp' },
    },
    followUp: { on: { 'round.completed': 'completed' } },
    completed: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
