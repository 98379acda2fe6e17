import { DEFAULT_LETTER_SENDER, letterForMessage } from '@samflyt/domain';
import { OutboxRepository } from '@samflyt/engine';
import { DataSource } from 'typeorm';
import type { ApiHarness } from '../support/api';
import { people, tokenFor } from '../support/api';
import type { MatrixRow } from '../support/role-matrix';
import { roundSettings, scorerNames, uniform, type GrantsWorld } from './support';

/** The roles of DESIGN.md §6 as far as grants go. `applicant` is the owner of the application a row acts on. */
export const grantRoles = [
  'anonymous',
  'applicant',
  'otherApplicant',
  'scorer',
  'asuMember',
  'secretariat',
  'admin',
] as const;
export type GrantRole = (typeof grantRoles)[number];
type App = 'A' | 'B' | 'C';

export interface GrantsCtx {
  round: string;
  spare: string;
  apps: Record<App, string>;
  attachment: string;
}

export interface GrantsRow extends MatrixRow<GrantsCtx, GrantRole> {
  /** A public route: the anonymous caller is refused with a 404 where a draft is not published. */
  public?: boolean;
  /** Whose application the row acts on: the owner is the `applicant` role. */
  app?: App;
}

/** What the rows act through, set by the test file's beforeAll: its API, its people, and the worker's timers. */
export interface GrantsMatrix {
  api: ApiHarness;
  w: GrantsWorld;
  tag: string;
  /** Fires the pending timers matching `where` (and the signals they cause) in-process. */
  fire(where: string, params?: unknown[]): Promise<void>;
}

const owners: Record<App, number> = { A: 0, B: 1, C: 2 }; // Trondheim, St. Olavs, Malvik

/** The bearer token of `role`; for `applicant`, of the owner of `app`. */
export function grantsToken(w: GrantsWorld, role: GrantRole, app: App = 'A'): string | null {
  switch (role) {
    case 'anonymous':
      return null;
    case 'applicant':
      return w.applicants[owners[app]].token;
    case 'otherApplicant':
      return w.applicants[3].token; // Melhus kommune: applies too, but owns none of A, B, C
    case 'scorer':
      return w.token(w.au, scorerNames[0]);
    case 'asuMember':
      return w.token(w.asu, 'Ingjerd Astad');
    case 'secretariat':
      return w.secretariatToken;
    case 'admin':
      return tokenFor(people.admin);
  }
}

/**
 * Every grants endpoint along one round's life, in order: the call and its applications, the formal check, the
 * review and the innstilling, ASU's decision, a klage, the reports and the end of the round.
 */
