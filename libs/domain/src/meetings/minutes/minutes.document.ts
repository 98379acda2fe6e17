import { OSLO } from '@samflyt/engine';
import { caseRef, clockRange, timedAgenda, type AgendaLine } from '@samflyt/workflows';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import type { MeetingRow } from '../meetings.repository';
import { attendanceGroups, type AttendanceGroup, type SeatRow } from './attendance-groups';

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

/** Reads a meeting's referat from the projected rows: plain queries, no workflow state needed. */
export async function minutesDocument(
  ds: DataSource,
  m: MeetingRow,
  names: { chair: string; minuteTaker: string },
): Promise<MinutesDocument> {
  const start = DateTime.fromJSDate(m.startsAt, { zone: OSLO });
  const end = DateTime.fromJSDate(m.endsAt, { zone: OSLO });
  const longDate = start.toFormat('dd.MM.yyyy');
  const seats = (await ds.query(
    `WITH day AS (SELECT ($2::timestamptz AT TIME ZONE 'Europe/Oslo')::date AS d),
     seat AS (
       SELECT DISTINCT ON (ms.person_id) ms.person_id, ms.role, ms.party, ms.represents, o.name AS organisation
         FROM memberships ms LEFT JOIN organisations o ON o.id = ms.organisation_id, day
        WHERE ms.committee_id = $3 AND ms.valid_from <= day.d AND (ms.valid_to IS NULL OR ms.valid_to >= day.d)
        ORDER BY ms.person_id, array_position(ARRAY['leder','nestleder','medlem','observatør','vara','sekretariat'], ms.role))
     SELECT p.id AS "personId", p.name, s.role, s.party, s.represents, s.organisation, a.status,
            sp.name AS "standsInForName"
       FROM persons p
       LEFT JOIN seat s ON s.person_id = p.id
       LEFT JOIN attendance a ON a.meeting_id = $1 AND a.person_id = p.id
       LEFT JOIN persons sp ON sp.id = a.stands_in_for_person_id
      WHERE s.person_id IS NOT NULL OR a.person_id IS NOT NULL
      ORDER BY array_position(ARRAY['leder','nestleder','medlem','observatør','vara','sekretariat'], s.role), p.name`,
    [m.id, m.startsAt, m.committeeId],
  )) as SeatRow[];
  const lines = (await ds.query(
    `SELECT ai.kind, ai.case_id AS "caseId", coalesce(ai.title, k.title) AS title, ai.details,
            to_char(ai.starts_at, 'HH24:MI') AS "startsAt", ai.duration_minutes AS "durationMinutes", ai.responsible,
            k.number, k.year, k.title AS "caseTitle", k.proposed_resolution AS proposal, k.responsible AS "caseResponsible",
            k.case_officer AS "caseOfficer", coalesce(cm.outcome, 'scheduled') AS outcome,
            coalesce(cm.resolution, CASE WHEN k.meeting_id = ai.meeting_id THEN k.resolution END) AS resolution,
            coalesce(cm.minutes_text, CASE WHEN k.meeting_id = ai.meeting_id THEN k.minutes_text END) AS "minutesText",
            coalesce((SELECT json_agg(i.text ORDER BY i.created_at, i.id) FROM case_inputs i
                       WHERE i.case_id = ai.case_id AND i.meeting_id = ai.meeting_id), '[]') AS inputs
       FROM agenda_items ai
       LEFT JOIN cases k ON k.id = ai.case_id
       LEFT JOIN case_meetings cm ON cm.case_id = ai.case_id AND cm.meeting_id = ai.meeting_id
      WHERE ai.meeting_id = $1 ORDER BY ai.position`,
    [m.id],
  )) as (AgendaLine & {
    number: number | null;
    year: number | null;
    caseTitle: string | null;
    proposal: string | null;
    caseResponsible: string | null;
    caseOfficer: string | null;
    outcome: string;
    resolution: string | null;
    minutesText: string | null;
    inputs: string[];
  })[];
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
