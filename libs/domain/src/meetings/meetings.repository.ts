import { isUuid, notFound } from '@samflyt/engine';
import { caseRef } from '@samflyt/workflows';
import type { DataSource } from 'typeorm';

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

export interface CaseRow {
  id: string;
  committeeId: string;
  committeeCode: string;
  committeeName: string;
  year: number;
  number: number;
  ref: string;
  title: string;
  instanceId: string;
  meetingId: string | null;
  state: string;
}

/** The reads the meeting and case services share: plain queries over the projected rows. */
export class MeetingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async committee(code: string): Promise<CommitteeRow> {
    const [row] = (await this.dataSource.query(
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
    const [row] = isUuid(id) ? await this.meetings(`m.id = $1`, [id]) : [];
    return row;
  }

  async meetings(where: string, params: unknown[]): Promise<MeetingRow[]> {
    return (await this.dataSource.query(
      `SELECT m.id, m.committee_id AS "committeeId", c.code AS "committeeCode", c.name AS "committeeName",
              m.starts_at AS "startsAt", m.ends_at AS "endsAt", m.place, m.chair_person_id AS "chairPersonId",
              m.minute_taker_person_id AS "minuteTakerPersonId", m.next_meeting_note AS "nextMeetingNote",
              m.instance_id AS "instanceId", wi.state
         FROM meetings m JOIN committees c ON c.id = m.committee_id JOIN workflow_instances wi ON wi.id = m.instance_id
        WHERE ${where} ORDER BY m.starts_at`,
      params,
    )) as MeetingRow[];
  }

  async case(id: string): Promise<CaseRow> {
    const [row] = isUuid(id) ? await this.cases([id]) : [];
    if (!row) throw notFound(`case with id "${id}"`);
    return row;
  }

  /** The cases with these ids that exist, in number order (ids that are not uuids match nothing). */
  async cases(ids: string[]): Promise<CaseRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT k.id, k.committee_id AS "committeeId", c.code AS "committeeCode", c.name AS "committeeName", k.year,
              k.number, k.title, k.instance_id AS "instanceId", k.meeting_id AS "meetingId", wi.state
         FROM cases k JOIN committees c ON c.id = k.committee_id JOIN workflow_instances wi ON wi.id = k.instance_id
        WHERE k.id = ANY($1::uuid[]) ORDER BY k.year, k.number`,
      [ids.filter(isUuid)],
    )) as Omit<CaseRow, 'ref'>[];
    return rows.map((r) => ({ ...r, ref: caseRef(r.number, r.year) }));
  }

  /** Case id → outcome on this meeting's track (`scheduled`, `postponed`, …). */
  async trackOn(meetingId: string): Promise<Map<string, string>> {
    const rows = (await this.dataSource.query(`SELECT case_id, outcome FROM case_meetings WHERE meeting_id = $1`, [
      meetingId,
    ])) as { case_id: string; outcome: string }[];
    return new Map(rows.map((r) => [r.case_id, r.outcome]));
  }

  async personNames(ids: string[]): Promise<Map<string, string>> {
    const rows = (await this.dataSource.query(`SELECT id, name FROM persons WHERE id = ANY($1::uuid[])`, [
      ids.filter(isUuid),
    ])) as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /**
   * Who is called to a meeting: the committee's members with a seat on the day (leder, nestleder,
   * medlem, observatør), with e-mail. A vara is called in by the secretariat when a member has forfall.
   */
  async invitees(committeeId: string, startsAt: string): Promise<{ personId: string; name: string; email: string }[]> {
    return (await this.dataSource.query(
      `SELECT DISTINCT ON (p.id) p.id AS "personId", p.name, p.email
         FROM memberships ms JOIN persons p ON p.id = ms.person_id
        WHERE ms.committee_id = $1 AND ms.role IN ('leder', 'nestleder', 'medlem', 'observatør')
          AND ms.valid_from <= ($2::timestamptz AT TIME ZONE 'Europe/Oslo')::date
          AND (ms.valid_to IS NULL OR ms.valid_to >= ($2::timestamptz AT TIME ZONE 'Europe/Oslo')::date)
        ORDER BY p.id`,
      [committeeId, startsAt],
    )) as { personId: string; name: string; email: string }[];
  }
}
