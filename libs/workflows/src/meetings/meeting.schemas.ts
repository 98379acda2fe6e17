import { randomUUID } from 'node:crypto';
import { isoDuration, toDeadline, uuidSchema } from '@samflyt/engine';
import { z } from 'zod';
import { committeeCode, distinct, email, text } from '../schemas';
import { AGENDA_KINDS, type AgendaLine } from './agenda';

export const ATTENDANCE = ['present', 'remote', 'absent'] as const;

/** When a meeting starts or ends: a date-time with its offset, stored in UTC. */
export const meetingTime = z
  .string()
  .max(40)
  .refine(
    (s) => s.includes('T') && toDeadline(s) !== null,
    'must be an ISO 8601 date-time with offset, e.g. 2024-04-17T13:00:00+02:00',
  )
  .transform((s) => toDeadline(s)!);

const place = text(300);
const note = z.string().trim().max(300);
const reason = text(2_000);
const personRef = z.strictObject({ personId: uuidSchema, name: text(200) });
const reminderOffsets = distinct(isoDuration, 'an offset').max(5);
const attendanceStatus = z.enum(ATTENDANCE);

/** Text that may be left out: empty means none. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((s) => (s ? s : null));

/** The fields of a sakliste line; see `agendaLine` for how they go together. */
const lineFields = {
  caseRef: optionalText(20),
  title: optionalText(500).meta({
    example: 'Helseplattformen',
    description: 'Required for a break or another point; a case defaults to its title',
  }),
  details: optionalText(5_000).meta({ example: 'Status', description: 'Sub-points, one per line' }),
  startsAt: z
    .string()
    .regex(/^([01]\d|2[0-3])[:.][0-5]\d$/, 'must be a time of day such as 13:10')
    .nullable()
    .optional()
    .transform((s) => (s ? s.replace('.', ':') : null))
    .meta({ example: '13:10', description: 'Right after the line before when absent' }),
  durationMinutes: z
    .int()
    .min(0)
    .max(1440)
    .nullable()
    .optional()
    .transform((n) => n ?? null)
    .meta({ example: 20 }),
  responsible: optionalText(500).meta({ example: 'Tor Erling Evjen, Helseplattformen AS' }),
};

/** Where and how a case goes on a meeting's sakliste (at the end). */
export const agendaPlacement = z.strictObject({
  details: lineFields.details.meta({ example: 'Kort orientering m/refleksjonsrunde' }),
  title: lineFields.title.meta({
    example: undefined,
    description: "The sakliste's wording; the case's title by default",
  }),
  startsAt: lineFields.startsAt.meta({ example: '16:15', description: undefined }),
  durationMinutes: lineFields.durationMinutes.meta({ example: 15 }),
  responsible: lineFields.responsible.meta({ example: 'Albert Verhagen Tone Løvvik' }),
});
export type AgendaPlacement = z.input<typeof agendaPlacement>;

/**
 * An agenda line as sent. `kind: "case"` needs `caseId`; a break or another point needs a `title`
 * and no case. Errors name the field: `items.3.caseId`. A line without `id` is given one by whoever
 * puts it on the sakliste.
 */
export const agendaLineInput = z
  .strictObject({
    id: uuidSchema.optional().meta({ description: 'Keep the id of an existing line; new lines get one' }),
    kind: z.enum(AGENDA_KINDS).meta({ example: 'case' }),
    caseId: uuidSchema.nullable().optional().meta({
      description: 'Required when kind is "case": an existing case of this committee',
    }),
    ...lineFields,
  })
  .superRefine((line, ctx) => {
    if (line.kind === 'case' && !line.caseId) {
      ctx.addIssue({
        code: 'custom',
        path: ['caseId'],
        message: 'is required when kind is "case": the case on this line',
      });
    }
    if (line.kind !== 'case' && line.caseId) {
      ctx.addIssue({ code: 'custom', path: ['caseId'], message: `must be empty when kind is "${line.kind}"` });
    }
    if (line.kind !== 'case' && !line.title) {
      ctx.addIssue({ code: 'custom', path: ['title'], message: `is required when kind is "${line.kind}"` });
    }
  })
  .meta({ id: 'AgendaLineInputDto' });

/** An agenda line as the meeting keeps it: with an id, and a case or none. */
export const agendaLine = agendaLineInput.transform((line): AgendaLine => ({
  ...line,
  id: line.id ?? randomUUID(),
  caseId: line.caseId ?? null,
}));

