import { isUuid, type Queryable } from '@samflyt/engine';
import type {
  CommitteeDecisionRule,
  CommitteeKind,
  MembershipParty,
  MembershipRole,
  MunicipalRegion,
  OrganisationKind,
} from '@samflyt/workflows';

export interface OrganisationView {
  id: string;
  name: string;
  kind: OrganisationKind;
  number: string | null;
  region: MunicipalRegion | null;
}

/** A verified login as the register looks it up (see CommitteesRepository.loginSeats). */
export interface LoginIdentity {
  /** The token's issuer, without trailing slashes (`samflyt-dev` for development tokens). */
  issuer: string;
  subject: string;
  email?: string | null;
  /** Development tokens only: `sub` may be a persons.id. */
  matchId: boolean;
  /** Development tokens, or a verified e-mail from an issuer trusted for e-mail. */
  matchEmail: boolean;
}

export interface PersonView {
  id: string;
  name: string;
  email: string;
  title: string | null;
  organisation: OrganisationView | null;
}

export interface CommitteeSummaryView {
  id: string;
  code: string;
  name: string;
  kind: CommitteeKind;
  decisionRule: CommitteeDecisionRule;
  parentCode: string | null;
  noticeDays: number;
  /** Seats valid on the date asked for (today by default). */
  memberCount: number;
}

export interface MemberView {
  membershipId: string;
  person: PersonView;
  role: MembershipRole;
  party: MembershipParty;
  represents: string | null;
  /** The organisation the seat represents (may differ from the person's own). */
  organisation: OrganisationView | null;
  hasVote: boolean;
  varaFor: { personId: string; name: string; email: string } | null;
  validFrom: string;
  validTo: string | null;
}

export interface CommitteeView extends Omit<CommitteeSummaryView, 'memberCount'> {
  /** The date the members are valid on. */
  at: string;
  members: MemberView[];
}

export interface PersonMembershipView extends Omit<MemberView, 'person'> {
  committee: { code: string; name: string; kind: CommitteeKind };
  /** Valid on the date asked for (today by default). */
  current: boolean;
}

/** The order of the minutes' attendance table: members by party, then observers, varas, the secretariat. */
const ROLE_GROUP = `CASE m.role WHEN 'observatør' THEN 1 WHEN 'vara' THEN 2 WHEN 'sekretariat' THEN 3 ELSE 0 END`;
const PARTY_ORDER = `array_position(ARRAY['kommune','sykehus','fastlege','bruker','ansatt','annen'], m.party)`;
const LEAD_ORDER = `CASE m.role WHEN 'leder' THEN 0 WHEN 'nestleder' THEN 1 ELSE 2 END`;

const ORG_COLUMNS = (alias: string, prefix: string) =>
  `${alias}.id AS ${prefix}_id, ${alias}.name AS ${prefix}_name, ${alias}.kind AS ${prefix}_kind,
   ${alias}.number AS ${prefix}_number, ${alias}.region AS ${prefix}_region`;

const MEMBERSHIP_SELECT = `
  m.id AS membership_id, m.role, m.party, m.represents, m.has_vote,
  to_char(m.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(m.valid_to, 'YYYY-MM-DD') AS valid_to,
  v.id AS vara_id, v.name AS vara_name, v.email AS vara_email,
  ${ORG_COLUMNS('mo', 'mo')}`;

const MEMBERSHIP_JOINS = `
  LEFT JOIN persons v ON v.id = m.vara_for_person_id
  LEFT JOIN organisations mo ON mo.id = m.organisation_id`;

type Row = Record<string, any>;

const organisationOf = (r: Row, prefix: string): OrganisationView | null =>
  r[`${prefix}_id`]
    ? {
        id: r[`${prefix}_id`],
        name: r[`${prefix}_name`],
        kind: r[`${prefix}_kind`],
        number: r[`${prefix}_number`],
        region: r[`${prefix}_region`],
      }
    : null;

const seatOf = (r: Row): Omit<MemberView, 'person'> => ({
  membershipId: r.membership_id,
  role: r.role,
  party: r.party,
  represents: r.represents,
  organisation: organisationOf(r, 'mo'),
  hasVote: r.has_vote,
  varaFor: r.vara_id ? { personId: r.vara_id, name: r.vara_name, email: r.vara_email } : null,
  validFrom: r.valid_from,
  validTo: r.valid_to,
});

const personOf = (r: Row): PersonView => ({
  id: r.person_id,
  name: r.person_name,
  email: r.person_email,
  title: r.person_title,
  organisation: organisationOf(r, 'po'),
});

/** One current seat of the person behind a login. */
export interface LoginSeat {
  committeeCode: string;
  role: MembershipRole;
  hasVote: boolean;
}

export interface LoginPerson {
  /** persons.id, or null when no person has this login. */
  personId: string | null;
  seats: LoginSeat[];
}

/** Reads committees, their members on a date, and a person's memberships. Writes go through the import. */
export class CommitteesRepository {
  constructor(private readonly db: Queryable) {}

