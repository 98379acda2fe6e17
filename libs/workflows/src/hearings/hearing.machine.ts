import { assertEvent, assign, enqueueActions, setup } from 'xstate';
import { engineActions } from '@samflyt/engine';
import type { HearingContext, HearingEvent, HearingInput } from './hearing.model';
import {
  answerOf,
  answerProblem,
  coSignatureConfirmable,
  confirmCoSignature,
  contactsOf,
  extensionGrantable,
  initialContext,
  isQuestionOf,
  isRecipient,
  linkGeneration,
  readyToSend,
  recipientGroup,
  recordAnswer,
  reminderIsDue,
  reminderTimers,
  signatureWithdrawable,
  withWithheld,
  withdrawSignature,
} from './hearing-rules';

type Args = { context: HearingContext; event: HearingEvent };

/** A message to one recipient's contact persons; the templates read the recipient from `organisationId`. */
const toRecipient = (
  context: HearingContext,
  organisationId: string,
  key: string,
  template: string,
  data: Record<string, unknown> = {},
) =>
  ({
    type: 'notify',
    params: { key, template, to: contactsOf(context, organisationId), data: { organisationId, ...data } },
  }) as const;

const answering = {
  'answer.submitted': { guard: 'answerIsValid', actions: 'recordAnswer' },
  'signature.withdrawn': { guard: 'signatureIsWithdrawable', actions: 'withdrawSignature' },
  'coSignature.confirmed': { guard: 'coSignatureIsConfirmable', actions: 'confirmCoSignature' },
  'answer.withheld': { guard: 'answerExists', actions: 'withhold' },
  'answer.released': { guard: 'answerExists', actions: 'release' },
  'extension.granted': { guard: 'extensionIsValid', actions: 'grantExtension' },
  'lateAnswers.closed': { actions: 'refuseLateAnswers' },
  'lateAnswers.reopened': { actions: 'acceptLateAnswers' },
  'reminder.due': { guard: 'reminderIsCurrent', actions: 'remind' },
  'link.reissued': { guard: 'isRecipientOf', actions: 'reissueLink' },
  'hearing.withdrawn': { target: 'withdrawn', actions: ['recordWithdrawal', 'announceWithdrawal'] },
} as const;

/**
 * Høring: draft → open (the recipients are sent the proposal with a personal answer link) → closed
 * at the deadline → summary (sammendrag) → presented (a case on the owning committee's agenda) →
 * concluded; withdrawn with a reason before it is presented. Each recipient has its own timer
 * group: reminders before its own deadline, disarmed by its answer and re-armed by an extension.
 * Answers are taken in open, closed and summary; after a recipient's deadline they are marked late.
 */
