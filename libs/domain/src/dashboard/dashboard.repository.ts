import type { DataSource } from 'typeorm';
import { containing, offsetOf, queryPage, type Page, type PageRequest } from '../paging';

export interface DeadlineItem {
  /** The workflow (assignment, vote, …) or `meeting`. */
  kind: string;
  instanceId: string | null;
  meetingId: string | null;
  title: string;
  caseRef: string | null;
  responsible: string | null;
  state: string;
  dueAt: string;
  overdue: boolean;
}

export interface MessageItem {
  id: string;
  instanceId: string | null;
  workflow: string | null;
  recipient: string;
  recipientName: string | null;
  subject: string;
  body: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface InstanceItem {
  id: string;
  workflow: string;
  version: number;
  state: string;
  status: string;
  title: string;
  caseRef: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MyVoteItem {
  voteId: string;
  caseId: string;
  caseRef: string;
  caseTitle: string;
  committeeCode: string;
  mode: string;
  deadline: string | null;
  voted: boolean;
}

export interface DeadlineFilter {
  days: number;
  kind: string | null;
  overdueOnly: boolean;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/**
 * A message body as the secretariat reads it: a personal link's token (in the fragment, `#token=…`) is its
 * recipient's alone, so it is shown as `#token=…`; the e-mail sent keeps it.
 */
/** One outbox row (with its instance's `workflow`) as the secretariat reads it. */
export const messageItem = (r: Record<string, any>): MessageItem => ({
  id: r.id,
  instanceId: r.instance_id,
  workflow: r.workflow ?? null,
  recipient: r.recipient,
  recipientName: r.recipient_name,
  subject: r.subject,
  body: withoutLinkTokens(r.body),
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: iso(r.created_at)!,
  sentAt: iso(r.sent_at),
});

export const withoutLinkTokens = (body: string): string => body.replace(/#token=[A-Za-z0-9_-]+/g, '#token=…');

/**
 * The engine's read model (each instance's summary, each timer's deadline flag) with the meetings: the secretariat's
 * overview across processes. A workflow shows up here by declaring `summary` and `deadlineTimers`; nothing here
 * knows one workflow's context.
 */
export class DashboardRepository {
  constructor(private readonly db: DataSource) {}

  /** Deadlines within `days` and everything overdue; overdue first, then by date. */
  async deadlines(filter: DeadlineFilter, page: PageRequest): Promise<Page<DeadlineItem> & { overdueCount: number }> {
    const rows = (await this.db.query(
      `WITH items AS (
         SELECT i.workflow AS kind, i.id AS instance_id, NULL::uuid AS meeting_id, coalesce(i.title, i.workflow) AS title,
                i.case_ref, i.responsible, i.state, t.due_at, t.due_at < now() AS overdue
           FROM workflow_timers t JOIN workflow_instances i ON i.id = t.instance_id
          WHERE t.status = 'pending' AND t.deadline AND t.due_at < now() + make_interval(days => $1)
         UNION ALL
         SELECT i.workflow, i.id, NULL, coalesce(i.title, i.workflow), i.case_ref, i.responsible, i.state,
                coalesce(d.due_at, i.updated_at), true
           FROM workflow_instances i
           LEFT JOIN LATERAL (SELECT max(t.due_at) AS due_at FROM workflow_timers t
                               WHERE t.instance_id = i.id AND t.deadline AND t.status = 'fired') d ON true
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
      [filter.days, filter.kind, filter.overdueOnly, page.pageSize, offsetOf(page)],
    )) as Record<string, any>[];
    let total = rows.length ? Number(rows[0].total) : 0;
    // Past the last page no row carries the window's count: ask for the first page.
    if (rows.length === 0 && page.page > 1) total = (await this.deadlines(filter, { ...page, page: 1 })).total;
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
      `SELECT (SELECT count(*) FROM workflow_timers t WHERE t.status = 'pending' AND t.deadline AND t.due_at < now())
            + (SELECT count(*) FROM workflow_instances WHERE state = 'overdue') AS n`,
    )) as { n: string }[];
    return Number(row.n);
  }

  /** E-mails and reminders, newest first; `q` searches recipient, name and subject. */
  async messages(
    filter: { status: string | null; instanceId: string | null; q: string | null },
    page: PageRequest,
  ): Promise<Page<MessageItem>> {
    const where = `($1::text IS NULL OR o.status = $1) AND ($2::uuid IS NULL OR o.instance_id = $2)
      AND ($3::text IS NULL OR o.recipient ILIKE $3 OR o.recipient_name ILIKE $3 OR o.subject ILIKE $3)`;
    const params = [filter.status, filter.instanceId, filter.q ? containing(filter.q) : null];
    const p = await queryPage<Record<string, any>>(
      this.db,
      {
        count: `SELECT count(*)::int AS total FROM outbox_messages o WHERE ${where}`,
        rows: `SELECT o.*, i.workflow FROM outbox_messages o LEFT JOIN workflow_instances i ON i.id = o.instance_id
        WHERE ${where} ORDER BY o.created_at DESC, o.id`,
        params,
      },
      page,
    );
    return {
      ...p,
      items: p.items.map(messageItem),
    };
  }

  /** Process instances, most recently changed first; `q` searches the title and the case reference. */
  async instances(
    filter: { workflow: string | null; state: string | null; q: string | null },
    page: PageRequest,
  ): Promise<Page<InstanceItem>> {
    const where = `($1::text IS NULL OR i.workflow = $1) AND ($2::text IS NULL OR i.state = $2)
      AND ($3::text IS NULL OR coalesce(i.title, i.workflow) ILIKE $3
           OR coalesce(i.case_ref, '') ILIKE $3)`;
    const params = [filter.workflow, filter.state, filter.q ? containing(filter.q) : null];
    const p = await queryPage<Record<string, any>>(
      this.db,
      {
        count: `SELECT count(*)::int AS total FROM workflow_instances i WHERE ${where}`,
        rows: `SELECT i.id, i.workflow, i.version, i.state, i.status, coalesce(i.title, i.workflow) AS title, i.case_ref,
              i.created_at, i.updated_at
         FROM workflow_instances i WHERE ${where} ORDER BY i.updated_at DESC, i.id`,
        params,
      },
      page,
    );
    return {
      ...p,
      items: p.items.map((r) => ({
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
  async myVotes(personId: string | null): Promise<MyVoteItem[]> {
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
