import { DateTime } from 'luxon';
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
