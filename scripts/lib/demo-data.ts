import type { DevClaims } from './dev-token';

/**
 * People of the demo, from the ASU minutes of 17.04.24 and 30.08.24 as imported by loadDemoCommittees
 * (libs/domain/src/committees/demo). The API finds each person by e-mail and derives the roles of
 * their memberships, so a token needs no roles of its own except for the admin.
 */
export const demoPeople = {
  secretariat: {
    sub: 'solveig.tofte',
    name: 'Solveig Cruikshank Tofte',
    roles: [],
    email: 'solveig.tofte@helsefellesskap.test',
  },
  asuLeader: { sub: 'ingjerd.astad', name: 'Ingjerd Astad', roles: [], email: 'ingjerd.astad@trondelag-sor-vest.test' },
  auMember: { sub: 'jan.roger.wold', name: 'Jan Roger Wold', roles: [], email: 'jan.roger.wold@fjellregionen.test' },
  observer: { sub: 'torkild.skaar', name: 'Torkild Skaar', roles: [], email: 'torkild.skaar@stolav.test' },
  fagradLeader: {
    sub: 'lars.erik.laugsand',
    name: 'Lars Erik Laugsand',
    roles: [],
    email: 'lars.erik.laugsand@fagrad.test',
  },
  admin: {
    sub: 'admin',
    name: 'Driftsansvarlig',
    roles: ['admin', 'secretariat'],
    email: 'drift@helsefellesskap.test',
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
    assignee: person(demoPeople.auMember),
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
