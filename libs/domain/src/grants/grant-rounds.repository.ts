import { OSLO, type Queryable } from '@samflyt/engine';
import type { InnstillingLine, RoundContext, Scorer } from '@samflyt/workflows';
import { offsetOf, type Page, type PageRequest } from '../paging';

export interface RoundRow {
  id: string;
  instance_id: string;
  title: string;
  state: string;
  settings: Record<string, any>;
  approval: string | null;
  innstilling: InnstillingLine[] | null;
  non_scorers: { personId: string; name: string; missing: string[] }[];
  decision_case_id: string | null;
  decision: unknown;
  cancelled_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

/** Which rounds a reader sees: all of them, or the published ones and those their committees review. */
export interface RoundVisibility {
  all: boolean;
  publishedStates: readonly string[];
  reviewingCommittees: string[];
}

/** A case created for the grants (an innstilling, a klage): its id and its number NN/YY. */
export interface CaseRef {
  id: string;
  ref: string;
}

/** The context of a workflow instance as its last event left it. */
export async function instanceContext<T>(db: Queryable, instanceId: string): Promise<T> {
  const [row] = (await db.query(`SELECT snapshot->'context' AS context FROM workflow_instances WHERE id = $1`, [
    instanceId,
  ])) as { context: T }[];
  return row.context;
}

/** `grant_rounds` and what a round reads around it: its committee's members, the cases it creates. */
export class GrantRoundsRepository {
  constructor(private readonly db: Queryable) {}

  async find(id: string): Promise<RoundRow | null> {
    const [row] = (await this.db.query(`SELECT * FROM grant_rounds WHERE id = $1`, [id])) as RoundRow[];
    return row ?? null;
  }

  async findByInstance(instanceId: string): Promise<RoundRow> {
    const [row] = (await this.db.query(`SELECT * FROM grant_rounds WHERE instance_id = $1`, [
      instanceId,
    ])) as RoundRow[];
    return row;
  }

  /** Newest first. */
  async list(visibility: RoundVisibility, state: string | null, page: PageRequest): Promise<Page<RoundRow>> {
    const rows = (await this.db.query(
      `SELECT *, count(*) OVER () AS total FROM grant_rounds
        WHERE ($3::boolean OR state = ANY($4::text[]) OR settings->>'reviewingCommittee' = ANY($5::text[]))
          AND ($6::text IS NULL OR state = $6)
        ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`,
      [
        page.pageSize,
        offsetOf(page),
        visibility.all,
        visibility.publishedStates,
        visibility.reviewingCommittees,
        state,
      ],
    )) as (RoundRow & { total: string })[];
    return { items: rows, total: rows.length ? Number(rows[0].total) : 0, ...page };
  }

  context(row: RoundRow): Promise<RoundContext> {
    return instanceContext<RoundContext>(this.db, row.instance_id);
  }

  /** The members who score for a committee today (Oslo): leder, nestleder and medlemmer, by name. */
  async scorersOf(committeeCode: string): Promise<Scorer[]> {
    return (await this.db.query(
      `SELECT DISTINCT p.id::text AS "personId", p.name, p.email
         FROM memberships m JOIN persons p ON p.id = m.person_id JOIN committees c ON c.id = m.committee_id
        WHERE c.code = $1 AND m.role IN ('leder', 'nestleder', 'medlem')
          AND m.valid_from <= (now() AT TIME ZONE $2)::date
          AND (m.valid_to IS NULL OR m.valid_to >= (now() AT TIME ZONE $2)::date)
        ORDER BY p.name`,
      [committeeCode, OSLO],
    )) as Scorer[];
  }

  /** The case a `case` instance created, with its number. */
  async caseOfInstance(instanceId: string): Promise<CaseRef> {
    const [kase] = (await this.db.query(
      `SELECT id, lpad(number::text, 2, '0') || '/' || lpad((year % 100)::text, 2, '0') AS ref
         FROM cases WHERE instance_id = $1`,
      [instanceId],
    )) as CaseRef[];
    return kase;
  }
}
