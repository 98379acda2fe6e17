import type { DevClaims } from './dev-token';

/** The people of the demo, after the ASU minutes of 17.04.24 and 30.08.24 (names are invented). */
export const demoPeople = {
  secretariat: {
    sub: 'sekretariat-1',
    name: 'Siri Sekretær',
    roles: ['secretariat'],
    email: 'sekretariatet@helsefellesskap.test',
  },
  admin: { sub: 'admin-1', name: 'Arne Admin', roles: ['admin', 'secretariat'], email: 'admin@helsefellesskap.test' },
  auLeader: { sub: 'au-leder', name: 'Kari Nordmann (AU-leder)', roles: ['au-member'], email: 'kari.nordmann@malvik.test' },
  fagradLeader: {
    sub: 'fagrad-1-leder',
    name: 'Per Hansen (leder fagråd 1)',
    roles: ['fagrad-member'],
    email: 'per.hansen@stolav.test',
  },
} satisfies Record<string, DevClaims>;

const person = (p: DevClaims) => ({ id: p.sub, name: p.name, email: p.email! });

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

/**
 * Assignments the minutes delegate. The first is due in minutes, so a person trying samflyt sees
 * the reminders and the overdue notice arrive in the mail catcher while they watch.
 */
export const demoAssignments = [
  {
    title: 'Utarbeide utlysningstekst, søknadsskjema og kriterier for rekrutterings- og samhandlingstilskudd',
    description:
      'ASU delegerer til AU, utvidet med én representant fra kommunene, én fra sykehuset og én brukerrepresentant, ' +
      'å utarbeide utlysningstekst, søknadsskjema og kriterier for tildeling (sak 30/24, vedtak 2).',
    caseRef: '30/24',
    body: 'Utvidet AU',
    assignee: person(demoPeople.auLeader),
    dueAt: inMinutes(3),
    reminderOffsets: ['PT2M', 'PT1M'],
  },
  {
    title: 'Bearbeide forslag til struktur for fagrådene etter innspill',
    description:
      'Innspill fra møtet tas med i videre arbeid. Bearbeidet forslag til struktur sendes på høring (sak 12/24).',
    caseRef: '12/24',
    body: 'Fagråd 1',
    assignee: person(demoPeople.fagradLeader),
    dueAt: inDays(42),
    reminderOffsets: ['P14D', 'P3D'],
  },
];