export const hearingMachine = setup({
  types: {
    context: {} as HearingContext,
    events: {} as HearingEvent,
    input: {} as HearingInput,
  },
  guards: {
    answerIsValid: ({ context, event }: Args) => {
      assertEvent(event, 'answer.submitted');
      return answerProblem(context, event) === null;
    },
    signatureIsWithdrawable: ({ context, event }: Args) => {
      assertEvent(event, 'signature.withdrawn');
      return signatureWithdrawable(context, event);
    },
    coSignatureIsConfirmable: ({ context, event }: Args) => {
      assertEvent(event, 'coSignature.confirmed');
      return coSignatureConfirmable(context, event);
    },
    answerExists: ({ context, event }: Args) => {
      assertEvent(event, ['answer.withheld', 'answer.released']);
      return answerOf(context, event.answerId) !== null;
    },
    readyToSend: ({ context }: Args) => readyToSend(context),
    isRecipientOf: ({ context, event }: Args) => {
      assertEvent(event, 'link.reissued');
      return isRecipient(context, event.organisationId);
    },
    extensionIsValid: ({ context, event }: Args) => {
      assertEvent(event, 'extension.granted');
      return extensionGrantable(context, event.organisationId, event.deadline);
    },
    reminderIsCurrent: ({ context, event }: Args) => {
      assertEvent(event, 'reminder.due');
      return reminderIsDue(context, event.organisationId, event.deadline);
    },
    questionIsKnown: ({ context, event }: Args) => {
      assertEvent(event, 'summary.textRecorded');
      return isQuestionOf(context, event.questionId);
    },
  },
  actions: {
    ...engineActions,
    applyUpdate: assign(({ event }: Args) => {
      assertEvent(event, 'hearing.updated');
      const { type: _, ...update } = event;
      return Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined)) as Partial<HearingContext>;
    }),
    recordAnswer: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'answer.submitted');
      const { answers, answeredBy, added, dropped, invited } = recordAnswer(context, event);
      enqueue.assign({ answers, answeredBy });
      // An answer ends its signatories' reminders; a co-signer taken off the answer is reminded again.
      for (const id of [event.organisationId, ...added]) {
        enqueue({ type: 'disarmTimers', params: { group: recipientGroup(id) } });
      }
      const after = { ...context, answers, answeredBy };
      for (const id of dropped) {
        enqueue({ type: 'armTimers', params: { group: recipientGroup(id), timers: reminderTimers(after, id) } });
      }
      enqueue(
        toRecipient(context, event.organisationId, `receipt:${event.answerId}:v${event.version}`, 'receipt', {
          answerId: event.answerId,
          version: event.version,
        }),
      );
      for (const id of added) {
        enqueue(
          toRecipient(context, id, `cosigned:${event.answerId}:${id}`, 'coSigned', {
            leadId: event.organisationId,
            answerId: event.answerId,
          }),
        );
      }
      for (const id of dropped) {
        enqueue(
          toRecipient(context, id, `uncosigned:${event.answerId}:${id}`, 'coSignatureRemoved', {
            leadId: event.organisationId,
          }),
        );
      }
      // Asked once per answer: naming, removing and naming again does not ask (or mail) the co-signer again.
      for (const id of invited) {
        enqueue(
          toRecipient(context, id, `cosign-request:${event.answerId}:${id}`, 'coSignatureRequested', {
            leadId: event.organisationId,
            answerId: event.answerId,
          }),
        );
      }
    }),
    confirmCoSignature: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'coSignature.confirmed');
      const { lead } = context.answers[event.answerId];
      const { answers, answeredBy } = confirmCoSignature(context, event);
      enqueue.assign({ answers, answeredBy });
      enqueue({ type: 'disarmTimers', params: { group: recipientGroup(event.organisationId) } });
      enqueue(
        toRecipient(
          context,
          lead,
          `cosign-confirmed:${event.answerId}:${event.organisationId}`,
          'coSignatureConfirmed',
          {
            coSignerId: event.organisationId,
          },
        ),
      );
      enqueue(
        toRecipient(context, event.organisationId, `cosigned:${event.answerId}:${event.organisationId}`, 'coSigned', {
          leadId: lead,
          answerId: event.answerId,
        }),
      );
    }),
    withdrawSignature: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'signature.withdrawn');
      const { lead } = context.answers[event.answerId];
      const { answers, answeredBy } = withdrawSignature(context, event);
      enqueue.assign({ answers, answeredBy });
      // No longer answered for: its reminders come back (those already past are not armed).
      enqueue({
        type: 'armTimers',
        params: {
          group: recipientGroup(event.organisationId),
          timers: reminderTimers({ ...context, answers, answeredBy }, event.organisationId),
        },
      });
      enqueue(
        toRecipient(
          context,
          lead,
          `signature-withdrawn:${event.answerId}:${event.organisationId}:v${event.version}`,
          'signatureWithdrawn',
          {
            coSignerId: event.organisationId,
            answerId: event.answerId,
            version: event.version,
            reason: event.reason,
          },
        ),
      );
      enqueue(
        toRecipient(
          context,
          event.organisationId,
          `own-signature-withdrawn:${event.answerId}:${event.organisationId}:v${event.version}`,
          'ownSignatureWithdrawn',
          { leadId: lead },
        ),
      );
    }),
    refuseLateAnswers: assign({ acceptLateAnswers: false }),
    acceptLateAnswers: assign({ acceptLateAnswers: true }),
    withhold: assign(({ context, event }: Args) => {
      assertEvent(event, 'answer.withheld');
      return { answers: withWithheld(context, event.answerId, event.reason) };
    }),
    release: assign(({ context, event }: Args) => {
      assertEvent(event, 'answer.released');
      return { answers: withWithheld(context, event.answerId, null) };
    }),
    grantExtension: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'extension.granted');
      const extensions = {
        ...context.extensions,
        [event.organisationId]: { deadline: event.deadline, reason: event.reason },
      };
      enqueue.assign({ extensions });
      const group = recipientGroup(event.organisationId);
      enqueue({ type: 'disarmTimers', params: { group } });
      enqueue({
        type: 'armTimers',
        params: { group, timers: reminderTimers({ ...context, extensions }, event.organisationId) },
      });
      enqueue(
        toRecipient(context, event.organisationId, `extension:${event.organisationId}:${event.deadline}`, 'extension', {
          deadline: event.deadline,
          reason: event.reason,
        }),
      );
    }),
    /** A recipient's link re-issued: links signed before stop working, and its contacts get the new one. */
    reissueLink: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'link.reissued');
      const generation = linkGeneration(context, event.organisationId) + 1;
      const linkGenerations = { ...context.linkGenerations, [event.organisationId]: generation };
      enqueue.assign({ linkGenerations });
      enqueue(
        toRecipient(
          { ...context, linkGenerations },
          event.organisationId,
          `link:${event.organisationId}:${generation}`,
          'newLink',
        ),
      );
    }),
    remind: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'reminder.due');
      enqueue(
        toRecipient(
          context,
          event.organisationId,
          `reminder:${event.organisationId}:${event.offset}:${event.deadline}`,
          'reminder',
          { offset: event.offset },
        ),
      );
    }),
    /** A hearing withdrawn after it was sent: its recipients are told, and no reminder goes out. */
    announceWithdrawal: enqueueActions(({ context, enqueue }) => {
      for (const r of context.recipients) {
        enqueue({ type: 'disarmTimers', params: { group: recipientGroup(r.organisationId) } });
        enqueue(toRecipient(context, r.organisationId, `withdrawn:${r.organisationId}`, 'withdrawn'));
      }
    }),
    recordWithdrawal: assign(({ event }: Args) => {
      assertEvent(event, 'hearing.withdrawn');
      return { withdrawnReason: event.reason };
    }),
    recordSummaryText: assign(({ context, event }: Args) => {
      assertEvent(event, 'summary.textRecorded');
      return { summaryTexts: { ...context.summaryTexts, [event.questionId]: event.text } };
    }),
    recordPresentation: assign(({ event }: Args) => {
      assertEvent(event, 'hearing.presented');
      return { presentation: { caseId: event.caseId, caseRef: event.caseRef, meetingId: event.meetingId } };
    }),
    recordConclusion: assign(({ event }: Args) => {
      assertEvent(event, 'hearing.concluded');
      return { conclusion: event.conclusion };
    }),
    /** Sending: the deadline armed, and each recipient invited with its own reminders. */
    invite: enqueueActions(({ context, enqueue }) => {
      enqueue({
        type: 'armTimers',
        params: {
          group: 'deadline',
          timers: [{ name: 'deadline', at: context.deadline!, event: { type: 'deadline.passed' } }],
        },
      });
      for (const r of context.recipients) {
        enqueue({
          type: 'armTimers',
          params: { group: recipientGroup(r.organisationId), timers: reminderTimers(context, r.organisationId) },
        });
        enqueue(toRecipient(context, r.organisationId, `invitation:${r.organisationId}`, 'invitation'));
      }
    }),
  },
}).createMachine({
  id: 'hearing',
  initial: 'draft',
  context: ({ input }) => initialContext(input),
  states: {
    draft: {
      on: {
        'hearing.updated': { actions: 'applyUpdate' },
        'hearing.sent': { guard: 'readyToSend', target: 'open' },
        'hearing.withdrawn': { target: 'withdrawn', actions: 'recordWithdrawal' },
      },
    },
    open: {
      entry: 'invite',
      exit: { type: 'disarmTimers', params: { group: 'deadline' } },
      on: {
        ...answering,
        'deadline.passed': { target: 'closed' },
      },
    },
    closed: {
      entry: {
        type: 'notify',
        params: ({ context }) => ({
          key: 'closed',
          template: 'closed',
          to: context.owner.email ? [{ email: context.owner.email, name: context.owner.name }] : [],
        }),
      },
      on: {
        ...answering,
        'summary.started': { target: 'summary' },
      },
    },
    summary: {
      on: {
        ...answering,
        'summary.textRecorded': { guard: 'questionIsKnown', actions: 'recordSummaryText' },
        'hearing.presented': { target: 'presented', actions: 'recordPresentation' },
      },
    },
    presented: {
      on: {
        'answer.withheld': { guard: 'answerExists', actions: 'withhold' },
        'answer.released': { guard: 'answerExists', actions: 'release' },
        'hearing.concluded': { target: 'concluded', actions: 'recordConclusion' },
      },
    },
    concluded: { type: 'final' },
    withdrawn: { type: 'final' },
  },
});
