import { randomUUID } from 'node:crypto';
import { dataSourceOptions } from '@samflyt/domain';
import { DataSource } from 'typeorm';
import { demoPeople } from './demo-data';
import { signDevToken, type DevClaims } from './dev-token';

const DAY = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();

/** Applicants of the demo: persons of two kommuner and the hospital trust (organisations from the demo import). */
const applicants = [
  { sub: 'tone.trondheim', name: 'Tone Berg', email: 'tone.berg@trondheim.test', org: 'Trondheim kommune' },
  { sub: 'hans.stolav', name: 'Hans Lie', email: 'hans.lie@stolav.test', org: 'St. Olavs hospital HF' },
  { sub: 'mari.malvik', name: 'Mari Dahl', email: 'mari.dahl@malvik.test', org: 'Malvik kommune' },
];

/** The call of sak 30/24 as the expanded AU might have written it. */
export const demoRound = {
  title: 'Rekrutterings- og samhandlingstilskudd 2025',
  callText:
    'Helsefellesskapet lyser ut midler til prosjekter som styrker rekruttering og samhandling mellom kommunene og ' +
    'St. Olavs hospital. ASU vil heller satse på færre, større prosjekter med stort potensial enn å fordele mindre ' +
    'summer til mange (sak 30/24). Prosjektene må ha brukermedvirkning, en plan for gjennomføring og risikovurdering, ' +
    'og rapportere underveis og ved slutt.',
  form: [
    { key: 'beskrivelse', label: 'Prosjektbeskrivelse', type: 'text', required: true, maxLength: 5000 },
    { key: 'malgruppe', label: 'Målgruppe', type: 'text', required: true, maxLength: 1000 },
    { key: 'tema', label: 'Tema', type: 'choice', required: true, options: ['Rekruttering', 'Samhandling', 'Begge'] },
    { key: 'kommuner', label: 'Antall kommuner som deltar', type: 'number', required: true, min: 1, max: 22 },
    { key: 'varighet', label: 'Varighet i måneder', type: 'number', required: true, min: 1, max: 36 },
    { key: 'brukermedvirkning', label: 'Hvordan ivaretas brukermedvirkning?', type: 'text', required: true },
    { key: 'risiko', label: 'Risikovurdering', type: 'text', required: true },
    { key: 'budsjett', label: 'Budsjett', type: 'attachment', required: false, allowedTypes: ['application/pdf'] },
  ],
  criteria: [
    {
      key: 'gevinst',
      title: 'Forventet gevinst',
      description: 'Gevinst for pasienter, kommuner og sykehus',
      weight: 3,
      scaleMin: 1,
      scaleMax: 5,
    },
    {
      key: 'forankring',
      title: 'Forankring og samhandling',
      description: 'Forankret i flere kommuner og sykehuset',
      weight: 2,
      scaleMin: 1,
      scaleMax: 5,
    },
    {
      key: 'bruker',
      title: 'Brukermedvirkning',
      description: 'Brukerne er med fra start',
      weight: 2,
      scaleMin: 1,
      scaleMax: 5,
    },
    {
      key: 'gjennomforing',
      title: 'Gjennomføring og risiko',
      description: 'Realistisk plan, risiko vurdert',
      weight: 1,
      scaleMin: 1,
      scaleMax: 5,
    },
  ],
  budget: 5_000_000,
  minAmount: 500_000,
  maxAmount: 2_000_000,
  opensAt: at(-1),
  closesAt: at(30),
  scoringDeadline: at(51),
  reviewingCommittee: 'AU-UTVIDET',
  decidingCommittee: 'ASU',
  appealable: true,
  appealPeriod: 'P21D',
  conditions:
    'Midlene skal brukes til prosjektet slik det er beskrevet i søknaden. Vesentlige endringer avtales med ' +
    'sekretariatet. Ubrukte midler betales tilbake. Prosjektet skal delta i helsefellesskapets oppfølging.',
  reporting: [
    { key: 'fremdrift', title: 'Fremdriftsrapport', due: 'P6M' },
    { key: 'slutt', title: 'Sluttrapport med regnskap', due: 'P18M' },
  ],
};

const answers = (tema: string, kommuner: number) => ({
  beskrivelse: 'Et felles team som rekrutterer og lærer opp helsepersonell på tvers av kommunene og sykehuset.',
  malgruppe: 'Sykepleiere og helsefagarbeidere i distriktskommunene',
  tema,
  kommuner,
  varighet: 18,
  brukermedvirkning: 'Brukerutvalget ved St. Olavs hospital deltar i styringsgruppen.',
  risiko: 'Rekrutteringen kan ta lengre tid enn planlagt; tiltak er beskrevet i planen.',
});

/**
 * One open round of sak 30/24 with three applications (two submitted, one draft), through the API as
 * the secretariat and the applicants would. Idempotent: a second run finds what the first made.
 */
export async function loadDemoGrants(api: string, databaseUrl: string, jwtSecret: string): Promise<void> {
  const db = await new DataSource(dataSourceOptions(databaseUrl, 2)).initialize();
  try {
    for (const a of applicants) {
      await db.query(
        `INSERT INTO persons (id, name, email, organisation_id)
         SELECT $1, $2, $3, id FROM organisations WHERE name = $4 ON CONFLICT DO NOTHING`,
        [randomUUID(), a.name, a.email, a.org],
      );
    }
  } finally {
    await db.destroy();
  }
  const call = async (token: string, method: string, path: string, body?: unknown, key?: string) => {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => null)) as Record<string, any> | null;
    if (!res.ok && res.status !== 409)
      throw new Error(`Demo grants: ${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
    return json!;
  };
  const sek = signDevToken(demoPeople.secretariat, jwtSecret);
  const round = await call(sek, 'POST', '/grant-rounds', demoRound, 'demo-grants-round-2025');
  await call(sek, 'POST', `/grant-rounds/${round.id}/approve`, { reference: 'ASU sak 30/24' }, 'demo-grants-approve');
  await call(sek, 'POST', `/grant-rounds/${round.id}/open`, undefined, 'demo-grants-open');
  const plans = [
    {
      title: 'Felles rekrutteringsteam for sykepleiere i Trondheimsområdet',
      amount: 1_800_000,
      tema: 'Rekruttering',
      kommuner: 3,
      submit: true,
    },
    {
      title: 'Digital samhandling ved utskrivning fra St. Olavs hospital',
      amount: 2_500_000,
      tema: 'Samhandling',
      kommuner: 22,
      submit: true,
    },
    {
      title: 'Helsefagarbeidere i Malvik – lærlingløp med sykehuset',
      amount: 700_000,
      tema: 'Begge',
      kommuner: 1,
      submit: false,
    },
  ];
  for (const [i, a] of applicants.entries()) {
    const token = signDevToken({ sub: a.sub, name: a.name, roles: [], email: a.email } satisfies DevClaims, jwtSecret);
    const p = plans[i];
    const created = await call(
      token,
      'POST',
      `/grant-rounds/${round.id}/applications`,
      { title: p.title, requestedAmount: p.amount, answers: answers(p.tema, p.kommuner) },
      `demo-grants-application-${i}`,
    );
    if (p.submit)
      await call(token, 'POST', `/grant-applications/${created.id}/submit`, undefined, `demo-grants-submit-${i}`);
  }
}