  async list(at: string): Promise<CommitteeSummaryView[]> {
    const rows: Row[] = await this.db.query(
      `SELECT c.id, c.code, c.name, c.kind, c.decision_rule, p.code AS parent_code, c.notice_days,
         (SELECT count(*)::int FROM memberships m WHERE m.committee_id = c.id
            AND m.valid_from <= $1::date AND (m.valid_to IS NULL OR m.valid_to >= $1::date)) AS member_count
       FROM committees c LEFT JOIN committees p ON p.id = c.parent_id
       ORDER BY c.code`,
      [at],
    );
    return rows.map((r) => ({ ...committeeOf(r), memberCount: r.member_count }));
  }

  /** The committee and its seats valid on `at`; null when no committee has the code. */
  async get(code: string, at: string): Promise<CommitteeView | null> {
    const committees: Row[] = await this.db.query(
      `SELECT c.id, c.code, c.name, c.kind, c.decision_rule, p.code AS parent_code, c.notice_days
       FROM committees c LEFT JOIN committees p ON p.id = c.parent_id WHERE c.code = $1`,
      [code],
    );
    if (committees.length === 0) return null;
    const rows: Row[] = await this.db.query(
      `SELECT ${MEMBERSHIP_SELECT},
         pe.id AS person_id, pe.name AS person_name, pe.email AS person_email, pe.title AS person_title,
         ${ORG_COLUMNS('po', 'po')}
       FROM memberships m
       JOIN persons pe ON pe.id = m.person_id
       LEFT JOIN organisations po ON po.id = pe.organisation_id
       ${MEMBERSHIP_JOINS}
       WHERE m.committee_id = $1 AND m.valid_from <= $2::date AND (m.valid_to IS NULL OR m.valid_to >= $2::date)
       ORDER BY ${ROLE_GROUP}, ${PARTY_ORDER}, ${LEAD_ORDER}, pe.name`,
      [committees[0].id, at],
    );
    return { ...committeeOf(committees[0]), at, members: rows.map((r) => ({ person: personOf(r), ...seatOf(r) })) };
  }

  /** A person by id (when `id` is a uuid) or by e-mail (compared lower-case); null when unknown. */
  async findPerson(by: { id?: string | null; email?: string | null }): Promise<PersonView | null> {
    const id = isUuid(by.id) ? by.id : null;
    const email = by.email?.toLowerCase() ?? null;
    if (!id && !email) return null;
    const rows: Row[] = await this.db.query(
      `SELECT pe.id AS person_id, pe.name AS person_name, pe.email AS person_email, pe.title AS person_title,
         ${ORG_COLUMNS('po', 'po')}
       FROM persons pe LEFT JOIN organisations po ON po.id = pe.organisation_id
       WHERE pe.id = $1::uuid OR lower(pe.email) = $2
       ORDER BY (pe.id = $1::uuid) DESC NULLS LAST LIMIT 1`,
      [id, email],
    );
    return rows.length ? personOf(rows[0]) : null;
  }

  /** All of a person's memberships, past, current and future; `current` says which are valid on `at`. */
  async membershipsOf(personId: string, at: string): Promise<PersonMembershipView[]> {
    const rows: Row[] = await this.db.query(
      `SELECT ${MEMBERSHIP_SELECT}, c.code, c.name, c.kind,
         (m.valid_from <= $2::date AND (m.valid_to IS NULL OR m.valid_to >= $2::date)) AS current
       FROM memberships m JOIN committees c ON c.id = m.committee_id
       ${MEMBERSHIP_JOINS}
       WHERE m.person_id = $1
       ORDER BY c.code, m.valid_from`,
      [personId, at],
    );
    return rows.map((r) => ({
      committee: { code: r.code, name: r.name, kind: r.kind },
      ...seatOf(r),
      current: r.current,
    }));
  }

  /**
   * The person behind a login and their seats valid on `date`, in one query: by the linked identity
   * (issuer, subject) first; then, when the login allows it, by `sub` = persons.id and by e-mail.
   */
  async loginSeats(login: LoginIdentity, date: string): Promise<LoginPerson> {
    const id = login.matchId && isUuid(login.subject) ? login.subject : null;
    const email = (login.matchEmail && login.email?.toLowerCase()) || null;
    const rows: { person_id: string; code: string | null; role: MembershipRole | null; has_vote: boolean | null }[] =
      await this.db.query(
        `WITH person AS (
           SELECT id FROM (
             SELECT person_id AS id, 0 AS rank FROM person_identities WHERE issuer = $4 AND subject = $5
             UNION ALL SELECT id, 1 FROM persons WHERE id = $1::uuid
             UNION ALL SELECT id, 2 FROM persons WHERE lower(email) = $2) found
           ORDER BY rank LIMIT 1)
         SELECT person.id AS person_id, c.code, m.role, m.has_vote
         FROM person
         LEFT JOIN memberships m ON m.person_id = person.id
           AND m.valid_from <= $3::date AND (m.valid_to IS NULL OR m.valid_to >= $3::date)
         LEFT JOIN committees c ON c.id = m.committee_id`,
        [id, email, date, login.issuer, login.subject],
      );
    if (rows.length === 0) return { personId: null, seats: [] };
    return {
      personId: rows[0].person_id,
      seats: rows.flatMap((r) =>
        r.code && r.role ? [{ committeeCode: r.code, role: r.role, hasVote: !!r.has_vote }] : [],
      ),
    };
  }
}
function committeeOf(r: Row): Omit<CommitteeSummaryView, 'memberCount'> {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    decisionRule: r.decision_rule,
    parentCode: r.parent_code,
    noticeDays: r.notice_days,
  };
}
