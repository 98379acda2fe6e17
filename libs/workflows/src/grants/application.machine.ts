import { and, assertEvent, assign, not, setup } from 'xstate';
import { engineActions, type Recipient, type TimerSpec, before } from '@samflyt/engine';
import type { ApplicationContext, ApplicationEvent, ApplicationInput, Report } from './application.model';
import { appealDeadline } from '../letters/klagefrist';
import { validateAnswers } from './form';
import { after, isDateLike } from './grant-time';
import type { ReportRequirement } from './round.model';

export const INFO_REMINDER_OFFSETS = ['P2D'];

const applicant = (c: ApplicationContext): Recipient[] => [{ email: c.applicant.email, name: c.applicant.name }];
const withSecretariat = (c: ApplicationContext): Recipient[] => [
  ...applicant(c),
  ...(c.round.secretariat.email ? [{ email: c.round.secretariat.email, name: c.round.secretariat.name }] : []),
];

/** Report dates from the letter: a fixed date stays, a duration counts from the letter. */
export function reportsFrom(requirements: ReportRequirement[], letterAt: string): Report[] {
  return requirements.map((r) => ({
    key: r.key,
    title: r.title,
    dueAt: isDateLike(r.due) ? r.due : after(letterAt, r.due),
    text: null,
    submittedAt: null,
    accepted: false,
  }));
}

const reportTimers = (c: ApplicationContext, r: Report): TimerSpec[] => [
  ...c.round.reportReminderOffsets.map((offset) => ({
    name: `report-${r.key}-reminder-${offset}`,
    at: before(r.dueAt, offset),
    event: { type: 'report.reminderDue', key: r.key, offset },
    skipIfPast: true,
  })),
  { name: `report-${r.key}-due`, at: r.dueAt, event: { type: 'report.overdue', key: r.key } },
];

const letter = (key: string, template: string) =>
  ({
    type: 'notify',
    params: ({ context }: { context: ApplicationContext }) => ({ key, template, to: withSecretariat(context) }),
  }) as const;

const appealWindowTimer = {
  type: 'armTimers',
  params: ({ context }: { context: ApplicationContext }) => ({
    group: 'appeal-window',
    timers: context.appealDeadline
      ? [{ name: 'appeal-window', at: context.appealDeadline, event: { type: 'appealWindow.passed' } }]
      : [],
  }),
} as const;

const withdraw = { target: 'withdrawn', actions: 'recordWithdrawal' } as const;
const roundCancelled = { target: 'cancelled', actions: 'recordWithdrawal' } as const;
const appealRegistered = { target: 'appealed', actions: 'registerAppeal' } as const;

const appealOutcome = (upheld: boolean, amount: number, resolution: string) => ({ upheld, amount, resolution });

/** The klagevedtak: as the secretariat recorded it, or the proposal the deciding committee adopted. */
const appealOutcomeOf = (
  c: ApplicationContext,
  event: Extract<ApplicationEvent, { type: 'appeal.decided' | 'case.concluded' }>,
) =>
  event.type === 'appeal.decided' ? appealOutcome(event.upheld, event.amount, event.resolution) : c.appeal!.proposal!;

/**
 * Søknad: draft → submitted → formal check (complete / more information requested / rejected) →
 * underReview → granted or declined (ASU's vedtak, signalled by the round) → appeal window → funded →
 * reports → closed. Every letter is a notify (e-mail) and a row (the projection stores it).
 */
