import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { OSLO } from '@samflyt/engine';

export const AGENDA_KINDS = ['case', 'break', 'other'] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];

/** One line of the sakliste, as the meeting's context keeps it for the notice (innkalling). */
export interface AgendaLine {
  id: string;
  kind: AgendaKind;
  caseId: string | null;
  /** `15/24`, for the notice; the minutes read the number from `cases`. */
  caseRef: string | null;
  /** The sakliste's wording; for a case, null means the case's title. */
  title: string | null;
  /** Sub-points, one per line. */
  details: string | null;
  /** `13:10` (Oslo time); null means right after the line before. */
  startsAt: string | null;
  durationMinutes: number | null;
  /** «Ansvarlig». */
  responsible: string | null;
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((s) => (s ? s : null));

/**
 * An agenda line as sent. `kind: "case"` needs `caseId`; a break or another point needs a `title`
 * and no case. Errors name the field: `items.3.caseId`.
 */
export const agendaLine = z
  .strictObject({
    id: z
      .uuid()
      .optional()
      .transform((id) => id ?? randomUUID()),
    kind: z.enum(AGENDA_KINDS),
    caseId: z.uuid().nullable().optional(),
    caseRef: optionalText(20),
    title: optionalText(500),
    details: optionalText(5_000),
    startsAt: z
      .string()
      .regex(/^([01]\d|2[0-3])[:.][0-5]\d$/, 'must be a time of day such as 13:10')
      .nullable()
      .optional()
      .transform((s) => (s ? s.replace('.', ':') : null)),
    durationMinutes: z
      .int()
      .min(0)
      .max(1440)
      .nullable()
      .optional()
      .transform((n) => n ?? null),
    responsible: optionalText(500),
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
  .transform((line): AgendaLine => ({ ...line, caseId: line.caseId ?? null }));

export const agendaLines = z
  .array(agendaLine)
  .max(100)
  .superRefine((lines, ctx) => {
    const seen = new Map<string, number>();
    lines.forEach((line, i) => {
      for (const key of [`id:${line.id}`, line.caseId ? `case:${line.caseId}` : null]) {
        if (!key) continue;
        if (seen.has(key)) {
          const field = key.startsWith('case') ? 'caseId' : 'id';
          ctx.addIssue({ code: 'custom', path: [i, field], message: `repeats line ${seen.get(key)! + 1}` });
        }
        seen.set(key, i);
      }
    });
  });

export interface TimedLine extends AgendaLine {
  /** `13.00` and `13.10`, as the sakliste prints them; null when unknown. */
  from: string | null;
  to: string | null;
}

/**
 * The sakliste's «Kl.» column: a line without a start time starts when the one before ends (the
 * first, when the meeting starts).
 */
export function timedAgenda(lines: AgendaLine[], meetingStartsAt: string): TimedLine[] {
  let next: DateTime | null = DateTime.fromISO(meetingStartsAt, { zone: OSLO });
  const day = next.startOf('day');
  return lines.map((line) => {
    const start: DateTime | null = line.startsAt
      ? day.set({ hour: Number(line.startsAt.slice(0, 2)), minute: Number(line.startsAt.slice(3, 5)) })
      : next;
    const end = start && line.durationMinutes !== null ? start.plus({ minutes: line.durationMinutes }) : null;
    next = end;
    return { ...line, from: start ? start.toFormat('HH.mm') : null, to: end ? end.toFormat('HH.mm') : null };
  });
}

/** «13.00-13.10», «13.00», or empty. */
export const clockRange = (line: Pick<TimedLine, 'from' | 'to'>): string =>
  line.from && line.to ? `${line.from}-${line.to}` : (line.from ?? '');