export function grantsRoleRows(m: GrantsMatrix): GrantsRow[] {
  const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
  const day = 86_400_000;
  const settings = () =>
    roundSettings({
      title: `Tilskudd ${m.tag}`,
      callText: 'Helsefellesskapet lyser ut midler.',
      budget: 500_000,
      appealable: true,
      appealPeriod: 'P21D',
      conditions: 'Ubrukte midler betales tilbake.',
      reporting: [{ key: 'slutt', title: 'Sluttrapport', due: 'P6M' }],
    });
  const answers = { beskrivelse: 'Tverrfaglig team', kommuner: 3, tema: 'Rekruttering' };
  const token = (role: GrantRole, app: App = 'A') => grantsToken(m.w, role, app);
  const sek = () => ({ Authorization: `Bearer ${m.w.secretariatToken}` });
  const fire = (where: string, params?: unknown[]) => m.fire(where, params);
  /** The letters rows read: found along the way. */
  const letters = { instance: '', id: '' };
  const instanceOf = async (c: GrantsCtx, app: App) =>
    (await m.api.pg.query(`SELECT instance_id FROM grant_applications WHERE id = $1`, [c.apps[app]])).rows[0]
      .instance_id as string;
  /** Puts a case on an ASU meeting and decides it, with a vedtak of its own when `resolution` is given. */
  const decideCase = async (caseId: string, resolution?: string) => {
    const meeting = await m.api
      .http()
      .post('/committees/ASU/meetings')
      .set(sek())
      .send({ startsAt: iso(day), endsAt: iso(day + 3_600_000), place: 'Teams' });
    expect(meeting.status).toBe(201);
    expect(
      (await m.api.http().post(`/cases/${caseId}/schedule`).set(sek()).send({ meetingId: meeting.body.id })).status,
    ).toBeLessThan(300);
    expect(
      (
        await m.api
          .http()
          .post(`/cases/${caseId}/decide`)
          .set(sek())
          .send(resolution ? { resolution } : {})
      ).status,
    ).toBeLessThan(300);
    await fire('false'); // the case's signal to its follower
  };

  return [
    {
      op: 'POST /grant-rounds',
      url: () => '/grant-rounds',
      body: settings,
      allowed: ['secretariat'],
      status: 201,
      then: async (res, c) => {
        c.round = res.body.id;
        const spare = await m.api.http().post('/grant-rounds').set(sek()).send(settings());
        c.spare = spare.body.id;
      },
    },
    {
      op: 'PATCH /grant-rounds/{id}',
      url: (c) => `/grant-rounds/${c.round}`,
      body: () => ({ callText: 'Helsefellesskapet lyser ut midler til færre, større prosjekter.' }),
      allowed: ['secretariat'],
      status: 200,
    },
    // A draft is read by the secretariat, the reviewing committee and operations only.
    {
      op: 'GET /grant-rounds/{id}',
      url: (c) => `/grant-rounds/${c.round}`,
      public: true,
      allowed: ['secretariat', 'scorer', 'admin'],
      status: 200,
    },
    {
      op: 'POST /grant-rounds/{id}/approve',
      url: (c) => `/grant-rounds/${c.round}/approve`,
      body: () => ({ reference: 'ASU sak 30/24' }),
      allowed: ['secretariat'],
      status: 200,
    },
    {
      op: 'POST /grant-rounds/{id}/open',
      url: (c) => `/grant-rounds/${c.round}/open`,
      allowed: ['secretariat'],
      status: 200,
    },
    {
      op: 'GET /grant-rounds',
      url: () => '/grant-rounds',
      allowed: [...grantRoles],
      status: 200,
    },
    {
      op: 'POST /grant-rounds/{id}/applications',
      url: (c) => `/grant-rounds/${c.round}/applications`,
      body: () => ({ title: 'Prosjekt Trondheim', requestedAmount: 500_000 }),
      allowed: ['applicant', 'otherApplicant'],
      status: 201,
      then: async (res, c) => {
        if (!c.apps.A) c.apps.A = res.body.id;
        for (const [app, amount] of [
          ['B', 400_000],
          ['C', 200_000],
        ] as const) {
          const created = await m.api
            .http()
            .post(`/grant-rounds/${c.round}/applications`)
            .set('Authorization', `Bearer ${token('applicant', app)}`)
            .send({ title: `Prosjekt ${app}`, requestedAmount: amount, answers });
          expect(created.status).toBe(201);
          c.apps[app] = created.body.id;
        }
        const sent = await m.api
          .http()
          .post(`/grant-applications/${c.apps.B}/submit`)
          .set('Authorization', `Bearer ${token('applicant', 'B')}`);
        expect(sent.status).toBe(200);
      },
    },
    {
      op: 'GET /grant-applications',
      url: () => '/grant-applications',
      allowed: ['applicant', 'otherApplicant', 'scorer', 'asuMember', 'secretariat', 'admin'],
      status: 200,
    },
    {
      op: 'GET /grant-applications/{id}',
      url: (c) => `/grant-applications/${c.apps.A}`,
      app: 'A',
      allowed: ['applicant', 'secretariat', 'admin'],
      status: 200,
    },
    {
      op: 'PATCH /grant-applications/{id}',
      url: (c) => `/grant-applications/${c.apps.A}`,
      app: 'A',
      body: () => ({ answers }),
      allowed: ['applicant'],
      status: 200,
    },
    {
      op: 'PUT /grant-applications/{id}/attachments/{field}',
      url: (c) => `/grant-applications/${c.apps.A}/attachments/budsjett`,
      app: 'A',
      file: true,
      allowed: ['applicant'],
      status: 200,
      then: async (res, c) => {
        c.attachment = res.body.answers.budsjett.attachmentId;
      },
    },
    {
      op: 'GET /grant-applications/{id}/attachments/{attachmentId}',
      url: (c) => `/grant-applications/${c.apps.A}/attachments/${c.attachment}`,
      app: 'A',
      allowed: ['applicant', 'secretariat', 'admin'],
      status: 200,
    },
    {
      op: 'POST /grant-applications/{id}/submit',
      url: (c) => `/grant-applications/${c.apps.A}/submit`,
      app: 'A',
      allowed: ['applicant'],
      status: 200,
    },
    {
      op: 'POST /grant-applications/{id}/withdraw',
      url: (c) => `/grant-applications/${c.apps.C}/withdraw`,
      app: 'C',
      body: () => ({ reason: 'Vi søker neste år.' }),
      allowed: ['applicant'],
      status: 200,
    },
    {
      op: 'POST /grant-applications/{id}/formal-check',
      url: (c) => `/grant-applications/${c.apps.B}/formal-check`,
      app: 'B',
      body: () => ({ outcome: 'info-requested', message: 'Legg ved budsjett.', deadline: iso(7 * day) }),
      allowed: ['secretariat'],
      status: 200,
    },
    {
      op: 'POST /grant-applications/{id}/information',
      url: (c) => `/grant-applications/${c.apps.B}/information`,
      app: 'B',
      body: () => ({ message: 'Budsjettet står i beskrivelsen.' }),
      allowed: ['applicant'],
      status: 200,
      then: async (_res, c) => {
        for (const app of [c.apps.A, c.apps.B])
          expect(
            (
              await m.api
                .http()
                .post(`/grant-applications/${app}/formal-check`)
                .set(sek())
                .send({ outcome: 'complete' })
            ).status,
          ).toBe(200);
      },
    },
    {
      op: 'POST /grant-rounds/{id}/review',
      url: (c) => `/grant-rounds/${c.round}/review`,
      allowed: ['secretariat'],
      status: 200,
      before: () => fire(`event->>'type' = 'deadline.passed'`), // closesAt, and Melhus's draft not submitted
      then: () => fire('false'),
    },
    {
      op: 'GET /grant-rounds/{id}/review',
      url: (c) => `/grant-rounds/${c.round}/review`,
      allowed: ['scorer', 'secretariat', 'admin'],
      status: 200,
    },
    {
      op: 'POST /grant-rounds/{id}/recusals',
      url: (c) => `/grant-rounds/${c.round}/recusals`,
      body: (c) => ({ applicationId: c.apps.B, reason: 'Gift med prosjektlederen' }),
      allowed: ['scorer'],
      status: 201,
    },
    {
      op: 'POST /grant-rounds/{id}/scores',
      url: (c) => `/grant-rounds/${c.round}/scores`,
      body: (c) => ({ applicationId: c.apps.A, scores: uniform(5), comment: 'Godt forankret' }),
      allowed: ['scorer'],
      status: 201,
      then: async (_res, c) => {
        for (const name of scorerNames.slice(1))
          for (const [app, s] of [
            [c.apps.A, 5],
            [c.apps.B, 3],
          ] as const) {
            const res = await m.api
              .http()
              .post(`/grant-rounds/${c.round}/scores`)
              .set('Authorization', `Bearer ${m.w.token(m.w.au, name)}`)
              .send({ applicationId: app, scores: uniform(s), comment: `Vurdering ${s}` });
            expect(res.status).toBe(201);
          }
      },
    },
    {
      op: 'POST /grant-rounds/{id}/close-scoring',
      url: (c) => `/grant-rounds/${c.round}/close-scoring`,
      allowed: ['secretariat'],
      status: 200,
    },
    {
      op: 'POST /grant-rounds/{id}/adjustments',
      url: (c) => `/grant-rounds/${c.round}/adjustments`,
      body: (c) => ({ applicationId: c.apps.A, amount: 450_000, rank: 1, reason: 'Lønnsmidler er overvurdert' }),
      allowed: ['scorer', 'secretariat'],
      status: 201,
    },
    {
      op: 'GET /grant-rounds/{id}/innstilling.md',
      url: (c) => `/grant-rounds/${c.round}/innstilling.md`,
      allowed: ['scorer', 'secretariat', 'admin'],
      status: 200,
    },
    {
      op: 'GET /grant-rounds/{id}/innstilling.pdf',
      url: (c) => `/grant-rounds/${c.round}/innstilling.pdf`,
      allowed: ['scorer', 'secretariat', 'admin'],
      status: 200,
    },
    {
      op: 'POST /grant-rounds/{id}/innstilling',
      url: (c) => `/grant-rounds/${c.round}/innstilling`,
      body: () => ({ year: 2025 }),
      allowed: ['secretariat'],
      status: 200,
      // ASU decides otherwise than the innstilling: the secretariat records the awards.
      then: (res) => decideCase(res.body.decisionCaseId, 'Trondheim kommune tildeles kr 500 000.'),
    },
    {
      op: 'POST /grant-rounds/{id}/decision',
      url: (c) => `/grant-rounds/${c.round}/decision`,
      body: (c) => ({
        resolution: 'Trondheim kommune tildeles kr 500 000.',
        awards: [{ applicationId: c.apps.A, amount: 500_000 }],
      }),
      allowed: ['secretariat'],
      status: 200,
      then: () => fire('false'),
    },
    {
      op: 'GET /grant-applications/{id}/letters',
      url: (c) => `/grant-applications/${c.apps.A}/letters`,
      app: 'A',
      allowed: ['applicant', 'scorer', 'secretariat', 'admin'], // the reviewing committee reads submitted ones
      status: 200,
      then: async (res) => expect(res.body.map((l: { kind: string }) => l.kind)).toContain('tilskuddsbrev'),
    },
    // The round's letter texts: the secretariat's (operations too).
    {
      op: 'GET /grant-rounds/{id}/letter-templates',
      url: (c) => `/grant-rounds/${c.round}/letter-templates`,
      allowed: ['secretariat', 'admin'],
      status: 200,
      then: async (res) =>
        expect(res.body.map((t: { kind: string; version: number }) => [t.kind, t.version])).toEqual([
          ['tilskuddsbrev', 0],
          ['avslag', 0],
          ['klagevedtak', 0],
          ['informasjonsforespørsel', 0],
        ]),
    },
    {
      op: 'PUT /grant-rounds/{id}/letter-templates/{kind}',
      url: (c) => `/grant-rounds/${c.round}/letter-templates/avslag`,
      body: (_c, role) => ({
        subject: 'Vedtak om avslag: «{{soknad}}»',
        body: `{{utvalg}} har ikke innvilget søknaden «{{soknad}}».\n\nBegrunnelse:\n{{begrunnelse}} (${role})`,
      }),
      allowed: ['secretariat', 'admin'],
      status: 200,
      then: async (res) => expect(res.body).toMatchObject({ kind: 'avslag', version: 1 }),
    },
    {
      op: 'GET /grant-rounds/{id}/letter-templates/{kind}',
      url: (c) => `/grant-rounds/${c.round}/letter-templates/avslag`,
      allowed: ['secretariat', 'admin'],
      status: 200,
      then: async (res) => {
        expect(res.body.version).toBe(2);
        expect(res.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
      },
    },
    {
      op: 'POST /grant-rounds/{id}/letter-templates/{kind}/preview',
      url: (c) => `/grant-rounds/${c.round}/letter-templates/tilskuddsbrev/preview`,
      body: () => ({}),
      allowed: ['secretariat', 'admin'],
      status: 200,
      then: async (res) => expect(res.headers['content-type']).toMatch(/^application\/pdf/),
    },
    // The letters as documents, rendered as the worker renders them before it sends.
    {
      op: 'GET /instances/{id}/letters',
      url: () => `/instances/${letters.instance}/letters`,
      before: async (c) => {
        letters.instance = await instanceOf(c, 'A');
        const ds = m.api.app.get(DataSource);
        const { rows } = await m.api.pg.query<{ id: string }>(
          `SELECT id FROM outbox_messages WHERE instance_id = $1 AND letter IS NOT NULL`,
          [letters.instance],
        );
        for (const { id } of rows) {
          await ds.transaction(async (tx) => {
            const message = await new OutboxRepository(tx).lock(id);
            if (message) await letterForMessage(tx, message, DEFAULT_LETTER_SENDER);
          });
        }
      },
      app: 'A',
      allowed: ['applicant', 'scorer', 'secretariat', 'admin'], // a scorer reads the application, and no letter of it
      status: 200,
      then: async (res) => {
        expect(res.body.map((l: { kind: string }) => l.kind)).toContain('tilskuddsbrev');
        letters.id = res.body.find((l: { kind: string }) => l.kind === 'tilskuddsbrev').id;
      },
    },
    {
      op: 'GET /letters/{id}',
      url: () => `/letters/${letters.id}`,
      app: 'A',
      allowed: ['applicant', 'secretariat', 'admin'],
      status: 200,
      then: async (res) => expect(res.body).toMatchObject({ kind: 'tilskuddsbrev', templateVersion: 0 }),
    },
    {
      op: 'GET /letters/{id}/pdf',
      url: () => `/letters/${letters.id}/pdf`,
      app: 'A',
      allowed: ['applicant', 'secretariat', 'admin'],
      status: 200,
      then: async (res) => expect(res.headers['content-type']).toMatch(/^application\/pdf/),
    },
    {
      op: 'GET /grant-applications/{id}/history',
      url: (c) => `/grant-applications/${c.apps.A}/history`,
      app: 'A',
      allowed: ['applicant', 'scorer', 'secretariat', 'admin'],
      status: 200,
      then: async (res) => expect(res.body.length).toBeGreaterThan(1),
    },
    {
      op: 'POST /grant-applications/{id}/appeal',
      url: (c) => `/grant-applications/${c.apps.B}/appeal`,
      app: 'B',
      body: () => ({ text: 'Vi klager på avslaget.' }),
      allowed: ['applicant'],
      status: 200,
    },
    {
      op: 'POST /grant-applications/{id}/appeal/case',
      url: (c) => `/grant-applications/${c.apps.B}/appeal/case`,
      app: 'B',
      body: () => ({ year: 2025, upheld: false, amount: 0, resolution: 'Klagen tas ikke til følge.' }),
      allowed: ['secretariat'],
      status: 200,
      then: (res) => decideCase(res.body.appeal.caseId, 'Saken utsettes til budsjettet er avklart.'),
    },
    {
      op: 'POST /grant-applications/{id}/appeal/decision',
      url: (c) => `/grant-applications/${c.apps.B}/appeal/decision`,
      app: 'B',
      body: () => ({ upheld: false, amount: 0, resolution: 'Klagen tas ikke til følge.' }),
      allowed: ['secretariat'],
      status: 200,
    },
    {
      op: 'GET /grant-applications/{id}/reports',
      url: (c) => `/grant-applications/${c.apps.A}/reports`,
      app: 'A',
      allowed: ['applicant', 'scorer', 'secretariat', 'admin'], // the reviewing committee reads submitted ones
      status: 200,
      before: async (c) => fire(`timer_group = 'appeal-window' AND instance_id = $1`, [await instanceOf(c, 'A')]),
    },
    {
      op: 'PUT /grant-applications/{id}/reports/{key}',
      url: (c) => `/grant-applications/${c.apps.A}/reports/slutt`,
      app: 'A',
      body: () => ({ text: 'Prosjektet er gjennomført.' }),
      allowed: ['applicant'],
      status: 200,
    },
    {
      op: 'POST /grant-applications/{id}/reports/{key}/accept',
      url: (c) => `/grant-applications/${c.apps.A}/reports/slutt/accept`,
      app: 'A',
      allowed: ['secretariat'],
      status: 200,
    },
    {
      op: 'POST /grant-rounds/{id}/follow-up',
      url: (c) => `/grant-rounds/${c.round}/follow-up`,
      allowed: ['secretariat'],
      status: 200,
    },
    {
      op: 'POST /grant-rounds/{id}/complete',
      url: (c) => `/grant-rounds/${c.round}/complete`,
      allowed: ['secretariat'],
      status: 200,
    },
    {
      op: 'GET /grant-rounds/{id}/export.csv',
      url: (c) => `/grant-rounds/${c.round}/export.csv`,
      allowed: ['secretariat', 'admin'],
      status: 200,
    },
    // The round's Noark 5 deposit: the innstilling, the applications and the letters of the decision.
    {
      op: 'GET /archive/export',
      url: (c) => `/archive/export?round=${c.round}`,
      allowed: ['secretariat'],
      status: 200,
      then: async (res) => {
        expect(res.headers['content-type']).toBe('application/x-tar');
        expect(res.headers['content-disposition']).toContain('.tar');
      },
    },
    {
      op: 'POST /grant-rounds/{id}/cancel',
      url: (c) => `/grant-rounds/${c.spare}/cancel`,
      body: () => ({ reason: 'Midlene falt bort' }),
      allowed: ['secretariat'],
      status: 200,
    },
  ];
}