export const applicationMachine = setup({
  types: { context: {} as ApplicationContext, events: {} as ApplicationEvent, input: {} as ApplicationInput },
  actions: {
    ...engineActions,
    recordWithdrawal: assign(({ event }) => {
      assertEvent(event, ['application.withdrawn', 'round.cancelled']);
      return { withdrawnReason: event.reason };
    }),
    registerAppeal: assign(({ event }) => {
      assertEvent(event, 'appeal.registered');
      return {
        appeal: {
          text: event.text,
          registeredAt: event.at,
          caseId: null,
          caseRef: null,
          proposal: null,
          needsRecording: null,
          outcome: null,
        },
      };
    }),
    recordDecision: assign(({ context, event }) => {
      assertEvent(event, 'decision.made');
      const { type: _type, ...decision } = event;
      return {
        decision,
        appealDeadline: context.round.appealable
          ? appealDeadline(decision.letterAt, context.round.appealPeriod, {
              receivedAfterDays: context.round.letterReceivedAfterDays ?? 0,
            })
          : null,
        reports: decision.granted ? reportsFrom(context.round.reporting, decision.letterAt) : [],
      };
    }),
    applyAppealOutcome: assign(({ context, event }) => {
      assertEvent(event, ['appeal.decided', 'case.concluded']);
      const outcome = appealOutcomeOf(context, event);
      const granted = outcome.upheld ? outcome.amount > 0 : context.decision!.granted;
      const newlyGranted = outcome.upheld && granted && !context.decision!.granted;
      return {
        appeal: { ...context.appeal!, outcome, needsRecording: null },
        decision:
          outcome.upheld && granted
            ? { ...context.decision!, granted: true, amount: outcome.amount }
            : context.decision,
        reports: newlyGranted ? reportsFrom(context.round.reporting, event.at) : context.reports,
      };
    }),
  },
  guards: {
    answersComplete: ({ context }) =>
      context.title.trim().length > 0 &&
      context.requestedAmount > 0 &&
      validateAnswers(context.round.form, context.answers, true).length === 0,
    decisionGrants: ({ event }) => {
      assertEvent(event, 'decision.made');
      return event.granted;
    },
    appealable: ({ context }) => context.round.appealable,
    appealAdoptedAsProposed: ({ context, event }) => {
      assertEvent(event, 'case.concluded');
      return (
        event.caseId === context.appeal?.caseId &&
        event.outcome === 'decided' &&
        event.adopted &&
        event.asProposed &&
        context.appeal?.proposal !== null
      );
    },
    grantedAfterAppeal: ({ context, event }) => {
      assertEvent(event, ['appeal.decided', 'case.concluded']);
      const wasGranted = context.decision?.granted === true;
      if (event.type === 'appeal.decided') return (event.upheld && event.amount > 0) || (!event.upheld && wasGranted);
      const proposal = context.appeal?.proposal;
      return proposal ? (proposal.upheld && proposal.amount > 0) || wasGranted : false;
    },
    reportOpen: ({ context, event }) => {
      assertEvent(event, ['report.submitted', 'report.reminderDue', 'report.overdue']);
      return context.reports.some((r) => r.key === event.key && r.text === null);
    },
    reportAwaitsAcceptance: ({ context, event }) => {
      assertEvent(event, 'report.accepted');
      return context.reports.some((r) => r.key === event.key && r.text !== null && !r.accepted);
    },
    lastReport: ({ context, event }) => {
      assertEvent(event, 'report.accepted');
      return context.reports.every((r) => r.accepted || r.key === event.key);
    },
  },
}).createMachine({
  id: 'grant-application',
  initial: 'draft',
  context: ({ input }) => ({
    ...input,
    infoRequests: [],
    rejectionReason: null,
    decision: null,
    appealDeadline: null,
    appeal: null,
    reports: [],
    withdrawnReason: null,
  }),
  states: {
    draft: {
      entry: {
        type: 'armTimers',
        params: ({ context }) => ({
          group: 'draft',
          timers: [
            ...context.round.reminderOffsets.map((offset) => ({
              name: `draft-reminder-${offset}`,
              at: before(context.round.closesAt, offset),
              event: { type: 'reminder.due', offset },
              skipIfPast: true,
            })),
            { name: 'closes', at: context.round.closesAt, event: { type: 'deadline.passed' } },
          ],
        }),
      },
      exit: { type: 'disarmTimers', params: { group: 'draft' } },
      on: {
        'application.updated': {
          actions: assign(({ context, event }) => ({
            title: event.title ?? context.title,
            requestedAmount: event.requestedAmount ?? context.requestedAmount,
            answers: event.answers ? { ...context.answers, ...event.answers } : context.answers,
          })),
        },
        'application.submitted': { guard: 'answersComplete', target: 'submitted' },
        'reminder.due': {
          actions: {
            type: 'notify',
            params: ({ context, event }) => ({
              key: `draft-reminder-${event.offset}`,
              template: 'draftReminder',
              to: applicant(context),
              data: { offset: event.offset },
            }),
          },
        },
        'deadline.passed': 'notSubmitted',
        'application.withdrawn': withdraw,
        'round.cancelled': roundCancelled,
      },
    },
    submitted: {
      entry: {
        type: 'notify',
        params: ({ context }) => ({
          key: `receipt-${context.infoRequests.length}`,
          template: 'receipt',
          to: applicant(context),
        }),
      },
      on: {
        'check.completed': 'complete',
        'check.infoRequested': {
          target: 'infoRequested',
          actions: assign({
            infoRequests: ({ context, event }) => [
              ...context.infoRequests,
              { message: event.message, deadline: event.deadline, answer: null },
            ],
          }),
        },
        'check.rejected': {
          target: 'rejected',
          actions: assign({ rejectionReason: ({ event }) => event.reason }),
        },
        'application.withdrawn': withdraw,
        'round.cancelled': roundCancelled,
      },
    },
    infoRequested: {
      entry: [
        {
          type: 'notify',
          params: ({ context }) => ({
            key: `info-requested-${context.infoRequests.length}`,
            template: 'infoRequested',
            to: applicant(context),
          }),
        },
        {
          type: 'armTimers',
          params: ({ context }) => {
            const deadline = context.infoRequests.at(-1)!.deadline;
            return {
              group: 'info',
              timers: [
                ...INFO_REMINDER_OFFSETS.map((offset) => ({
                  name: `info-reminder-${offset}`,
                  at: before(deadline, offset),
                  event: { type: 'info.reminderDue', offset },
                  skipIfPast: true,
                })),
                { name: 'info-deadline', at: deadline, event: { type: 'info.deadlinePassed' } },
              ],
            };
          },
        },
      ],
      exit: { type: 'disarmTimers', params: { group: 'info' } },
      on: {
        'info.provided': {
          target: 'submitted',
          actions: assign(({ context, event }) => ({
            answers: event.answers ? { ...context.answers, ...event.answers } : context.answers,
            infoRequests: context.infoRequests.map((r, i) =>
              i === context.infoRequests.length - 1 ? { ...r, answer: event.message } : r,
            ),
          })),
        },
        'info.reminderDue': {
          actions: {
            type: 'notify',
            params: ({ context, event }) => ({
              key: `info-reminder-${context.infoRequests.length}-${event.offset}`,
              template: 'infoReminder',
              to: applicant(context),
              data: { offset: event.offset },
            }),
          },
        },
        'info.deadlinePassed': {
          target: 'rejected',
          actions: assign({
            rejectionReason: ({ context }) =>
              `Søknaden er ufullstendig: etterspurt informasjon kom ikke innen fristen. ${context.infoRequests.at(-1)!.message}`,
          }),
        },
        'application.withdrawn': withdraw,
        'round.cancelled': roundCancelled,
      },
    },
    complete: {
      on: {
        'review.started': 'underReview',
        'application.withdrawn': withdraw,
        'round.cancelled': roundCancelled,
      },
    },
    underReview: {
      on: {
        'decision.made': [
          { guard: 'decisionGrants', target: 'granted', actions: 'recordDecision' },
          { target: 'declined', actions: 'recordDecision' },
        ],
        'round.cancelled': roundCancelled,
      },
    },
    granted: {
      entry: [letter('tilskuddsbrev', 'tilskuddsbrev'), appealWindowTimer],
      exit: { type: 'disarmTimers', params: { group: 'appeal-window' } },
      always: { guard: not('appealable'), target: 'funded' },
      on: {
        'appeal.registered': appealRegistered,
        'appealWindow.passed': 'funded',
      },
    },
    declined: {
      entry: [letter('avslag', 'avslag'), appealWindowTimer],
      exit: { type: 'disarmTimers', params: { group: 'appeal-window' } },
      always: { guard: not('appealable'), target: 'closed' },
      on: {
        'appeal.registered': appealRegistered,
        'appealWindow.passed': 'closed',
      },
    },
    appealed: {
      entry: letter('appeal-received', 'appealReceived'),
      on: {
        'appeal.caseCreated': {
          actions: assign({
            appeal: ({ context, event }) => ({
              ...context.appeal!,
              caseId: event.caseId,
              caseRef: event.caseRef,
              proposal: appealOutcome(event.upheld, event.amount, event.resolution),
            }),
          }),
        },
        'case.concluded': [
          {
            guard: and(['appealAdoptedAsProposed', 'grantedAfterAppeal']),
            target: 'funded',
            actions: ['applyAppealOutcome', letter('appeal-decided', 'appealDecided')],
          },
          {
            guard: 'appealAdoptedAsProposed',
            target: 'closed',
            actions: ['applyAppealOutcome', letter('appeal-decided', 'appealDecided')],
          },
          {
            actions: assign({
              appeal: ({ context, event }) => ({
                ...context.appeal!,
                caseId: event.outcome === 'withdrawn' ? null : context.appeal!.caseId,
                needsRecording:
                  event.outcome === 'withdrawn'
                    ? null
                    : `ASU vedtok noe annet enn forslaget: ${event.resolution ?? ''} ${event.voteResult ?? ''}`.trim(),
              }),
            }),
          },
        ],
        'appeal.decided': [
          {
            guard: 'grantedAfterAppeal',
            target: 'funded',
            actions: ['applyAppealOutcome', letter('appeal-decided', 'appealDecided')],
          },
          { target: 'closed', actions: ['applyAppealOutcome', letter('appeal-decided', 'appealDecided')] },
        ],
      },
    },
    funded: {
      entry: {
        type: 'armTimers',
        params: ({ context }) => ({
          group: 'reports',
          timers: context.reports.filter((r) => r.text === null).flatMap((r) => reportTimers(context, r)),
        }),
      },
      exit: { type: 'disarmTimers', params: { group: 'reports' } },
      always: { guard: ({ context }) => context.reports.length === 0, target: 'closed' },
      on: {
        'report.submitted': {
          guard: 'reportOpen',
          actions: assign({
            reports: ({ context, event }) =>
              context.reports.map((r) => (r.key === event.key ? { ...r, text: event.text, submittedAt: event.at } : r)),
          }),
        },
        'report.accepted': [
          {
            guard: and(['reportAwaitsAcceptance', 'lastReport']),
            target: 'closed',
            actions: assign({
              reports: ({ context, event }) =>
                context.reports.map((r) => (r.key === event.key ? { ...r, accepted: true } : r)),
            }),
          },
          {
            guard: 'reportAwaitsAcceptance',
            actions: assign({
              reports: ({ context, event }) =>
                context.reports.map((r) => (r.key === event.key ? { ...r, accepted: true } : r)),
            }),
          },
        ],
        'report.reminderDue': {
          guard: 'reportOpen',
          actions: {
            type: 'notify',
            params: ({ context, event }) => ({
              key: `report-${event.key}-reminder-${event.offset}`,
              template: 'reportReminder',
              to: applicant(context),
              data: { key: event.key, offset: event.offset },
            }),
          },
        },
        'report.overdue': {
          guard: 'reportOpen',
          actions: {
            type: 'notify',
            params: ({ context, event }) => ({
              key: `report-${event.key}-overdue`,
              template: 'reportOverdue',
              to: withSecretariat(context),
              data: { key: event.key },
            }),
          },
        },
      },
    },
    closed: { type: 'final' },
    notSubmitted: { type: 'final' },
    rejected: { type: 'final', entry: letter('rejected', 'formalRejection') },
    withdrawn: { type: 'final' },
    cancelled: { type: 'final', entry: letter('round-cancelled', 'roundCancelled') },
  },
});
