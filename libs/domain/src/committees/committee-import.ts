import type { DataSource, EntityManager } from 'typeorm';
import {
  committeeDocumentSchema,
  organisationsDocumentSchema,
  overlaps,
  parseDocumentText,
  validate,
  type CommitteeDocument,
  type DocumentFormat,
  type OrganisationInput,
} from './committee-document';
import { CommitteeDocumentError, type DocumentFieldError } from './committee-document.error';

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export type UpsertOutcome = keyof UpsertCounts;

export interface CommitteeImportSummary {
  committee: { id: string; code: string; outcome: UpsertOutcome };
  organisations: UpsertCounts;
  persons: UpsertCounts;
  memberships: UpsertCounts;
}

export interface OrganisationsImportSummary {
  organisations: UpsertCounts;
}

/** A DataSource, or the EntityManager of a transaction the import should join. */
export type Db = DataSource | EntityManager;

const counts = (): UpsertCounts => ({ created: 0, updated: 0, unchanged: 0 });

/**
 * Imports one committee and its members from a YAML or JSON document (text, or a parsed value).
 *
 * Upserts by natural keys — organisation name, person e-mail (lower-case), committee code, membership
 * (committee, person, valid_from) — so importing the same document twice changes nothing the second
 * time. Memberships the document does not mention are left as they are. Everything happens in one
 * transaction: on any error (CommitteeDocumentError naming the paths) nothing is written.
 */
export async function importCommittee(
  db: Db,
  document: unknown,
  format: DocumentFormat = 'yaml',
): Promise<CommitteeImportSummary> {
  const doc = validate(committeeDocumentSchema, parseDocumentText(document, format));
  return db.transaction((tx) => new CommitteeImport(tx, doc).run());
}

/** Imports `{ organisations: [{ name, kind, number?, region? }] }`: the bodies hearings are sent to. */
export async function importOrganisations(
  db: Db,
  document: unknown,
  format: DocumentFormat = 'yaml',
): Promise<OrganisationsImportSummary> {
  const doc = validate(organisationsDocumentSchema, parseDocumentText(document, format));
  return db.transaction(async (tx) => {
    const summary = counts();
    for (const org of doc.organisations) summary[(await upsertOrganisation(tx, org)).outcome]++;
    return { organisations: summary };
  });
}

interface Upserted {
  id: string;
  outcome: UpsertOutcome;
}

/**
 * `INSERT … ON CONFLICT DO UPDATE … WHERE <something differs> RETURNING id, created`: a row back means
 * created or updated; none means it exists unchanged, and the key finds its id. Safe against a
 * concurrent import of the same rows.
 */
async function upsert(tx: EntityManager, sql: string, params: unknown[], idSql: string, idParams: unknown[]) {
  const rows: { id: string; created: boolean }[] = await tx.query(sql, params);
  if (rows.length > 0) return { id: rows[0].id, outcome: rows[0].created ? 'created' : 'updated' } as Upserted;
  const existing: { id: string }[] = await tx.query(idSql, idParams);
  return { id: existing[0].id, outcome: 'unchanged' } as Upserted;
}

