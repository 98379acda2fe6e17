import type { Queryable } from '@samflyt/engine';
import type { OrganisationInput } from '@samflyt/workflows';

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export type UpsertOutcome = keyof UpsertCounts;

export interface Upserted {
  id: string;
  outcome: UpsertOutcome;
}

export interface PersonRow {
  name: string;
  email: string;
  organisationId: string | null;
  title: string | null;
}

export interface MembershipRow {
  committeeId: string;
  personId: string;
  role: string;
  party: string;
  represents: string | null;
  organisationId: string | null;
  hasVote: boolean;
  varaForPersonId: string | null;
  from: string;
  to: string | null;
}

export interface CommitteeRow {
  code: string;
  name: string;
  kind: string;
  decisionRule: string;
  parentId: string | null;
  noticeDays: number;
}

/**
 * The writes of a committee import, inside its transaction. Each upsert is `INSERT … ON CONFLICT DO UPDATE … WHERE
 * <something differs> RETURNING id, created`: a row back means created or updated; none means it exists unchanged,
 * and the natural key finds its id. Safe against a concurrent import of the same rows.
 */
export class CommitteeImportRepository {
  constructor(private readonly tx: Queryable) {}

  private async upsert(sql: string, params: unknown[], idSql: string, idParams: unknown[]): Promise<Upserted> {
    const rows = (await this.tx.query(sql, params)) as { id: string; created: boolean }[];
    if (rows.length > 0) return { id: rows[0].id, outcome: rows[0].created ? 'created' : 'updated' };
    const existing = (await this.tx.query(idSql, idParams)) as { id: string }[];
    return { id: existing[0].id, outcome: 'unchanged' };
  }

  /** Number and region given later fill in, never erase, what is known. */
  upsertOrganisation(org: OrganisationInput & { kind: string }): Promise<Upserted> {
    return this.upsert(
      `INSERT INTO organisations AS o (id, name, kind, number, region)
       VALUES (gen_random_uuid(), $1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE
         SET kind = EXCLUDED.kind, number = coalesce(EXCLUDED.number, o.number), region = coalesce(EXCLUDED.region, o.region)
         WHERE (o.kind, o.number, o.region)
           IS DISTINCT FROM (EXCLUDED.kind, coalesce(EXCLUDED.number, o.number), coalesce(EXCLUDED.region, o.region))
       RETURNING id, (xmax = 0) AS created`,
      [org.name, org.kind, org.number ?? null, org.region ?? null],
      `SELECT id FROM organisations WHERE name = $1`,
      [org.name],
    );
  }

  /** By e-mail, in any case; an organisation or title given later fills in, never erases. */
  upsertPerson(person: PersonRow): Promise<Upserted> {
    return this.upsert(
      `INSERT INTO persons AS p (id, name, email, organisation_id, title)
       VALUES (gen_random_uuid(), $1, $2, $3, $4)
       ON CONFLICT ((lower(email))) DO UPDATE
         SET name = EXCLUDED.name, organisation_id = coalesce(EXCLUDED.organisation_id, p.organisation_id),
             title = coalesce(EXCLUDED.title, p.title)
         WHERE (p.name, p.organisation_id, p.title) IS DISTINCT FROM
           (EXCLUDED.name, coalesce(EXCLUDED.organisation_id, p.organisation_id), coalesce(EXCLUDED.title, p.title))
       RETURNING id, (xmax = 0) AS created`,
      [person.name, person.email, person.organisationId, person.title],
      `SELECT id FROM persons WHERE lower(email) = $1`,
      [person.email],
    );
  }