/** No line twice, and no case twice: `items.3.caseId: repeats line 1`. */
const uniqueLines = <T extends { id?: string; caseId?: string | null }>(lines: T[], ctx: z.RefinementCtx) => {
  const seen = new Map<string, number>();
  lines.forEach((line, i) => {
    for (const key of [line.id ? `id:${line.id}` : null, line.caseId ? `case:${line.caseId}` : null]) {
      if (!key) continue;
      if (seen.has(key)) {
        const field = key.startsWith('case') ? 'caseId' : 'id';
        ctx.addIssue({ code: 'custom', path: [i, field], message: `repeats line ${seen.get(key)! + 1}` });
      }
      seen.set(key, i);
    }
  });
};

export const agendaLines = z.array(agendaLine).max(100).superRefine(uniqueLines);

export const meetingInput = z
  .strictObject({
    meetingId: uuidSchema.optional(),
    committee: z.strictObject({ code: committeeCode, name: text(300) }),
    startsAt: meetingTime,
    endsAt: meetingTime,
    place,
    chair: personRef.nullable().default(null),
    minuteTaker: personRef.nullable().default(null),
    nextMeetingNote: note.nullable().default(null),
    noticeDays: z.int().min(0).max(60),
    reminderOffsets: reminderOffsets.default(['P2D']),
    members: z.array(z.strictObject({ personId: uuidSchema, name: text(200), email })).max(500),
  })
  .refine((m) => m.endsAt > m.startsAt, { message: 'must be after startsAt', path: ['endsAt'] });

const attendanceEntry = z
  .strictObject({
    personId: uuidSchema,
    status: attendanceStatus,
    standsInForPersonId: uuidSchema.nullable().default(null),
  })
  .superRefine((e, ctx) => {
    if (e.standsInForPersonId === e.personId) {
      ctx.addIssue({ code: 'custom', path: ['standsInForPersonId'], message: 'a person cannot stand in for themself' });
    }
    if (e.standsInForPersonId && e.status === 'absent') {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'a vara standing in is present or remote' });
    }
  });

/** The payload of each meeting event, besides `type`. */
export const meetingEvents = {
  agendaUpdated: z.strictObject({ items: agendaLines }),
  agendaItemAdded: z.strictObject({ item: agendaLine }),
  meetingUpdated: z.strictObject({
    place: place.optional(),
    chair: personRef.nullable().optional(),
    minuteTaker: personRef.nullable().optional(),
    nextMeetingNote: note.nullable().optional(),
  }),
  attendanceAnswered: z.strictObject({ personId: uuidSchema, status: attendanceStatus }),
  attendanceRecorded: z.strictObject({
    entries: distinct(attendanceEntry, 'a person', (e) => e.personId)
      .min(1)
      .max(500),
  }),
  meetingCancelled: z.strictObject({ reason }),
  reminderDue: z.strictObject({ offset: isoDuration }),
  none: z.strictObject({}),
};

/**
 * POST /committees/{code}/meetings. The times are checked by the meetings service with `meetingTime` once the
 * caller may plan meetings at all (a member learns they may not before being told how to write a time).
 */
export const createMeetingRequest = z.strictObject({
  startsAt: z
    .string()
    .max(40)
    .meta({ example: '2024-04-17T13:00:00+02:00', description: 'ISO 8601 date-time with offset' }),
  endsAt: z.string().max(40).meta({ example: '2024-04-17T17:00:00+02:00' }),
  place: place.meta({ example: '1930 M11' }),
  chairPersonId: uuidSchema.optional().meta({ description: 'Møteleder (a person)' }),
  minuteTakerPersonId: uuidSchema.optional().meta({ description: 'Referent (a person)' }),
  nextMeetingNote: note.optional().meta({ example: '19.06.24', description: '«Neste møte» in the referat' }),
  reminderOffsets: reminderOffsets.optional().meta({
    example: ['P2D'],
    description: 'Reminders before the meeting to members who have not answered',
  }),
});

/** PUT /meetings/{id}/agenda */
export const replaceAgendaRequest = z.strictObject({
  items: z
    .array(agendaLineInput)
    .max(100)
    .superRefine(uniqueLines)
    .meta({ description: 'The whole sakliste, in order; checked line by line (`items.3.caseId`)' }),
});

/** POST /meetings/{id}/attendance */
export const attendanceRequest = z.strictObject({
  personId: uuidSchema.optional().meta({
    description: 'Defaults to the caller. Members answer for themselves; the secretariat for anyone',
  }),
  status: attendanceStatus.meta({ description: 'present (møter), remote (Teams), absent (forfall)' }),
  standsInForPersonId: uuidSchema.optional().meta({ description: 'Once held: the member this vara stands in for' }),
});

/** POST /meetings/{id}/cancel */
export const cancelMeetingRequest = z.strictObject({ reason: reason.meta({ example: 'For få medlemmer kan møte' }) });
