import { uuidSchema } from '@samflyt/engine';
import { z } from 'zod';
import { agendaPlacement } from '../meetings/meeting.schemas';
import { committeeCode, text } from '../schemas';

export const FIRST_CASE_YEAR = 2000;
export const LAST_CASE_YEAR = 2099;

const title = text(500);
const proposedResolution = text(20_000);
const resolution = text(20_000);
const reason = text(2_000);
const year = z.int().min(FIRST_CASE_YEAR).max(LAST_CASE_YEAR);
const number = z.int().min(1).max(999);
/** Text that may be cleared (null) or left as it is (absent). */
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const caseInput = z.strictObject({
  /** Chosen by the caller to know the case before it exists; a new one otherwise. */
  caseId: uuidSchema.optional(),
  committeeCode,
  year,
  /** Only when registering an existing case with its number; a taken number is a 409. */
  number: number.optional(),
  title,
  proposedResolution,
  responsible: optionalText(500),
  caseOfficer: optionalText(500),
});

/** The payload of each case event, besides `type`. */
export const caseEvents = {
  updated: z.strictObject({
    title: title.optional(),
    proposedResolution: proposedResolution.optional(),
    responsible: optionalText(500),
    caseOfficer: optionalText(500),
  }),
  scheduled: z.strictObject({ meetingId: uuidSchema }),
  unscheduled: z.strictObject({}),
  inputRecorded: z.strictObject({
    text: text(20_000).meta({ example: 'Fastlegene opplever at meldte utfordringer ikke blir fulgt opp.' }),
    author: optionalText(300).meta({ example: 'ASU' }),
  }),
  minutesRecorded: z.strictObject({
    text: text(50_000).meta({
      example: 'Avdelingsdirektør i Helseplattformen orienterte om status.',
      description: 'The referat',
    }),
  }),
  decided: z.strictObject({
    resolution: resolution
      .optional()
      .meta({ description: 'The vedtak; the forslag til vedtak as it stands when absent' }),
    voteResult: optionalText(5_000).meta({ example: 'Vedtatt enstemmig.', description: 'Appended to the vedtak' }),
  }),
  postponed: z.strictObject({ toMeetingId: uuidSchema, resolution: reason.optional() }),
  withdrawn: z.strictObject({ reason: reason.meta({ example: 'Saken er løst administrativt.' }) }),
};

/** POST /committees/{code}/cases */
export const createCaseRequest = z.strictObject({
  title: title.meta({ example: 'Utviklingsprosjekt fra Topplederprogrammet' }),
  proposedResolution: proposedResolution.meta({
    example: '1. Saken tas til orientering.',
    description: 'Forslag til vedtak',
  }),
  responsible: optionalText(500).meta({
    example: 'Ingjerd Astad/Tom Christian Martinsen',
    description: 'Saksansvarlig',
  }),
  caseOfficer: optionalText(500).meta({ example: 'Solveig Cruikshank Tofte', description: 'Saksbehandler' }),
  year: year.optional().meta({ example: 2024, description: 'This year (Oslo) by default' }),
  number: number.optional().meta({
    example: 15,
    description: 'Only to register an existing case with its number; a taken number is 409',
  }),
});
export type CreateCaseRequest = z.input<typeof createCaseRequest>;

/** POST /cases/{id}/schedule */
export const scheduleCaseRequest = agendaPlacement.extend({ meetingId: uuidSchema });

/** POST /cases/{id}/postpone */
export const postponeCaseRequest = agendaPlacement.extend({
  toMeetingId: uuidSchema.meta({ description: 'A later meeting of the same committee' }),
  resolution: reason.optional().meta({
    example: '1. Saken utsettes til ASU-møte 19.06.24.',
    description: 'What the minutes say; generated when absent',
  }),
});
export type PostponeCaseRequest = z.input<typeof postponeCaseRequest>;

/** POST /cases/{id}/decide, /withdraw, /inputs; PUT /cases/{id}/minutes: the event's payload as it is. */
export const decideCaseRequest = caseEvents.decided;
export const withdrawCaseRequest = caseEvents.withdrawn;
export const caseInputRequest = caseEvents.inputRecorded;
export const caseMinutesRequest = caseEvents.minutesRecorded;
