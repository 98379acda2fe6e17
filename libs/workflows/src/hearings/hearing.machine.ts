import { assign, enqueueActions, setup } from 'xstate';
import { engineActions, type Recipient, type TimerSpec, before } from '@samflyt/engine';

export interface HearingContact {
  id: string;
  name: string;
  email: string;
}

/** A høringsinstans: an organisation and the people its invitation, reminders and receipts go to. */
export interface HearingRecipient {
  organisationId: string;
  name: string;
  contacts: HearingContact[];
}

export interface HearingQuestion {
  id: string;
  text: string;
}

export interface HearingAttachmentRef {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
}

export interface HearingInput {
  /** The `hearings` row the projection writes. */
  hearingId: string;
  /** The committee that owns the hearing: the summary goes on its agenda as a case. */
  committee: { code: string; name: string };
  title: string;
  /** Where the hearing comes from, e.g. «sak 12/24 i ASU». */
  origin: string | null;
  /** The proposal (høringsnotat) as text. */
  proposal: string;
  attachments: HearingAttachmentRef[];
  questions: HearingQuestion[];
  recipients: HearingRecipient[];
  /** Høringsfrist (ISO 8601, UTC); required before sending. */
  deadline: string | null;
  /** Reminders this long before each recipient's own deadline, to recipients who have not answered. */
  reminderOffsets: string[];
  /** After a recipient's deadline an answer is accepted and marked late, unless this is false. */
  acceptLateAnswers: boolean;
  /**
   * Where links in the e-mails point: the answer page (the web app's; the token follows in the
   * fragment, `#token=…`, so it stays out of server logs) and the base of the attachment downloads.
   */
  links: { answer: string; attachments: string };
  /** HMAC key of the personal answer links; never shown in a view of the hearing. */
  linkKey: string;
  owner: { id: string; name: string; email: string | null };
}

export interface AnswerRecord {
  /** The organisation that gave the answer; only its contacts (and the secretariat) may change it. */
  lead: string;
  /** Recipients who signed the answer jointly with the lead (sak 31/24). */
  coSigners: string[];
  version: number;
  late: boolean;
  withheld: string | null;
}

export interface Extension {
  deadline: string;
  reason: string;
}

export interface HearingContext extends HearingInput {
  /** Organisation id → its recipient's own deadline, when extended. */
  extensions: Record<string, Extension>;
  answers: Record<string, AnswerRecord>;
  /** Organisation id → the answer it signed (as lead or co-signer). One answer per organisation. */
  answeredBy: Record<string, string>;
  /** Sammendrag per question id (`general` for the answer as a whole). */
  summaryTexts: Record<string, string>;
  presentation: { caseId: string; caseRef: string; meetingId: string | null } | null;
  conclusion: string | null;
  withdrawnReason: string | null;
}

export interface HearingUpdate {
  title?: string;
  origin?: string | null;
  proposal?: string;
  attachments?: HearingAttachmentRef[];
  questions?: HearingQuestion[];
  recipients?: HearingRecipient[];
  deadline?: string | null;
  reminderOffsets?: string[];
  acceptLateAnswers?: boolean;
}

export interface AnswerSubmitted {
  type: 'answer.submitted';
  answerId: string;
  organisationId: string;
  coSigners: string[];
  version: number;
  /** After the lead's deadline (the hearings service decides, the projection checks by the database clock). */
  late: boolean;
  text: string;
  questionAnswers: { questionId: string; text: string }[];
  attachmentIds: string[];
}

/** A co-signer takes its organisation off a joint answer: a new version of the answer without it. */
export interface SignatureWithdrawn {
  type: 'signature.withdrawn';
  answerId: string;
  organisationId: string;
  version: number;
  reason: string | null;
}

export type HearingEvent =
  | ({ type: 'hearing.updated' } & HearingUpdate)
  | { type: 'hearing.sent' }
  | AnswerSubmitted
  | SignatureWithdrawn
  | { type: 'answer.withheld'; answerId: string; reason: string }
  | { type: 'answer.released'; answerId: string }
  | { type: 'extension.granted'; organisationId: string; deadline: string; reason: string }
  | { type: 'lateAnswers.closed' }
  | { type: 'lateAnswers.reopened' }
  | { type: 'reminder.due'; organisationId: string; offset: string; deadline: string }
  | { type: 'deadline.passed' }
  | { type: 'summary.started' }
  | { type: 'summary.textRecorded'; questionId: string; text: string }
  | { type: 'hearing.presented'; caseId: string; caseRef: string; meetingId: string | null }
  | { type: 'hearing.concluded'; conclusion: string }
  | { type: 'hearing.withdrawn'; reason: string };

