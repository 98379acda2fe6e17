import type { Queryable } from '@samflyt/engine';
import type { AgendaLine } from '@samflyt/workflows';
import type { MeetingRow } from '../meetings.repository';
import type { SeatRow } from './attendance-groups';

/** A line of the sakliste with what the referat prints of its case at this meeting. */
export interface MinutesLineRow extends AgendaLine {
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
}

const ROLE_ORDER = `ARRAY['leder','nestleder','medlem','observatør','vara','sekretariat']`;

/** The rows a meeting's referat is made of: plain queries, no workflow state needed. */
export class MinutesRepository {
  constructor(private readonly db: Queryable) {}

  /** Everyone with a seat in the committee on the day, and anyone else recorded at the meeting. */
  seats(m: MeetingRow): Promise<SeatRow[]> {
    return this.db.query(
      `WITH day AS (SELECT ($2::timestamptz AT TIME ZONE 'Europe/Oslo')::date AS d),
       seat AS (
         SELECT DISTINCT ON (ms.person_id) ms.person_id, ms.role, ms.party, ms.represents, o.name AS organisation
           FROM memberships ms LEFT JOIN organisations o ON o.id = ms.organisation_id, day
          WHERE ms.committee_id = $3 AND ms.valid_from <= day.d AND (ms.valid_to IS NULL OR ms.valid_to >= day.d)
          ORDER BY ms.person_id, array_position(${ROLE_ORDER}, ms.role))
       SELECT p.id AS "personId", p.name, s.role, s.party, s.represents, s.organisation, a.status,
              sp.name AS "standsInForName"
         FROM persons p
         LEFT JOIN seat s ON s.person_id = p.id
         LEFT JOIN attendance a ON a.meeting_id = $1 AND a.person_id = p.id
         LEFT JOIN persons sp ON sp.id = a.stands_in_for_person_id
        WHERE s.person_id IS NOT NULL OR a.person_id IS NOT NULL
        ORDER BY array_position(${ROLE_ORDER}, s.role), p.name`,
      [m.id, m.startsAt, m.committeeId],
    );
  }

  /** The sakliste in order, each case with its proposal, referat, innspill and what was resolved at this meeting. */
  lines(meetingId: string): Promise<MinutesLineRow[]> {
    return this.db.query(
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
      [meetingId],
    );
  }
}
