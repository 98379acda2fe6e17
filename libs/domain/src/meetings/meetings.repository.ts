import { isUuid, notFound, type Queryable } from '@samflyt/engine';
import type { MeetingContext } from '@samflyt/workflows';

export interface CommitteeRow {
  id: string;
  code: string;
  name: string;
  noticeDays: number;
}

export interface MeetingRow {
  id: string;
  committeeId: string;
  committeeCode: string;
  committeeName: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  chairPersonId: string | null;
  minuteTakerPersonId: string | null;
  nextMeetingNote: string | null;
  instanceId: string;
  state: string;
}

/** A line of a meeting's sakliste as stored, with its case's number, state and track through meetings. */
export interface AgendaItemRow {
  id: string;
  position: number;
  kind: string;
  caseId: string | null;
  title: string | null;
  details: string | null;
  /** `13:10`, or null: right after the line before. */
  startsAt: string | null;
  durationMinutes: number | null;
  responsible: string | null;
  number: number | null;
  year: number | null;
  caseTitle: string | null;
  caseState: string | null;
  outcome: string | null;
  caseHistory: { meetingId: string; startsAt: string; outcome: string }[];
}

export interface AttendanceRow {
  personId: string;
  name: string;
  status: string;
  standsInForPersonId: string | null;
  respondedAt: Date | string | null;
  recordedAt: Date | string | null;
}

export type Invitee = MeetingContext['members'][number];

const MEETING_SELECT = `
  SELECT m.id, m.committee_id AS "committeeId", c.code AS "committeeCode", c.name AS "committeeName",
         m.starts_at AS "startsAt", m.ends_at AS "endsAt", m.place, m.chair_person_id AS "chairPersonId",
         m.minute_taker_person_id AS "minuteTakerPersonId", m.next_meeting_note AS "nextMeetingNote",
         m.instance_id AS "instanceId", wi.state
    FROM meetings m JOIN committees c ON c.id = m.committee_id JOIN workflow_instances wi ON wi.id = m.instance_id`;

/** Meetings, their sakliste and attendance: plain queries over the rows the meeting workflow projects. */
export class MeetingsRepository {
  constructor(private readonly db: Queryable) {}

  async committee(code: string): Promise<CommitteeRow> {
    const [row] = (await this.db.query(
      `SELECT id, code, name, notice_days AS "noticeDays" FROM committees WHERE code = $1`,
      [code],
    )) as CommitteeRow[];
    if (!row) throw notFound(`committee with code "${code}"`);
    return row;
  }

  async meeting(id: string): Promise<MeetingRow> {
    const row = await this.findMeeting(id);
    if (!row) throw notFound(`meeting with id "${id}"`);
    return row;
  }

  async findMeeting(id: string): Promise<MeetingRow | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = (await this.db.query(`${MEETING_SELECT} WHERE m.id = $1`, [id])) as MeetingRow[];
    return row;
  }

  /** A committee's meetings, oldest first. */
  meetingsOf(committeeId: string): Promise<MeetingRow[]> {
    return this.db.query(`${MEETING_SELECT} WHERE m.committee_id = $1 ORDER BY m.starts_at`, [committeeId]);
  }

  async personNames(ids: string[]): Promise<Map<string, string>> {
    const rows = (await this.db.query(`SELECT id, name FROM persons WHERE id = ANY($1::uuid[])`, [
      ids.filter(isUuid),
    ])) as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /**
   * Who is called to a meeting: the committee's members with a seat on the day (leder, nestleder,
   * medlem, observatør), with e-mail. A vara is called in by the secretariat when a member has forfall.
   */
  invitees(committeeId: string, startsAt: string): Promise<Invitee[]> {
    return this.db.query(
      `SELECT DISTINCT ON (p.id) p.id AS "personId", p.name, p.email
         FROM memberships ms JOIN persons p ON p.id = ms.person_id
        WHERE ms.committee_id = $1 AND ms.role IN ('leder', 'nestleder', 'medlem', 'observatør')
          AND ms.valid_from <= ($2::timestamptz AT TIME ZONE 'Europe/Oslo')::date
          AND (ms.valid_to IS NULL OR ms.valid_to >= ($2::timestamptz AT TIME ZONE 'Europe/Oslo')::date)
        ORDER BY p.id`,
      [committeeId, startsAt],
    );
  }

  /** The sakliste in order, each case with its state now, its outcome here and its meetings. */
  agendaItems(meetingId: string): Promise<AgendaItemRow[]> {
    return this.db.query(
      `SELECT ai.id, ai.position, ai.kind, ai.case_id AS "caseId", ai.title, ai.details,
              to_char(ai.starts_at, 'HH24:MI') AS "startsAt", ai.duration_minutes AS "durationMinutes", ai.responsible,
              k.number, k.year, k.title AS "caseTitle", wi.state AS "caseState", cm.outcome,
              coalesce((SELECT json_agg(json_build_object('meetingId', t.meeting_id, 'startsAt', tm.starts_at,
                                                         'outcome', t.outcome) ORDER BY tm.starts_at)
                          FROM case_meetings t JOIN meetings tm ON tm.id = t.meeting_id
                         WHERE t.case_id = ai.case_id), '[]') AS "caseHistory"
         FROM agenda_items ai
         LEFT JOIN cases k ON k.id = ai.case_id
         LEFT JOIN workflow_instances wi ON wi.id = k.instance_id
         LEFT JOIN case_meetings cm ON cm.case_id = ai.case_id AND cm.meeting_id = ai.meeting_id
        WHERE ai.meeting_id = $1 ORDER BY ai.position`,
      [meetingId],
    );
  }

  /** Answers and attendance, by name. */
  attendance(meetingId: string): Promise<AttendanceRow[]> {
    return this.db.query(
      `SELECT a.person_id AS "personId", p.name, a.status, a.stands_in_for_person_id AS "standsInForPersonId",
              a.responded_at AS "respondedAt", a.recorded_at AS "recordedAt"
         FROM attendance a JOIN persons p ON p.id = a.person_id WHERE a.meeting_id = $1 ORDER BY p.name`,
      [meetingId],
    );
  }
}
