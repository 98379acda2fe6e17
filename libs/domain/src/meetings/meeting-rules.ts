import type { FieldError } from '@samflyt/engine';
import { meetingTime, type AttendanceEntry, type PresenceStatus } from '@samflyt/workflows';

export interface AttendanceAnswer {
  /** Defaults to the caller, when they are called to the meeting. */
  personId?: string;
  status: PresenceStatus;
  standsInForPersonId?: string | null;
}

export type AttendanceEvent =
  | { type: 'attendance.recorded'; entries: AttendanceEntry[] }
  | { type: 'attendance.answered'; personId: string; status: PresenceStatus };

/**
 * What is wrong with a new meeting: times that are not date-times with an offset, an end before the start, and
 * people it names (møteleder, referent) that the register does not know.
 */
export function planErrors(
  body: { startsAt: string; endsAt: string; chairPersonId?: string | null; minuteTakerPersonId?: string | null },
  known: ReadonlyMap<string, string>,
): FieldError[] {
  const times = (['startsAt', 'endsAt'] as const).map((field) => ({
    field,
    parsed: meetingTime.safeParse(body[field]),
  }));
  const [starts, ends] = times.map((t) => t.parsed.data);
  return [
    ...times.flatMap(({ field, parsed }) =>
      parsed.success ? [] : [{ field, message: parsed.error.issues[0].message }],
    ),
    ...(starts && ends && ends <= starts ? [{ field: 'endsAt', message: 'must be after startsAt' }] : []),
    ...(['chairPersonId', 'minuteTakerPersonId'] as const)
      .filter((field) => body[field] && !known.has(body[field]!))
      .map((field) => ({ field, message: 'no person with this id' })),
  ];
}

/**
 * Before the meeting, a person's answer (`attendance.answered`); once it is held, the attendance as recorded
 * (`attendance.recorded`), where a vara may stand in for a named member. 400 naming the field otherwise.
 */
export function attendanceEvent(
  meetingState: string,
  personId: string | undefined,
  answer: AttendanceAnswer,
): AttendanceEvent | FieldError {
  if (!personId) {
    return { field: 'personId', message: 'is required: you are not among those called to this meeting' };
  }
  if (meetingState === 'held') {
    const entry = { personId, status: answer.status, standsInForPersonId: answer.standsInForPersonId ?? null };
    return { type: 'attendance.recorded', entries: [entry] };
  }
  if (answer.standsInForPersonId) {
    return { field: 'standsInForPersonId', message: 'a vara standing in is recorded when the meeting is held' };
  }
  return { type: 'attendance.answered', personId, status: answer.status };
}
