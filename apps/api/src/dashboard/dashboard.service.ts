import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DeadlinePageDto, InstancePageDto, MessagePageDto, MyVoteDto } from './dashboard.dto';
import type { PageQuery } from './page-query';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** Text fields of a process' context that name it, whatever the workflow (assignment, vote, case, meeting …). */
const TITLE = `coalesce(i.snapshot->'context'->>'title', i.snapshot->'context'->'case'->>'title',
  i.snapshot->'context'->'committee'->>'name', i.workflow)`;
/**
 * The timers that are someone's deadline: `deadline`, and the grant processes' own (a round's closing time and
 * scoring deadline, an applicant's deadline for more information). A draft application's `closes` is not listed.
 */
const DEADLINE_TIMER = `(t.name = 'deadline'
  OR (i.workflow = 'grant-round' AND t.name IN ('closes', 'scoring-deadline'))
  OR (i.workflow = 'grant-application' AND t.name = 'info-deadline'))`;
const CASE_REF = `coalesce(i.snapshot->'context'->>'caseRef', i.snapshot->'context'->'case'->>'ref')`;

/**
 * Read models for the secretariat's dashboard and a member's own open votes. Plain SQL over the engine's tables
 * and the domain rows: a workflow that arms a timer named `deadline` (or has a state `overdue`) shows up here
 * without changes, so grant rounds and hearings will too.
 */
