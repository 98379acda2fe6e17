import type { InstanceView, TimerView } from '@samflyt/engine';
import { caseRef, timedAgenda, type AgendaLine, type MeetingContext } from '@samflyt/workflows';
import type { AgendaItemRow, AttendanceRow, MeetingRow } from './meetings.repository';

export interface AgendaItemView {
  id: string;
  position: number;
  kind: string;
  caseId: string | null;
  caseRef: string | null;
  title: string | null;
  details: string | null;
  startsAt: string | null;
  endsAt: string | null;
  durationMinutes: number | null;
  responsible: string | null;
  /** The case's state now (`onAgenda`, `decided`, …) and its outcome on this meeting (`postponed`, …). */
  caseState: string | null;
  outcome: string | null;
  /** The case's track through meetings, oldest first: where it came from and where it went. */
  caseHistory: { meetingId: string; startsAt: string; outcome: string }[];
}

export interface MeetingView {
  id: string;
  committee: { code: string; name: string };
  startsAt: string;
  endsAt: string;
  place: string;
  chair: { personId: string; name: string } | null;
  minuteTaker: { personId: string; name: string } | null;
  nextMeetingNote: string | null;
  noticeDays: number;
  instanceId: string;
  state: string;
  revision: number;
  allowedEvents: string[];
  timers: TimerView[];
  invited: { personId: string; name: string; email: string }[];
  agenda: AgendaItemView[];
  attendance: {
    personId: string;
    name: string;
    status: string;
    standsInForPersonId: string | null;
    respondedAt: string | null;
    recordedAt: string | null;
  }[];
}

const isoOrNull = (at: Date | string | null): string | null => (at ? new Date(at).toISOString() : null);

/**
 * Pure: a meeting as the API shows it, from its row, its instance and the rows of its sakliste and attendance.
 * The sakliste's times are the «Kl.» column: a line without a start time starts when the one before ends.
 */
export function meetingView(
  m: MeetingRow,
  instance: InstanceView,
  items: AgendaItemRow[],
  attendance: AttendanceRow[],
): MeetingView {
  const c = instance.context as MeetingContext;
  const timed = timedAgenda(items as unknown as AgendaLine[], m.startsAt.toISOString());
  return {
    id: m.id,
    committee: { code: m.committeeCode, name: m.committeeName },
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    place: m.place,
    chair: c.chair,
    minuteTaker: c.minuteTaker,
    nextMeetingNote: m.nextMeetingNote,
    noticeDays: c.noticeDays,
    instanceId: instance.id,
    state: instance.state,
    revision: instance.revision,
    allowedEvents: instance.allowedEvents,
    timers: instance.timers,
    invited: c.members,
    agenda: items.map(({ number, year, caseTitle, ...item }, i) => ({
      ...item,
      caseRef: number !== null && year !== null ? caseRef(number, year) : null,
      title: item.title ?? caseTitle,
      startsAt: timed[i].from?.replace('.', ':') ?? null,
      endsAt: timed[i].to?.replace('.', ':') ?? null,
      caseHistory: item.caseHistory.map((h) => ({ ...h, startsAt: new Date(h.startsAt).toISOString() })),
    })),
    attendance: attendance.map((a) => ({
      ...a,
      respondedAt: isoOrNull(a.respondedAt),
      recordedAt: isoOrNull(a.recordedAt),
    })),
  };
}
