import { assertEvent, assign, setup } from 'xstate';
import { engineActions } from '@samflyt/engine';

export interface CaseInput {
  /** The case's id in `cases`; its number NN/YY is allocated by the projection when it starts. */
  caseId: string;
  committeeCode: string;
  year: number;
  /** Registering an existing case (from minutes) with its number; otherwise the next free one. */
  requestedNumber: number | null;
  title: string;
  /** Forslag til vedtak. */
  proposedResolution: string;
  /** Saksansvarlig. */
  responsible: string | null;
  /** Saksbehandler. */
  caseOfficer: string | null;
}

export type MeetingOutcome = 'scheduled' | 'postponed' | 'decided' | 'withdrawn';

/** The case at one meeting: on the agenda, then postponed, decided or withdrawn there. */
export interface MeetingRecord {
  meetingId: string;
  outcome: MeetingOutcome;
  resolution: string | null;
  minutesText: string | null;
}

export interface CaseInputRecord {
  text: string;
  author: string | null;
  meetingId: string | null;
}

export interface CaseContext extends CaseInput {
  /** The meeting the case is on now (or was decided/withdrawn at). */
  meetingId: string | null;
  meetings: MeetingRecord[];
  inputs: CaseInputRecord[];
  /** Vedtak, possibly amended from the proposal. */
  resolution: string | null;
  voteResult: string | null;
  withdrawnReason: string | null;
}

export type CaseEvent =
  | {
      type: 'case.updated';
      title?: string;
      proposedResolution?: string;
      responsible?: string | null;
      caseOfficer?: string | null;
    }
  | { type: 'case.scheduled'; meetingId: string }
  | { type: 'case.unscheduled' }
  | { type: 'case.inputRecorded'; text: string; author?: string | null }
  | { type: 'case.minutesRecorded'; text: string }
  | { type: 'case.decided'; resolution?: string; voteResult?: string | null }
  | { type: 'case.postponed'; toMeetingId: string; resolution?: string }
  | { type: 'case.withdrawn'; reason: string };

type Args = { context: CaseContext; event: CaseEvent };

/** Closes the record of the current meeting with an outcome. */
const closeCurrent = (context: CaseContext, outcome: MeetingOutcome, resolution: string | null): MeetingRecord[] =>
  context.meetings.map((m, i) =>
    i === context.meetings.length - 1 && m.meetingId === context.meetingId && m.outcome === 'scheduled'
      ? { ...m, outcome, resolution }
      : m,
  );

const withdraw = { target: 'withdrawn', actions: 'recordWithdrawal' } as const;

const edit = { actions: 'applyEdit' } as const;

/**
 * Sak: draft with forslag til vedtak → on a meeting's agenda → decided (vedtak), postponed to a
 * named later meeting (sak 15/24 «UTSATT»: back on the agenda, of that meeting), or withdrawn.
 * Innspill and referat are recorded while on the agenda. No effects: the projection writes the rows.
 */
export const caseMachine = setup({
  types: {
    context: {} as CaseContext,
    events: {} as CaseEvent,
    input: {} as CaseInput,
  },
  actions: {
    ...engineActions,
    recordWithdrawal: assign(({ context, event }: Args) => {
      assertEvent(event, 'case.withdrawn');
      return {
        withdrawnReason: event.reason,
        meetings: closeCurrent(context, 'withdrawn', `Saken er trukket. ${event.reason}`),
      };
    }),
    applyEdit: assign(({ context, event }: Args) => {
      assertEvent(event, 'case.updated');
      return {
        title: event.title ?? context.title,
        proposedResolution: event.proposedResolution ?? context.proposedResolution,
        responsible: event.responsible === undefined ? context.responsible : event.responsible,
        caseOfficer: event.caseOfficer === undefined ? context.caseOfficer : event.caseOfficer,
      };
    }),
  },
  guards: {
    /**
     * A case is on a meeting's agenda once: «postponed to a named later meeting» names a meeting it
     * has not been on (the projection checks that it is later, of the same committee, and open).
     */
    meetingIsNew: ({ context, event }: Args) => {
      assertEvent(event, ['case.scheduled', 'case.postponed']);
      const target = event.type === 'case.postponed' ? event.toMeetingId : event.meetingId;
      return !context.meetings.some((m) => m.meetingId === target);
    },
  },
}).createMachine({
  id: 'case',
  initial: 'draft',
  context: ({ input }) => ({
    ...input,
    meetingId: null,
    meetings: [],
    inputs: [],
    resolution: null,
    voteResult: null,
    withdrawnReason: null,
  }),
  states: {
    draft: {
      on: {
        'case.updated': edit,
        'case.scheduled': {
          guard: 'meetingIsNew',
          target: 'onAgenda',
          actions: assign(({ context, event }) => ({
            meetingId: event.meetingId,
            meetings: [
              ...context.meetings,
              { meetingId: event.meetingId, outcome: 'scheduled' as const, resolution: null, minutesText: null },
            ],
          })),
        },
        'case.withdrawn': withdraw,
      },
    },
    onAgenda: {
      on: {
        'case.updated': edit,
        'case.inputRecorded': {
          actions: assign({
            inputs: ({ context, event }) => [
              ...context.inputs,
              { text: event.text, author: event.author ?? null, meetingId: context.meetingId },
            ],
          }),
        },
        'case.minutesRecorded': {
          actions: assign({
            meetings: ({ context, event }) =>
              context.meetings.map((m, i) =>
                i === context.meetings.length - 1 ? { ...m, minutesText: event.text } : m,
              ),
          }),
        },
        'case.decided': {
          target: 'decided',
          actions: assign(({ context, event }) => {
            const resolution = event.resolution ?? context.proposedResolution;
            return {
              resolution,
              voteResult: event.voteResult ?? null,
              meetings: closeCurrent(context, 'decided', withVote(resolution, event.voteResult ?? null)),
            };
          }),
        },
        'case.postponed': {
          guard: 'meetingIsNew',
          target: 'onAgenda',
          reenter: true,
          actions: assign(({ context, event }) => ({
            meetingId: event.toMeetingId,
            meetings: [
              ...closeCurrent(context, 'postponed', event.resolution ?? 'Saken utsettes.'),
              { meetingId: event.toMeetingId, outcome: 'scheduled' as const, resolution: null, minutesText: null },
            ],
          })),
        },
        'case.unscheduled': {
          target: 'draft',
          actions: assign(({ context }) => ({
            meetingId: null,
            meetings: context.meetings.slice(0, -1),
          })),
        },
        'case.withdrawn': withdraw,
      },
    },
    decided: { type: 'final' },
    withdrawn: { type: 'final' },
  },
});

/** The vedtak as the minutes print it: the resolution, then the vote result when there was one. */
export function withVote(resolution: string, voteResult: string | null): string {
  return voteResult ? `${resolution}\n\n${voteResult}` : resolution;
}

/** `15/24` */
export function caseRef(number: number, year: number): string {
  return `${String(number).padStart(2, '0')}/${String(year % 100).padStart(2, '0')}`;
}