@Injectable()
export class DashboardService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async deadlines(
    days: number,
    filter: { kind: string | null; overdueOnly: boolean },
    page: PageQuery,
  ): Promise<DeadlinePageDto> {
    const rows = (await this.db.query(
      `WITH items AS (
         SELECT i.workflow AS kind, i.id AS instance_id, NULL::uuid AS meeting_id, ${TITLE} AS title,
                ${CASE_REF} AS case_ref, i.snapshot->'context'->'assignee'->>'name' AS responsible,
                i.state, t.due_at, t.due_at < now() AS overdue
           FROM workflow_timers t JOIN workflow_instances i ON i.id = t.instance_id
          WHERE t.status = 'pending' AND ${DEADLINE_TIMER} AND t.due_at < now() + make_interval(days => $1)
         UNION ALL
         SELECT i.workflow, i.id, NULL, ${TITLE}, ${CASE_REF}, i.snapshot->'context'->'assignee'->>'name',
                i.state, coalesce(d.due_at, i.updated_at), true
           FROM workflow_instances i
           LEFT JOIN LATERAL (SELECT max(t.due_at) AS due_at FROM workflow_timers t
                               WHERE t.instance_id = i.id AND t.name = 'deadline' AND t.status = 'fired') d ON true
          WHERE i.state = 'overdue'
         UNION ALL
         SELECT 'meeting', m.instance_id, m.id, c.name, NULL, c.code, coalesce(i.state, 'planned'), m.starts_at, false
           FROM meetings m JOIN committees c ON c.id = m.committee_id
           LEFT JOIN workflow_instances i ON i.id = m.instance_id
          WHERE m.starts_at >= now() AND m.starts_at < now() + make_interval(days => $1)
            AND coalesce(i.state, '') <> 'cancelled'
       )
       SELECT *, count(*) OVER () AS total
         FROM items
        WHERE ($2::text IS NULL OR kind = $2) AND (NOT $3 OR overdue)
        ORDER BY overdue DESC, due_at, title
        LIMIT $4 OFFSET $5`,
      [days, filter.kind, filter.overdueOnly, page.pageSize, page.offset],
    )) as Record<string, any>[];
    let total = rows.length ? Number(rows[0].total) : 0;
    // Past the last page no row carries the window's count: ask for the first page.
    if (rows.length === 0 && page.offset > 0)
      total = (await this.deadlines(days, filter, { ...page, page: 1, offset: 0 })).total;
    return {
      page: page.page,
      pageSize: page.pageSize,
      total,
      overdueCount: await this.overdueCount(),
      items: rows.map((r) => ({
        kind: r.kind,
        instanceId: r.instance_id,
        meetingId: r.meeting_id,
        title: r.title,
        caseRef: r.case_ref,
        responsible: r.responsible,
        state: r.state,
        dueAt: iso(r.due_at)!,
        overdue: r.overdue,
      })),
    };
  }

  /** Overdue items regardless of the filters (the dashboard's headline figure). */
  private async overdueCount(): Promise<number> {
    const [row] = (await this.db.query(
      `SELECT (SELECT count(*) FROM workflow_timers t JOIN workflow_instances i ON i.id = t.instance_id
                WHERE t.status = 'pending' AND ${DEADLINE_TIMER} AND t.due_at < now())
            + (SELECT count(*) FROM workflow_instances WHERE state = 'overdue') AS n`,
    )) as { n: string }[];
    return Number(row.n);
  }

  async messages(
    filter: { status: string | null; instanceId: string | null; q: string | null },
    page: PageQuery,
  ): Promise<MessagePageDto> {
    const where = `($1::text IS NULL OR o.status = $1) AND ($2::uuid IS NULL OR o.instance_id = $2)
      AND ($3::text IS NULL OR o.recipient ILIKE '%' || $3 || '%' OR o.recipient_name ILIKE '%' || $3 || '%'
           OR o.subject ILIKE '%' || $3 || '%')`;
    const params = [filter.status, filter.instanceId, filter.q?.replace(/[%_\\]/g, (c) => `\\${c}`) ?? null];
    const [{ total }] = (await this.db.query(
      `SELECT count(*)::int AS total FROM outbox_messages o WHERE ${where}`,
      params,
    )) as {
      total: number;
    }[];
    const rows = (await this.db.query(
      `SELECT o.*, i.workflow FROM outbox_messages o LEFT JOIN workflow_instances i ON i.id = o.instance_id
        WHERE ${where} ORDER BY o.created_at DESC, o.id LIMIT $4 OFFSET $5`,
      [...params, page.pageSize, page.offset],
    )) as Record<string, any>[];
    return {
      page: page.page,
      pageSize: page.pageSize,
      total,
      items: rows.map((r) => ({
        id: r.id,
        instanceId: r.instance_id,
        workflow: r.workflow ?? null,
        recipient: r.recipient,
        recipientName: r.recipient_name,
        subject: r.subject,
        body: r.body,
        status: r.status,
        attempts: r.attempts,
        lastError: r.last_error,
        createdAt: iso(r.created_at)!,
        sentAt: iso(r.sent_at),
      })),
    };
  }

  async instances(
    filter: { workflow: string | null; state: string | null; q: string | null },
    page: PageQuery,
  ): Promise<InstancePageDto> {
    const where = `($1::text IS NULL OR i.workflow = $1) AND ($2::text IS NULL OR i.state = $2)
      AND ($3::text IS NULL OR ${TITLE} ILIKE '%' || $3 || '%' OR coalesce(${CASE_REF}, '') ILIKE '%' || $3 || '%')`;
    const params = [filter.workflow, filter.state, filter.q?.replace(/[%_\\]/g, (c) => `\\${c}`) ?? null];
    const [{ total }] = (await this.db.query(
      `SELECT count(*)::int AS total FROM workflow_instances i WHERE ${where}`,
      params,
    )) as {
      total: number;
    }[];
    const rows = (await this.db.query(
      `SELECT i.id, i.workflow, i.version, i.state, i.status, ${TITLE} AS title, ${CASE_REF} AS case_ref,
              i.created_at, i.updated_at
         FROM workflow_instances i WHERE ${where} ORDER BY i.updated_at DESC, i.id LIMIT $4 OFFSET $5`,
      [...params, page.pageSize, page.offset],
    )) as Record<string, any>[];
    return {
      page: page.page,
      pageSize: page.pageSize,
      total,
      items: rows.map((r) => ({
        id: r.id,
        workflow: r.workflow,
        version: r.version,
        state: r.state,
        status: r.status,
        title: r.title,
        caseRef: r.case_ref,
        createdAt: iso(r.created_at)!,
        updatedAt: iso(r.updated_at)!,
      })),
    };
  }

  /** Open votes the person may vote in, with whether they have. */
  async myVotes(personId: string | null): Promise<MyVoteDto[]> {
    if (!personId) return [];
    const rows = (await this.db.query(
      `SELECT v.id, v.case_id, v.mode, v.deadline, c.title, c.number, c.year, cm.code,
              EXISTS (SELECT 1 FROM ballots b WHERE b.vote_id = v.id AND b.person_id = $1) AS voted
         FROM votes v JOIN cases c ON c.id = v.case_id JOIN committees cm ON cm.id = c.committee_id
        WHERE v.state = 'open' AND v.eligible @> jsonb_build_array(jsonb_build_object('personId', $1::text))
        ORDER BY v.deadline NULLS LAST, v.opened_at`,
      [personId],
    )) as Record<string, any>[];
    return rows.map((r) => ({
      voteId: r.id,
      caseId: r.case_id,
      caseRef: `${r.number}/${String(r.year).slice(-2)}`,
      caseTitle: r.title,
      committeeCode: r.code,
      mode: r.mode,
      deadline: iso(r.deadline),
      voted: r.voted,
    }));
  }
}
