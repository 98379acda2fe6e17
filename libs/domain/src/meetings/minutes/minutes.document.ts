import { OSLO } from '@samflyt/engine';
import { caseRef, clockRange, timedAgenda } from '@samflyt/workflows';
import { DateTime } from 'luxon';
import type { MeetingRow } from '../meetings.repository';
import { attendanceGroups, type AttendanceGroup, type SeatRow } from './attendance-groups';
import type { MinutesLineRow } from './minutes.repository';

export interface SaklisteLine {
  /** «13.00-13.10» */
  clock: string;
  /** «15/24 UTSATT», «09/24», or empty for a break. */
  caseRef: string;
  title: string;
  details: string[];
  responsible: string;
  /** «10» */
  minutes: string;
}

export interface CaseSection {
  ref: string;
  title: string;
  committee: string;
  date: string;
  responsible: string;
  caseOfficer: string | null;
  proposal: string;
  minutesText: string | null;
  inputs: string[];
  /** What was resolved at this meeting; null when the case is still undecided. */
  resolution: string | null;
  outcome: string;
}

/** Everything the referat shows, in its order; rendered to Markdown and PDF. */
export interface MinutesDocument {
  title: string;
  committee: { code: string; name: string };
  /** «17.04.24», «17.04.2024», «13.00 – 17.00» */
  date: string;
  longDate: string;
  time: string;
  place: string;
  nextMeeting: string;
  chair: string;
  minuteTaker: string;
  attendance: AttendanceGroup[];
  sakliste: SaklisteLine[];
  cases: CaseSection[];
}

const MARKS: Record<string, string> = { postponed: ' UTSATT', withdrawn: ' TRUKKET' };

/** Pure: the referat of a meeting from its row, who chaired and wrote it, its seats and its sakliste's rows. */
export function minutesDocument(
  m: MeetingRow,
  names: { chair: string; minuteTaker: string },
  seats: SeatRow[],
  lines: MinutesLineRow[],
): MinutesDocument {
  const start = DateTime.fromJSDate(m.startsAt, { zone: OSLO });
  const end = DateTime.fromJSDate(m.endsAt, { zone: OSLO });
  const longDate = start.toFormat('dd.MM.yyyy');
  const timed = timedAgenda(lines, m.startsAt.toISOString());
  return {
    title: `MØTEREFERAT - ${m.committeeName.toUpperCase()} (${m.committeeCode})`,
    committee: { code: m.committeeCode, name: m.committeeName },
    date: start.toFormat('dd.MM.yy'),
    longDate,
    time: `${start.toFormat('HH.mm')} – ${end.toFormat('HH.mm')}`,
    place: m.place,
    nextMeeting: m.nextMeetingNote ?? '',
    chair: names.chair,
    minuteTaker: names.minuteTaker,
    attendance: attendanceGroups(seats),
    sakliste: lines.map((l, i) => ({
      clock: clockRange(timed[i]),
      caseRef: l.number !== null && l.year !== null ? `${caseRef(l.number, l.year)}${MARKS[l.outcome] ?? ''}` : '',
      title: l.title ?? '',
      details: l.details ? l.details.split('\n').filter(Boolean) : [],
      responsible: l.responsible ?? '',
      minutes: l.durationMinutes === null ? '' : String(l.durationMinutes),
    })),
    cases: lines
      .filter((l) => l.number !== null && l.year !== null)
      .map((l) => ({
        ref: caseRef(l.number!, l.year!),
        title: l.caseTitle ?? '',
        committee: m.committeeName,
        date: longDate,
        responsible: l.caseResponsible ?? '',
        caseOfficer: l.caseOfficer,
        proposal: l.proposal ?? '',
        minutesText: l.minutesText,
        inputs: l.inputs,
        resolution: l.resolution,
        outcome: l.outcome,
      })),
  };
}