/** States in which a recipient may answer (and be reminded). */
export const ANSWERING_STATES = ['open', 'closed', 'summary'] as const;

export const GENERAL_QUESTION = 'general';

/** A recipient's own deadline: the extension granted to it, or the hearing's. */
export const recipientDeadline = (
  c: Pick<HearingContext, 'deadline' | 'extensions'>,
  organisationId: string,
): string => (Object.hasOwn(c.extensions, organisationId) ? c.extensions[organisationId].deadline : c.deadline!);

export const isRecipient = (c: Pick<HearingContext, 'recipients'>, organisationId: string): boolean =>
  c.recipients.some((r) => r.organisationId === organisationId);

export const hasAnswered = (c: Pick<HearingContext, 'answeredBy'>, organisationId: string): boolean =>
  Object.hasOwn(c.answeredBy, organisationId);

/** Recipients without an answer (alone or jointly): the only ones reminders go to. */
export const notAnswered = (c: Pick<HearingContext, 'recipients' | 'answeredBy'>): HearingRecipient[] =>
  c.recipients.filter((r) => !hasAnswered(c, r.organisationId));

const recipientOf = (c: HearingContext, organisationId: string): HearingRecipient | undefined =>
  c.recipients.find((r) => r.organisationId === organisationId);

const contactsOf = (c: HearingContext, organisationId: string): Recipient[] =>
  (recipientOf(c, organisationId)?.contacts ?? []).map((p) => ({ email: p.email, name: p.name }));

export const recipientGroup = (organisationId: string): string => `recipient:${organisationId}`;

/** Reminders of one recipient, before its own deadline; those already past are not armed. */
export const reminderTimers = (c: HearingContext, organisationId: string): TimerSpec[] => {
  const deadline = recipientDeadline(c, organisationId);
  return c.reminderOffsets.map((offset) => ({
    name: `reminder-${offset}`,
    at: before(deadline, offset),
    event: { type: 'reminder.due', organisationId, offset, deadline },
    skipIfPast: true,
  }));
};

/**
 * Whether an answer may be given or changed: the lead and co-signers are recipients and distinct;
 * a new answer's signatories have not answered yet; a change is the lead's, one version on, made
 * before the lead's deadline; and late answers are refused when the secretariat closed to them.
 */
export function answerProblem(c: HearingContext, e: AnswerSubmitted): string | null {
  const signatories = [e.organisationId, ...e.coSigners];
  if (new Set(signatories).size !== signatories.length)
    return 'a co-signer is named twice or is the answering recipient';
  const stranger = signatories.find((id) => !isRecipient(c, id));
  if (stranger) return `organisation ${stranger} is not a recipient of this hearing`;
  const existing = Object.hasOwn(c.answers, e.answerId) ? c.answers[e.answerId] : null;
  const taken = signatories.find((id) => hasAnswered(c, id) && c.answeredBy[id] !== e.answerId);
  if (taken) return `organisation ${taken} has already answered (alone or jointly)`;
  if (existing === null) {
    if (e.version !== 1) return 'a new answer is version 1';
  } else {
    if (existing.lead !== e.organisationId) return 'only the organisation that gave an answer may change it';
    if (e.version !== existing.version + 1) return `the next version of this answer is ${existing.version + 1}`;
    if (e.late) return 'an answer can be changed only until the deadline';
  }
  if (e.late && !c.acceptLateAnswers) return 'the hearing is closed to late answers';
  return null;
}

/** A co-signer (not the lead) withdraws from an answer it signed, one version on. */
export const signatureWithdrawable = (c: HearingContext, e: SignatureWithdrawn): boolean => {
  const answer = Object.hasOwn(c.answers, e.answerId) ? c.answers[e.answerId] : null;
  return answer !== null && answer.coSigners.includes(e.organisationId) && e.version === answer.version + 1;
};

const answerInvalid = ({ context, event }: { context: HearingContext; event: HearingEvent }) =>
  event.type === 'answer.submitted' && answerProblem(context, event) === null;

type Args = { context: HearingContext; event: HearingEvent };