/** Number and region given later fill in, never erase, what is known. */
function upsertOrganisation(tx: EntityManager, org: OrganisationInput & { kind: string }): Promise<Upserted> {
  return upsert(
    tx,
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

class CommitteeImport {
  private readonly errors: DocumentFieldError[] = [];
  private readonly summary = { organisations: counts(), persons: counts(), memberships: counts() };

  constructor(
    private readonly tx: EntityManager,
    private readonly doc: CommitteeDocument,
  ) {}

  async run(): Promise<CommitteeImportSummary> {
    const refs = await this.resolveReferences();
    if (this.errors.length > 0) throw new CommitteeDocumentError(this.errors);

    const organisationIds = new Map(refs.existingOrganisations);
    for (const [name, org] of this.organisationsToWrite()) {
      const { id, outcome } = await upsertOrganisation(this.tx, org);
      organisationIds.set(name, id);
      this.summary.organisations[outcome]++;
    }
    const committee = await this.upsertCommittee(refs.parentId);
    const personIds = new Map(refs.varaTargets);
    for (const person of this.persons()) {
      const { id, outcome } = await upsert(
        this.tx,
        `INSERT INTO persons AS p (id, name, email, organisation_id, title)
         VALUES (gen_random_uuid(), $1, $2, $3, $4)
         ON CONFLICT ((lower(email))) DO UPDATE
           SET name = EXCLUDED.name, organisation_id = coalesce(EXCLUDED.organisation_id, p.organisation_id),
               title = coalesce(EXCLUDED.title, p.title)
           WHERE (p.name, p.organisation_id, p.title) IS DISTINCT FROM
             (EXCLUDED.name, coalesce(EXCLUDED.organisation_id, p.organisation_id), coalesce(EXCLUDED.title, p.title))
         RETURNING id, (xmax = 0) AS created`,
        [
          person.name,
          person.email,
          person.organisation ? organisationIds.get(person.organisation) : null,
          person.title,
        ],
        `SELECT id FROM persons WHERE lower(email) = $1`,
        [person.email],
      );
      personIds.set(person.email, id);
      this.summary.persons[outcome]++;
    }
    for (const m of this.doc.members) {
      const { outcome } = await upsert(
        this.tx,
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
          committee.id,
          personIds.get(m.email),
          m.role,
          m.party,
          m.represents ?? null,
          m.organisation ? organisationIds.get(m.organisation.name) : null,
          m.vote ?? false,
          m.vara_for ? personIds.get(m.vara_for) : null,
          m.from,
          m.to ?? null,
        ],
        `SELECT id FROM memberships WHERE committee_id = $1 AND person_id = $2 AND valid_from = $3`,
        [committee.id, personIds.get(m.email), m.from],
      );
      this.summary.memberships[outcome]++;
    }
    return { committee: { id: committee.id, code: this.doc.code, outcome: committee.outcome }, ...this.summary };
  }

  /**
   * Everything the document names that must already exist: the parent committee, organisations given
   * by name only, varas' members not in the document. Also: a membership must not overlap one the
   * person already has in this committee from another date (that would be two seats at once).
   */
  private async resolveReferences() {
    const { doc, tx } = this;
    let parentId: string | null = null;
    if (doc.parent) {
      const chain: { id: string; code: string }[] = await tx.query(
        `WITH RECURSIVE chain AS (
           SELECT id, code, parent_id, 1 AS depth FROM committees WHERE code = $1
           UNION ALL
           SELECT c.id, c.code, c.parent_id, chain.depth + 1 FROM committees c JOIN chain ON c.id = chain.parent_id
           WHERE chain.depth < 20)
         SELECT id, code FROM chain ORDER BY depth`,
        [doc.parent],
      );
      if (chain.length === 0)
        this.errors.push({ field: 'parent', message: `no committee has the code ${doc.parent}; import it first` });
      else if (chain.some((c) => c.code === doc.code))
        this.errors.push({ field: 'parent', message: `${doc.parent} is part of ${doc.code} already (a cycle)` });
      else parentId = chain[0].id;
    }

    const byNameOnly = this.doc.members.flatMap((m, i) =>
      m.organisation && !this.organisationsToWrite().has(m.organisation.name) ? [{ i, name: m.organisation.name }] : [],
    );
    const orgRows: { id: string; name: string }[] = byNameOnly.length
      ? await tx.query(`SELECT id, name FROM organisations WHERE name = ANY($1)`, [byNameOnly.map((o) => o.name)])
      : [];
    const existingOrganisations = new Map(orgRows.map((o) => [o.name, o.id]));
    for (const { i, name } of byNameOnly)
      if (!existingOrganisations.has(name))
        this.errors.push({
          field: `members[${i}].organisation`,
          message: `no organisation is named «${name}»: give its kind (and number, region) or import it first`,
        });

    const inDocument = new Set(doc.members.map((m) => m.email));
    const outside = doc.members.flatMap((m, i) =>
      m.vara_for && !inDocument.has(m.vara_for) ? [{ i, email: m.vara_for }] : [],
    );
    const varaRows: { id: string; email: string }[] = outside.length
      ? await tx.query(
          `SELECT DISTINCT p.id, lower(p.email) AS email FROM persons p
           JOIN memberships m ON m.person_id = p.id JOIN committees c ON c.id = m.committee_id
           WHERE c.code = $1 AND lower(p.email) = ANY($2) AND m.role <> 'vara'`,
          [doc.code, outside.map((o) => o.email)],
        )
      : [];
    const varaTargets = new Map(varaRows.map((r) => [r.email, r.id]));
    for (const { i, email } of outside)
      if (!varaTargets.has(email))
        this.errors.push({
          field: `members[${i}].vara_for`,
          message: `${email} is not a member of ${doc.code}, in this document or before`,
        });

    const seats: { email: string; from: string; to: string | null }[] = doc.members.length
      ? await tx.query(
          `SELECT lower(p.email) AS email, to_char(m.valid_from, 'YYYY-MM-DD') AS "from",
             to_char(m.valid_to, 'YYYY-MM-DD') AS "to"
           FROM memberships m JOIN persons p ON p.id = m.person_id JOIN committees c ON c.id = m.committee_id
           WHERE c.code = $1 AND lower(p.email) = ANY($2)`,
          [doc.code, [...inDocument]],
        )
      : [];
    doc.members.forEach((m, i) => {
      const clash = seats.find((s) => s.email === m.email && s.from !== m.from && overlaps(s, m));
      if (clash)
        this.errors.push({
          field: `members[${i}].from`,
          message: `${m.email} has a seat in ${doc.code} from ${clash.from}${clash.to ? ` to ${clash.to}` : ''} already; end that one first`,
        });
    });
    return { parentId, existingOrganisations, varaTargets };
  }

  /** One entry per e-mail: a person with several periods in the document is one person. */
  private persons(): { name: string; email: string; organisation: string | null; title: string | null }[] {
    const byEmail = new Map<
      string,
      { name: string; email: string; organisation: string | null; title: string | null }
    >();
    for (const m of this.doc.members) {
      const seen = byEmail.get(m.email);
      byEmail.set(m.email, {
        name: m.name,
        email: m.email,
        organisation: seen?.organisation ?? m.organisation?.name ?? null,
        title: seen?.title ?? m.title ?? null,
      });
    }
    return [...byEmail.values()];
  }

  private organisationsCache?: Map<string, OrganisationInput & { kind: string }>;

  /** The organisations the document describes (with a kind), merged over all members who mention them. */
  private organisationsToWrite(): Map<string, OrganisationInput & { kind: string }> {
    if (this.organisationsCache) return this.organisationsCache;
    const merged = new Map<string, OrganisationInput>();
    for (const m of this.doc.members) {
      if (!m.organisation) continue;
      const seen = merged.get(m.organisation.name) ?? { name: m.organisation.name };
      merged.set(m.organisation.name, {
        name: seen.name,
        kind: seen.kind ?? m.organisation.kind,
        number: seen.number ?? m.organisation.number,
        region: seen.region ?? m.organisation.region,
      });
    }
    this.organisationsCache = new Map(
      [...merged].filter((e): e is [string, OrganisationInput & { kind: string }] => e[1].kind !== undefined),
    );
    return this.organisationsCache;
  }

  private upsertCommittee(parentId: string | null): Promise<Upserted> {
    const { doc } = this;
    return upsert(
      this.tx,
      `INSERT INTO committees AS c (id, code, name, kind, decision_rule, parent_id, notice_days)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6)
       ON CONFLICT (code) DO UPDATE
         SET name = EXCLUDED.name, kind = EXCLUDED.kind, decision_rule = EXCLUDED.decision_rule,
             parent_id = EXCLUDED.parent_id, notice_days = EXCLUDED.notice_days
         WHERE (c.name, c.kind, c.decision_rule, c.parent_id, c.notice_days)
           IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, EXCLUDED.decision_rule, EXCLUDED.parent_id, EXCLUDED.notice_days)
       RETURNING id, (xmax = 0) AS created`,
      [doc.code, doc.name, doc.kind, doc.decision_rule, parentId, doc.notice_days],
      `SELECT id FROM committees WHERE code = $1`,
      [doc.code],
    );
  }
}
