import { randomUUID } from 'node:crypto';
import type { Actor } from '@samflyt/engine';

/** Runs SQL: a pg Client or a TypeORM DataSource. */
export interface Sql {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface Seat {
  name: string;
  role: 'leder' | 'nestleder' | 'medlem' | 'vara' | 'observatør' | 'sekretariat';
  party: 'kommune' | 'sykehus' | 'fastlege' | 'bruker' | 'ansatt' | 'annen';
  represents?: string;
  organisation?: string;
  hasVote: boolean;
  varaFor?: string;
}

/** A part of the ASU of the 17.04.24 minutes: every group of the attendance table is represented. */
export const asuSeats: Seat[] = [
  { name: 'Ingjerd Astad', role: 'leder', party: 'kommune', represents: 'Trøndelag sør-vest', hasVote: true },
  { name: 'Wenche P. Dehli', role: 'medlem', party: 'kommune', represents: 'Trondheim kommune', hasVote: true },
  { name: 'Jan Roger Wold', role: 'medlem', party: 'kommune', represents: 'Fjellregionen', hasVote: true },
  {
    name: 'Tom Christian Martinsen',
    role: 'nestleder',
    party: 'sykehus',
    organisation: 'St. Olavs Hospital HF',
    hasVote: true,
  },
  {
    name: 'Tone Shetelig Løvvik',
    role: 'medlem',
    party: 'sykehus',
    organisation: 'St. Olavs Hospital HF',
    hasVote: true,
  },
  {
    name: 'Arnfinn Seim',
    role: 'medlem',
    party: 'fastlege',
    represents: 'kommunene utenfor Trondheim kommune',
    hasVote: true,
  },
  { name: 'Trine Wigtil', role: 'medlem', party: 'bruker', hasVote: true },
  {
    name: 'Torkild Skaar',
    role: 'observatør',
    party: 'ansatt',
    represents: 'St. Olavs hospital (Dnlf)',
    hasVote: false,
  },
  { name: 'Sunniva Rognerud', role: 'observatør', party: 'annen', represents: 'Helse Midt-Norge RHF', hasVote: false },
  { name: 'Helena Bertilsson', role: 'vara', party: 'annen', hasVote: false, varaFor: 'Sunniva Rognerud' },
  { name: 'Solveig Cruikshank Tofte', role: 'sekretariat', party: 'annen', hasVote: false },
];

/** The seats called to a meeting: not the vara, not the secretariat. */
export const invitedNames = asuSeats.filter((s) => s.role !== 'vara' && s.role !== 'sekretariat').map((s) => s.name);

export interface Committee {
  id: string;
  code: string;
  /** Person id by name. */
  people: Record<string, string>;
  email(name: string): string;
  /** A token's actor for a person: subject = person id, roles as the membership roles give them. */
  actor(name: string): Actor;
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9 ]/g, '')
    .trim()
    .replace(/ +/g, '.');

/**
 * Inserts a committee with its organisations, persons and memberships (valid from 2024-01-01) with
 * plain SQL, so these tests do not depend on the committee importer.
 */
export async function insertCommittee(
  db: Sql,
  code = 'ASU',
  opts: { name?: string; noticeDays?: number; seats?: Seat[]; tag?: string } = {},
): Promise<Committee> {
  const seats = opts.seats ?? asuSeats;
  const tag = opts.tag ?? code.toLowerCase();
  const id = randomUUID();
  await db.query(
    `INSERT INTO committees (id, code, name, kind, decision_rule, notice_days) VALUES ($1, $2, $3, 'asu', 'consensus', $4)`,
    [id, code, opts.name ?? 'Administrativt samarbeidsutvalg', opts.noticeDays ?? 7],
  );
  const orgs = new Map<string, string>();
  for (const name of new Set(seats.flatMap((s) => (s.organisation ? [s.organisation] : [])))) {
    const orgId = randomUUID();
    await db.query(
      `INSERT INTO organisations (id, name, kind) VALUES ($1, $2, 'helseforetak') ON CONFLICT (name) DO NOTHING`,
      [orgId, name],
    );
    const rows = (await db.query(`SELECT id FROM organisations WHERE name = $1`, [name])) as
      { id: string }[] | { rows: { id: string }[] };
    orgs.set(name, (Array.isArray(rows) ? rows : rows.rows)[0].id);
  }
  const people: Record<string, string> = {};
  const email = (name: string) => `${slug(name)}@${tag}.test`;
  for (const s of seats) {
    people[s.name] = randomUUID();
    await db.query(`INSERT INTO persons (id, name, email) VALUES ($1, $2, $3)`, [
      people[s.name],
      s.name,
      email(s.name),
    ]);
  }
  for (const s of seats) {
    await db.query(
      `INSERT INTO memberships (id, committee_id, person_id, role, party, represents, organisation_id, has_vote,
                                vara_for_person_id, valid_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '2024-01-01')`,
      [
        randomUUID(),
        id,
        people[s.name],
        s.role,
        s.party,
        s.represents ?? null,
        s.organisation ? orgs.get(s.organisation) : null,
        s.hasVote,
        s.varaFor ? people[s.varaFor] : null,
      ],
    );
  }
  return {
    id,
    code,
    people,
    email,
    actor: (name: string) => ({
      id: people[name],
      name,
      email: email(name),
      roles: seats.find((s) => s.name === name)?.role === 'sekretariat' ? ['secretariat'] : [`committee:${code}`],
    }),
  };
}

/** A person who is not a member (a guest: «Andre til stede»). */
export async function insertPerson(db: Sql, name: string): Promise<string> {
  const id = randomUUID();
  await db.query(`INSERT INTO persons (id, name, email) VALUES ($1, $2, $3)`, [
    id,
    name,
    `${slug(name)}.${id.slice(0, 6)}@gjest.test`,
  ]);
  return id;
}
