import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { demoDirectory, importCommittee } from '@samflyt/domain';
import type { Actor, WorkflowEngine } from '@samflyt/engine';
import { minutes17April, withVote17April } from '../committees/committee-fixtures';

type Query = Pick<DataSource, 'query'>;

export interface Person {
  id: string;
  name: string;
  email: string;
}

export interface Asu {
  committeeId: string;
  /** By full name as the minutes write it. */
  person(name: string): Person;
  secretariat: Actor;
}

/** The ASU imported from the demo file built from the 17.04.24 and 30.08.24 minutes. */
export async function importAsu(ds: DataSource): Promise<Asu> {
  await importCommittee(ds, readFileSync(join(demoDirectory(), 'asu.yaml'), 'utf8'));
  const [{ id: committeeId }] = await ds.query(`SELECT id FROM committees WHERE code = 'ASU'`);
  const rows = (await ds.query(
    `SELECT p.id, p.name, p.email FROM persons p JOIN memberships m ON m.person_id = p.id WHERE m.committee_id = $1`,
    [committeeId],
  )) as Person[];
  const byName = new Map(rows.map((r) => [r.name, r]));
  const person = (name: string) => {
    const found = byName.get(name);
    if (!found) throw new Error(`No ASU member named ${name}`);
    return found;
  };
  const tofte = person('Solveig Cruikshank Tofte');
  return {
    committeeId,
    person,
    secretariat: { id: tofte.id, name: tofte.name, roles: ['secretariat'], email: tofte.email },
  };
}

/** Members with a vote who were not there on 17.04.24: «Forfall» in asu-referat-2024-04-17.txt lines 12 and 14. */
const absentWithVote = ['Jan Roger Wold', 'Leif Vonen'];
const present = (names: string[]) => names.filter((name) => !absentWithVote.includes(name));

/** The 14 the 17.04.24 minutes list as present members with a vote. */
export const voters17April = present(minutes17April.withVote);

/**
 * The same 14 by side: kommune, sykehus, and the users (no side). The GPs (lines 23–24) count on the kommune side:
 * an assumption, the minutes list them as their own group representing kommunene.
 */
export const voters17AprilBySide = {
  kommune: present([...withVote17April.kommune, ...withVote17April.fastlege]),
  sykehus: present(withVote17April.sykehus),
  brukere: present(withVote17April.bruker),
};

/** The attendance table of the 17.04.24 minutes, by name (the guests on single cases are not members). */
export const attendance17April: { name: string; status: 'present' | 'remote' | 'absent'; standsInFor?: string }[] = [
  ...[
    ...voters17April,
    'Tone Merete Fjelly',
    'Nina Burkeland',
    'Christoffer Strøm',
    'Erik Eide',
    'Vigdis Espnes Landheim',
    // On sak 13/24 as a presenter; Braseth's vara, but not standing in for her.
    'Eirik Aronsen',
    ...minutes17April.secretariat,
  ].map((name) => ({ name, status: 'present' as const })),
  { name: 'Torkild Skaar', status: 'remote' },
  { name: 'Vegard Strøm', status: 'remote' },
  { name: 'Helena Bertilsson', status: 'present', standsInFor: 'Sunniva Rognerud' },
  ...[
    ...absentWithVote,
    'Anniken van Lien Marion',
    'Lars Erik Laugsand',
    'Trine Hansen',
    'Jan Vaage',
    'Toril Forbord',
    'Sunniva Rognerud',
  ].map((name) => ({ name, status: 'absent' as const })),
];

/** A meeting row (no meeting workflow: the votes need only its committee, date and attendance). */
export async function insertMeeting(db: Query, committeeId: string, startsAt: string): Promise<string> {
  const id = randomUUID();
  const start = new Date(startsAt);
  await db.query(
    `INSERT INTO meetings (id, committee_id, starts_at, ends_at, place) VALUES ($1, $2, $3, $4, '1930 M11')`,
    [id, committeeId, start, new Date(start.getTime() + 4 * 3600_000)],
  );
  return id;
}

export async function insertAttendance(
  db: Query,
  asu: Asu,
  meetingId: string,
  rows: { name: string; status: 'present' | 'remote' | 'absent'; standsInFor?: string }[],
): Promise<void> {
  for (const row of rows) {
    await db.query(
      `INSERT INTO attendance (meeting_id, person_id, status, stands_in_for_person_id) VALUES ($1, $2, $3, $4)`,
      [meetingId, asu.person(row.name).id, row.status, row.standsInFor ? asu.person(row.standsInFor).id : null],
    );
  }
}

/** A case started through the case workflow (its projection numbers it and writes the row). */
export async function startCase(
  engine: WorkflowEngine,
  secretariat: Actor,
  fields: { number: number; title: string; proposedResolution?: string; committeeCode?: string },
): Promise<string> {
  const caseId = randomUUID();
  await engine.start(
    'case',
    {
      caseId,
      committeeCode: fields.committeeCode ?? 'ASU',
      year: 2024,
      number: fields.number,
      title: fields.title,
      proposedResolution: fields.proposedResolution ?? 'ASU slutter seg til forslaget.',
    },
    secretariat,
  );
  return caseId;
}

/** The ASU's 17.04.24 meeting with its attendance, and a case on it. */
export async function meeting17April(ds: DataSource, engine: WorkflowEngine, asu: Asu, caseNumber: number) {
  const meetingId = await insertMeeting(ds, asu.committeeId, '2024-04-17T11:00:00Z');
  await insertAttendance(ds, asu, meetingId, attendance17April);
  const caseId = await startCase(engine, asu.secretariat, {
    number: caseNumber,
    title: 'Forhandlingsutvalget – status',
  });
  return { meetingId, caseId };
}

export const actorOf = (p: Person, roles: string[] = []): Actor => ({ id: p.id, name: p.name, roles, email: p.email });

/** Row counts of everything a vote writes, to say "nothing changed". */
export async function voteCounts(db: Query): Promise<Record<string, number | string>> {
  const [row] = await db.query(`SELECT
    (SELECT count(*)::int FROM votes) AS votes,
    (SELECT count(*)::int FROM ballots) AS ballots,
    (SELECT count(*)::int FROM inhabil_declarations) AS inhabil,
    (SELECT count(*)::int FROM workflow_instances) AS instances,
    (SELECT count(*)::int FROM workflow_journal) AS journal,
    (SELECT count(*)::int FROM workflow_timers WHERE status = 'pending') AS "pendingTimers",
    (SELECT count(*)::int FROM outbox_messages) AS outbox,
    (SELECT md5(coalesce(string_agg(id || state || coalesce(result::text, ''), ',' ORDER BY id), '')) FROM votes) AS "voteRows"`);
  return row;
}
