import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { budsjettField, temaField } from '@samflyt/workflows/grants/grants.fixtures';
import { tokenFor } from '../support/api';
import { insertCommittee, type Committee, type Seat } from '../meetings/support';

/** The expanded AU of sak 30/24: AU plus one kommune, one hospital and one user representative. */
export const auSeats: Seat[] = [
  { name: 'Kari Leder', role: 'leder', party: 'kommune', hasVote: true },
  { name: 'Per Sykehus', role: 'medlem', party: 'sykehus', hasVote: true },
  { name: 'Anne Kommune', role: 'medlem', party: 'kommune', hasVote: true },
  { name: 'Bjørn Bruker', role: 'medlem', party: 'bruker', hasVote: true },
  { name: 'Siri Sykehus', role: 'medlem', party: 'sykehus', hasVote: true },
  { name: 'Nils Kommune', role: 'medlem', party: 'kommune', hasVote: true },
  { name: 'Solveig Cruikshank Tofte', role: 'sekretariat', party: 'annen', hasVote: false },
];
export const scorerNames = auSeats.filter((s) => s.role !== 'sekretariat').map((s) => s.name);

/** Applicants: five kommuner and the hospital trust, plus Skaun with a draft it never sends. */
export const applicantOrgs = [
  { org: 'Trondheim kommune', kind: 'kommune', person: 'Tone Trondheim' },
  { org: 'St. Olavs hospital HF', kind: 'helseforetak', person: 'Hans Hospital' },
  { org: 'Malvik kommune', kind: 'kommune', person: 'Mari Malvik' },
  { org: 'Melhus kommune', kind: 'kommune', person: 'Morten Melhus' },
  { org: 'Røros kommune', kind: 'kommune', person: 'Rolf Røros' },
  { org: 'Oppdal kommune', kind: 'kommune', person: 'Olga Oppdal' },
  { org: 'Skaun kommune', kind: 'kommune', person: 'Stine Skaun' },
] as const;

export interface Applicant {
  personId: string;
  name: string;
  email: string;
  org: string;
  orgId: string;
  token: string;
}

export interface GrantsWorld {
  asu: Committee;
  au: Committee;
  applicants: Applicant[];
  /** An applicant of a user organisation: not a kommune or the hospital. */
  outsider: Applicant;
  token(committee: Committee, name: string): string;
  secretariatToken: string;
  secretariatEmail: string;
}

export async function insertGrantsWorld(pg: Client, tag: string): Promise<GrantsWorld> {
  const asu = await insertCommittee(pg, 'ASU', { tag: `asu${tag}` });
  const au = await insertCommittee(pg, 'AU-UTVIDET', {
    tag: `au${tag}`,
    name: 'Arbeidsutvalget, utvidet (sak 30/24)',
    seats: auSeats.filter((s) => s.role !== 'sekretariat'),
  });
  const applicants: Applicant[] = [];
  const addApplicant = async (org: string, kind: string, name: string): Promise<Applicant> => {
    const orgId = randomUUID();
    await pg.query(`INSERT INTO organisations (id, name, kind) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`, [
      orgId,
      org,
      kind,
    ]);
    const { rows } = await pg.query<{ id: string }>(`SELECT id FROM organisations WHERE name = $1`, [org]);
    const personId = randomUUID();
    const email = `${name.toLowerCase().replace(/[^a-z]/g, '')}-${tag}@soker.test`;
    await pg.query(`INSERT INTO persons (id, name, email, organisation_id) VALUES ($1, $2, $3, $4)`, [
      personId,
      name,
      email,
      rows[0].id,
    ]);
    return {
      personId,
      name,
      email,
      org,
      orgId: rows[0].id,
      token: tokenFor({ sub: personId, name, roles: [], email }),
    };
  };
  for (const a of applicantOrgs) applicants.push(await addApplicant(a.org, a.kind, a.person));
  const outsider = await addApplicant('Mental Helse Trøndelag', 'brukerorganisasjon', 'Una Utenfor');
  const token = (c: Committee, name: string) =>
    tokenFor({ sub: c.people[name], name, roles: [], email: c.email(name) });
  return {
    asu,
    au,
    applicants,
    outsider,
    token,
    secretariatToken: token(asu, 'Solveig Cruikshank Tofte'),
    secretariatEmail: asu.email('Solveig Cruikshank Tofte'),
  };
}

export const form = [
  { key: 'beskrivelse', label: 'Prosjektbeskrivelse', type: 'text', required: true, maxLength: 2000 },
  { key: 'kommuner', label: 'Antall kommuner med', type: 'number', required: true, min: 1, max: 22 },
  temaField,
  budsjettField,
];

export const criteria = [
  {
    key: 'gevinst',
    title: 'Forventet gevinst',
    description: 'Gevinst for pasienter og tjenester',
    weight: 3,
    scaleMin: 1,
    scaleMax: 5,
  },
  {
    key: 'forankring',
    title: 'Forankring',
    description: 'Forankring i kommuner og sykehus',
    weight: 2,
    scaleMin: 1,
    scaleMax: 5,
  },
  {
    key: 'bruker',
    title: 'Brukermedvirkning',
    description: 'Brukermedvirkning i prosjektet',
    weight: 1,
    scaleMin: 1,
    scaleMax: 5,
  },
];

/** Every criterion the same score s: the sheet scores 100·(s−1)/4. */
export const uniform = (s: number) => ({ gevinst: s, forankring: s, bruker: s });

const DAY_MS = 86_400_000;
const at = (ms: number) => new Date(Date.now() + ms).toISOString();

/** A round's settings: open from tomorrow for 30 days, scored in the 30 after; `over` on top. */
export function roundSettings(over: Record<string, unknown> = {}) {
  return {
    title: 'Tilskudd',
    callText: 'Utlysning',
    form,
    criteria,
    budget: 1_000_000,
    minAmount: 100_000,
    maxAmount: 500_000,
    opensAt: at(DAY_MS),
    closesAt: at(30 * DAY_MS),
    scoringDeadline: at(60 * DAY_MS),
    reviewingCommittee: 'AU-UTVIDET',
    decidingCommittee: 'ASU',
    conditions: 'Vilkår',
    ...over,
  };
}

export const CALL_TEXT_3024 = 'Helsefellesskapet lyser ut midler til færre, større prosjekter (ASU sak 30/24).';

/** The call of sak 30/24: three million for fewer, larger projects, open a minute ago, closing in `closesIn` ms. */
export const call3024 = (closesIn: number, over: Record<string, unknown> = {}) =>
  roundSettings({
    callText: CALL_TEXT_3024,
    budget: 3_000_000,
    minAmount: 300_000,
    maxAmount: 1_200_000,
    opensAt: at(-60_000),
    closesAt: at(closesIn),
    conditions: 'Midlene brukes som beskrevet i søknaden. Ubrukte midler betales tilbake.',
    ...over,
  });
