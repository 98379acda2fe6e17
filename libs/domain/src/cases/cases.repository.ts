import { isUuid, notFound, type Queryable } from '@samflyt/engine';
import { caseRef } from '@samflyt/workflows';

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

/** What a case's view shows beside its workflow's context: the rows its projection wrote. */
export interface CaseRecord {
  resolution: string | null;
  minutesText: string | null;
  meetings: {
    meetingId: string;
    startsAt: string;
    outcome: string;
    resolution: string | null;
    minutesText: string | null;
  }[];
  inputs: { text: string; author: string | null; meetingId: string | null; createdAt: string }[];
  assignments: { instanceId: string; state: string; title: string }[];
}

/** Cases (saker): plain queries over the rows the case workflow projects. */
export class CasesRepository {
  constructor(private readonly db: Queryable) {}

  async case(id: string): Promise<CaseRow> {
    const [row] = await this.cases([id]);
    if (!row) throw notFound(`case with id "${id}"`);
    return row;
  }

  /** The cases with these ids that exist, in number order (ids that are not uuids match nothing). */
  async cases(ids: string[]): Promise<CaseRow[]> {
    const rows = (await this.db.query(
      `SELECT k.id, k.committee_id AS "committeeId", c.code AS "committeeCode", c.name AS "committeeName", k.year,
              k.number, k.title, k.instance_id AS "instanceId", k.meeting_id AS "meetingId", wi.state
         FROM cases k JOIN committees c ON c.id = k.committee_id JOIN workflow_instances wi ON wi.id = k.instance_id
        WHERE k.id = ANY($1::uuid[]) ORDER BY k.year, k.number`,
      [ids.filter(isUuid)],
    )) as Omit<CaseRow, 'ref'>[];
    return rows.map((r) => ({ ...r, ref: caseRef(r.number, r.year) }));
  }

  /** A committee's cases (of a year), in number order. */
  async casesOf(committeeId: string, year: number | null): Promise<CaseRow[]> {
    const ids = (await this.db.query(
      `SELECT id FROM cases WHERE committee_id = $1 AND ($2::int IS NULL OR year = $2) ORDER BY year, number`,
      [committeeId, year],
    )) as { id: string }[];
    return this.cases(ids.map((r) => r.id));
  }

  /** Case id → outcome on this meeting's track (`scheduled`, `postponed`, …). */
  async trackOn(meetingId: string): Promise<Map<string, string>> {
    const rows = (await this.db.query(`SELECT case_id, outcome FROM case_meetings WHERE meeting_id = $1`, [
      meetingId,
    ])) as { case_id: string; outcome: string }[];
    return new Map(rows.map((r) => [r.case_id, r.outcome]));
  }

  /** The vedtak, the meetings, innspill and assignments of a case. */
  async record(id: string): Promise<CaseRecord> {
    const [row] = (await this.db.query(
      `SELECT k.resolution, k.minutes_text AS "minutesText",
              coalesce((SELECT json_agg(json_build_object('meetingId', t.meeting_id, 'startsAt', m.starts_at, 'outcome', t.outcome,
                          'resolution', t.resolution, 'minutesText', t.minutes_text) ORDER BY m.starts_at)
                          FROM case_meetings t JOIN meetings m ON m.id = t.meeting_id WHERE t.case_id = k.id), '[]') AS meetings,
              coalesce((SELECT json_agg(json_build_object('text', i.text, 'author', i.author, 'meetingId', i.meeting_id,
                          'createdAt', i.created_at) ORDER BY i.created_at, i.id)
                          FROM case_inputs i WHERE i.case_id = k.id), '[]') AS inputs,
              coalesce((SELECT json_agg(json_build_object('instanceId', a.instance_id, 'state', wi.state,
                          'title', wi.snapshot #>> '{context,title}') ORDER BY wi.created_at)
                          FROM case_assignments a JOIN workflow_instances wi ON wi.id = a.instance_id
                         WHERE a.case_id = k.id), '[]') AS assignments
         FROM cases k WHERE k.id = $1`,
      [id],
    )) as CaseRecord[];
    const iso = (at: string) => new Date(at).toISOString();
    return {
      ...row,
      meetings: row.meetings.map((m) => ({ ...m, startsAt: iso(m.startsAt) })),
      inputs: row.inputs.map((i) => ({ ...i, createdAt: iso(i.createdAt) })),
    };
  }
}