const answering = {
  'answer.submitted': { guard: 'answerIsValid', actions: 'recordAnswer' },
  'signature.withdrawn': { guard: 'signatureIsWithdrawable', actions: 'withdrawSignature' },
  'answer.withheld': { guard: 'answerExists', actions: 'withhold' },
  'answer.released': { guard: 'answerExists', actions: 'release' },
  'extension.granted': { guard: 'extensionIsValid', actions: 'grantExtension' },
  'lateAnswers.closed': { actions: 'refuseLateAnswers' },
  'lateAnswers.reopened': { actions: 'acceptLateAnswers' },
  'reminder.due': { guard: 'reminderIsCurrent', actions: 'remind' },
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
    answerIsValid: answerInvalid,
    signatureIsWithdrawable: ({ context, event }: Args) =>
      event.type === 'signature.withdrawn' && signatureWithdrawable(context, event),
    answerExists: ({ context, event }: Args) =>
      (event.type === 'answer.withheld' || event.type === 'answer.released') &&
      Object.hasOwn(context.answers, event.answerId),
    readyToSend: ({ context }: Args) =>
      context.deadline !== null &&
      context.recipients.length > 0 &&
      context.recipients.every((r) => r.contacts.length > 0),
    extensionIsValid: ({ context, event }: Args) =>
      event.type === 'extension.granted' &&
      isRecipient(context, event.organisationId) &&
      !hasAnswered(context, event.organisationId) &&
      event.deadline > recipientDeadline(context, event.organisationId),
    reminderIsCurrent: ({ context, event }: Args) =>
      event.type === 'reminder.due' &&
      isRecipient(context, event.organisationId) &&
      !hasAnswered(context, event.organisationId) &&
      recipientDeadline(context, event.organisationId) === event.deadline,
    questionIsKnown: ({ context, event }: Args) =>
      event.type === 'summary.textRecorded' &&
      (event.questionId === GENERAL_QUESTION || context.questions.some((q) => q.id === event.questionId)),
  },
  actions: {
    ...engineActions,
    applyUpdate: assign(({ event }: Args) => {
      if (event.type !== 'hearing.updated') return {};
      const { type: _, ...update } = event;
      return Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined)) as Partial<HearingContext>;
    }),
    recordAnswer: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'answer.submitted') return;
      const previous = Object.hasOwn(context.answers, event.answerId) ? context.answers[event.answerId] : null;
      const dropped = (previous?.coSigners ?? []).filter((id) => !event.coSigners.includes(id));
      const added = event.coSigners.filter((id) => !(previous?.coSigners ?? []).includes(id));
      const answeredBy = { ...context.answeredBy };
      for (const id of dropped) delete answeredBy[id];
      for (const id of [event.organisationId, ...event.coSigners]) answeredBy[id] = event.answerId;
      const answers = {
        ...context.answers,
        [event.answerId]: {
          lead: event.organisationId,
          coSigners: event.coSigners,
          version: event.version,
          late: previous ? previous.late : event.late,
          withheld: previous?.withheld ?? null,
        },
      };
      enqueue.assign({ answers, answeredBy });
      // An answer ends its signatories' reminders; a co-signer taken off the answer is reminded again.
      for (const id of [event.organisationId, ...added]) {
        enqueue({ type: 'disarmTimers', params: { group: recipientGroup(id) } });
      }
      const after = { ...context, answers, answeredBy };
      for (const id of dropped) {
        enqueue({ type: 'armTimers', params: { group: recipientGroup(id), timers: reminderTimers(after, id) } });
      }
      enqueue({
        type: 'notify',
        params: {
          key: `receipt:${event.answerId}:v${event.version}`,
          template: 'receipt',
          to: contactsOf(context, event.organisationId),
          data: { organisationId: event.organisationId, answerId: event.answerId, version: event.version },
        },
      });
      for (const id of added) {
        enqueue({
          type: 'notify',
          params: {
            key: `cosigned:${event.answerId}:${id}:v${event.version}`,
            template: 'coSigned',
            to: contactsOf(context, id),
            data: { organisationId: id, leadId: event.organisationId, answerId: event.answerId },
          },
        });
      }
      for (const id of dropped) {
        enqueue({
          type: 'notify',
          params: {
            key: `uncosigned:${event.answerId}:${id}:v${event.version}`,
            template: 'coSignatureRemoved',
            to: contactsOf(context, id),
            data: { organisationId: id, leadId: event.organisationId },
          },
        });
      }
    }),
    withdrawSignature: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'signature.withdrawn') return;
      const previous = context.answers[event.answerId];
      const answer = {
        ...previous,
        coSigners: previous.coSigners.filter((id) => id !== event.organisationId),
        version: event.version,
      };
      const answers = { ...context.answers, [event.answerId]: answer };
      const answeredBy = { ...context.answeredBy };
      delete answeredBy[event.organisationId];
      enqueue.assign({ answers, answeredBy });
      // No longer answered for: its reminders come back (those already past are not armed).
      const group = recipientGroup(event.organisationId);
      enqueue({
        type: 'armTimers',
        params: { group, timers: reminderTimers({ ...context, answers, answeredBy }, event.organisationId) },
      });
      enqueue({
        type: 'notify',
        params: {
          key: `signature-withdrawn:${event.answerId}:${event.organisationId}:v${event.version}`,
          template: 'signatureWithdrawn',
          to: contactsOf(context, previous.lead),
          data: {
            organisationId: previous.lead,
            coSignerId: event.organisationId,
            answerId: event.answerId,
            version: event.version,
            reason: event.reason,
          },
        },
      });
      enqueue({
        type: 'notify',
        params: {
          key: `own-signature-withdrawn:${event.answerId}:${event.organisationId}:v${event.version}`,
          template: 'ownSignatureWithdrawn',
          to: contactsOf(context, event.organisationId),
          data: { organisationId: event.organisationId, leadId: previous.lead },
        },
      });
    }),
    refuseLateAnswers: assign({ acceptLateAnswers: false }),
    acceptLateAnswers: assign({ acceptLateAnswers: true }),
    withhold: assign({
      answers: ({ context, event }) =>
        event.type === 'answer.withheld'
          ? { ...context.answers, [event.answerId]: { ...context.answers[event.answerId], withheld: event.reason } }
          : context.answers,
    }),
    release: assign({
      answers: ({ context, event }) =>
        event.type === 'answer.released'
          ? { ...context.answers, [event.answerId]: { ...context.answers[event.answerId], withheld: null } }
          : context.answers,
    }),
    grantExtension: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'extension.granted') return;
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
      enqueue({
        type: 'notify',
        params: {
          key: `extension:${event.organisationId}:${event.deadline}`,
          template: 'extension',
          to: contactsOf(context, event.organisationId),
          data: { organisationId: event.organisationId, deadline: event.deadline, reason: event.reason },
        },
      });
    }),
    remind: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'reminder.due') return;
      enqueue({
        type: 'notify',
        params: {
          key: `reminder:${event.organisationId}:${event.offset}:${event.deadline}`,
          template: 'reminder',
          to: contactsOf(context, event.organisationId),
          data: { organisationId: event.organisationId, offset: event.offset },
        },
      });
    }),
    /** A hearing withdrawn after it was sent: its recipients are told, and no reminder goes out. */
    announceWithdrawal: enqueueActions(({ context, enqueue }) => {
      for (const r of context.recipients) {
        enqueue({ type: 'disarmTimers', params: { group: recipientGroup(r.organisationId) } });
        enqueue({
          type: 'notify',
          params: {
            key: `withdrawn:${r.organisationId}`,
            template: 'withdrawn',
            to: contactsOf(context, r.organisationId),
            data: { organisationId: r.organisationId },
          },
        });
      }
    }),
    recordWithdrawal: assign({
      withdrawnReason: ({ event }) => (event.type === 'hearing.withdrawn' ? event.reason : null),
    }),
  },
}).createMachine({
  id: 'hearing',
  initial: 'draft',
  context: ({ input }) => ({
    ...input,
    extensions: {},
    answers: {},
    answeredBy: {},
    summaryTexts: {},
    presentation: null,
    conclusion: null,
    withdrawnReason: null,
  }),
  states: {
    draft: {
      on: {
        'hearing.updated': { actions: 'applyUpdate' },
        'hearing.sent': { guard: 'readyToSend', target: 'open' },
        'hearing.withdrawn': { target: 'withdrawn', actions: 'recordWithdrawal' },
      },
    },
    open: {
      entry: enqueueActions(({ context, enqueue }) => {
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
          enqueue({
            type: 'notify',
            params: {
              key: `invitation:${r.organisationId}`,
              template: 'invitation',
              to: contactsOf(context, r.organisationId),
              data: { organisationId: r.organisationId },
            },
          });
        }
      }),
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
        'summary.textRecorded': {
          guard: 'questionIsKnown',
          actions: assign({
            summaryTexts: ({ context, event }) => ({ ...context.summaryTexts, [event.questionId]: event.text }),
          }),
        },
        'hearing.presented': {
          target: 'presented',
          actions: assign({
            presentation: ({ event }) => ({ caseId: event.caseId, caseRef: event.caseRef, meetingId: event.meetingId }),
          }),
        },
      },
    },
    presented: {
      on: {
        'answer.withheld': { guard: 'answerExists', actions: 'withhold' },
        'answer.released': { guard: 'answerExists', actions: 'release' },
        'hearing.concluded': {
          target: 'concluded',
          actions: assign({ conclusion: ({ event }) => event.conclusion }),
        },
      },
    },
    concluded: { type: 'final' },
    withdrawn: { type: 'final' },
  },
});