  /** By committee, person and the day it starts. */
  upsertMembership(m: MembershipRow): Promise<Upserted> {
    return this.upsert(
      `INSERT INTO memberships AS m (id, committee_id, person_id, role, party, represents, organisation_id, has_vote,
         vara_for_person_id, valid_from, valid_to)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (committee_id, person_id, valid_from) DO UPDATE
         SET role = EXCLUDED.role, party = EXCLUDED.party, represents = EXCLUDED.represents,
             organisation_id = EXCLUDED.organisation_id, has_vote = EXCLUDED.has_vote,
             vara_for_person_id = EXCLUDED.vara_for_person_id, valid_to = EXCLUDED.valid_to
         WHERE (m.role, m.party, m.represents, m.organisation_id, m.has_vote, m.vara_for_person_id, m.valid_to)
           IS DISTINCT FROM (EXCLUDED.role, EXCLUDED.party, EXCLUDED.represents, EXCLUDED.organisation_id,
             EXCLUDED.has_vote, EXCLUDED.vara_for_person_id, EXCLUDED.valid_to)
       RETURNING id, (xmax = 0) AS created`,
      [
        m.committeeId,
        m.personId,
        m.role,
        m.party,
        m.represents,
        m.organisationId,
        m.hasVote,
        m.varaForPersonId,
        m.from,
        m.to,
      ],
      `SELECT id FROM memberships WHERE committee_id = $1 AND person_id = $2 AND valid_from = $3`,
      [m.committeeId, m.personId, m.from],
    );
  }

  upsertCommittee(c: CommitteeRow): Promise<Upserted> {
    return this.upsert(
      `INSERT INTO committees AS c (id, code, name, kind, decision_rule, parent_id, notice_days)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6)
       ON CONFLICT (code) DO UPDATE
         SET name = EXCLUDED.name, kind = EXCLUDED.kind, decision_rule = EXCLUDED.decision_rule,
             parent_id = EXCLUDED.parent_id, notice_days = EXCLUDED.notice_days
         WHERE (c.name, c.kind, c.decision_rule, c.parent_id, c.notice_days)
           IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, EXCLUDED.decision_rule, EXCLUDED.parent_id, EXCLUDED.notice_days)
       RETURNING id, (xmax = 0) AS created`,
      [c.code, c.name, c.kind, c.decisionRule, c.parentId, c.noticeDays],
      `SELECT id FROM committees WHERE code = $1`,
      [c.code],
    );
  }

  /** The committee with this code and its parents, nearest first (at most 20 levels). */
  parentChain(code: string): Promise<{ id: string; code: string }[]> {
    return this.tx.query(
      `WITH RECURSIVE chain AS (
         SELECT id, code, parent_id, 1 AS depth FROM committees WHERE code = $1
         UNION ALL
         SELECT c.id, c.code, c.parent_id, chain.depth + 1 FROM committees c JOIN chain ON c.id = chain.parent_id
         WHERE chain.depth < 20)
       SELECT id, code FROM chain ORDER BY depth`,
      [code],
    );
  }

  /** Name → id of the organisations that exist among these names. */
  async organisationIds(names: string[]): Promise<Map<string, string>> {
    if (names.length === 0) return new Map();
    const rows = (await this.tx.query(`SELECT id, name FROM organisations WHERE name = ANY($1)`, [names])) as {
      id: string;
      name: string;
    }[];
    return new Map(rows.map((o) => [o.name, o.id]));
  }

  /** E-mail → person id of those among `emails` who hold a seat other than vara in the committee. */
  async membersByEmail(code: string, emails: string[]): Promise<Map<string, string>> {
    if (emails.length === 0) return new Map();
    const rows = (await this.tx.query(
      `SELECT DISTINCT p.id, lower(p.email) AS email FROM persons p
       JOIN memberships m ON m.person_id = p.id JOIN committees c ON c.id = m.committee_id
       WHERE c.code = $1 AND lower(p.email) = ANY($2) AND m.role <> 'vara'`,
      [code, emails],
    )) as { id: string; email: string }[];
    return new Map(rows.map((r) => [r.email, r.id]));
  }

  /** The periods of the seats these people hold in the committee. */
  async seats(code: string, emails: string[]): Promise<{ email: string; from: string; to: string | null }[]> {
    if (emails.length === 0) return [];
    return this.tx.query(
      `SELECT lower(p.email) AS email, to_char(m.valid_from, 'YYYY-MM-DD') AS "from",
         to_char(m.valid_to, 'YYYY-MM-DD') AS "to"
       FROM memberships m JOIN persons p ON p.id = m.person_id JOIN committees c ON c.id = m.committee_id
       WHERE c.code = $1 AND lower(p.email) = ANY($2)`,
      [code, emails],
    );
  }
}
