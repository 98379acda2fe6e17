import { expectProblem, type ApiHarness } from '../support/api';
import type { MatrixRow } from '../support/role-matrix';
import {
  HOSPITAL,
  PROPOSAL,
  QUESTIONS,
  USER_ORGANISATION,
  createHearing,
  tokenFor as linkFor,
  type Organisations,
} from './support';

/**
 * The roles of DESIGN.md §6 as far as hearings go. `recipient` is the personal link of the organisation that
 * gives the joint answer (Trondheim), `coSigner` the link of a kommune that co-signs it (Malvik), `otherRecipient`
 * the link of a recipient that answers alone (St. Olavs). `committeeMember` sits in the owning committee (ASU) by
 * membership, `otherCommittee` in another committee only.
 */
export const hearingRoles = [
  'anonymous',
  'recipient',
  'otherRecipient',
  'coSigner',
  'committeeMember',
  'otherCommittee',
  'secretariat',
  'admin',
] as const;
export type HearingRole = (typeof hearingRoles)[number];
export const linkRoles: HearingRole[] = ['recipient', 'otherRecipient', 'coSigner'];
export const staffRoles: HearingRole[] = ['committeeMember', 'otherCommittee', 'secretariat', 'admin'];

export interface HearingsCtx {
  hearing: string;
  spare: string;
  contact: string;
  attachment: string;
  detachable: string;
  answerFile: string;
  answer: string;
  hospitalAnswer: string;
}

export interface HearingsRow extends MatrixRow<HearingsCtx, HearingRole> {
  /** A refusal that is not 401/403/404, named with its reason (a co-signer answering alone is a 409 conflict). */
  refusals?: Partial<Record<HearingRole, number[]>>;
}

/** What the rows act through, set by the test file's beforeAll: its API, organisations and credentials. */
export interface HearingsMatrix {
  api: ApiHarness;
  orgs: Organisations;
  /** A bearer token for each staff role. */
  staff: Partial<Record<HearingRole, string>>;
  /** A personal-link token for each recipient role. */
  links: Partial<Record<HearingRole, string>>;
  /** Fires the pending timers matching `where` in-process. */
  fire(where: string, params?: unknown[]): Promise<void>;
  /** Frøya's link before it is re-issued. */
  oldFroyaLink?: string;
}

/** The recipients' personal links to the last hearing sent them. */
export async function takeLinks(m: HearingsMatrix): Promise<void> {
  const linkOrgs: Partial<Record<HearingRole, string>> = {
    recipient: 'Trondheim kommune',
    coSigner: 'Malvik kommune',
    otherRecipient: HOSPITAL,
  };
  for (const role of linkRoles) m.links[role] = await linkFor(m.api, m.orgs.email[linkOrgs[role]!]);
}

/**
 * Every hearings, organisations, respond and public hearings endpoint along one hearing's life, in order: contact
 * persons, the draft and its attachments, sending, the public pages, the answers by link and by letter, the
 * sammendrag, presenting and concluding, and a hearing withdrawn.
 */
export function hearingsRoleRows(m: HearingsMatrix, deadline: string): HearingsRow[] {
  const sek = () => ({ Authorization: `Bearer ${m.staff.secretariat}` });
  const asLink = (role: HearingRole) => ({ 'X-Hearing-Token': m.links[role]! });
  const instanceOf = async (hearingId: string) =>
    (await m.api.pg.query(`SELECT instance_id FROM hearings WHERE id = $1`, [hearingId])).rows[0].instance_id as string;
  const id = (name: string) => m.orgs.id[name];
  const readers: HearingRole[] = ['committeeMember', 'secretariat', 'admin'];
  const jointAnswer = (c: HearingsCtx, text: string) => ({
    text,
    answers: [{ questionId: 'psykisk-helse', text: 'Ja, eget fagråd for psykisk helse og rus.' }],
    coSigners: [id('Malvik kommune'), id('Melhus kommune')],
    attachmentIds: [c.answerFile],
  });

  return [
    {
      op: 'POST /organisations/{id}/contacts',
      url: () => `/organisations/${id('Frøya kommune')}/contacts`,
      body: () => ({
        name: 'Kommunalsjef helse',
        email: `kommunalsjef@${m.orgs.tag}.froya.test`,
        title: 'Kommunalsjef',
      }),
      allowed: ['secretariat'],
      status: 201,
      then: async (res, c) => {
        c.contact = res.body.id;
      },
    },
    {
      op: 'GET /organisations',
      url: () => '/organisations?kind=kommune&pageSize=100',
      allowed: ['secretariat', 'admin'],
      status: 200,
      then: async (res) => {
        const froya = res.body.items.find((o: { name: string }) => o.name === 'Frøya kommune');
        expect(froya.contacts.map((p: { name: string }) => p.name)).toContain('Kommunalsjef helse');
      },
    },
    {
      op: 'DELETE /organisations/{id}/contacts/{contactId}',
      url: (c) => `/organisations/${id('Frøya kommune')}/contacts/${c.contact}`,
      allowed: ['secretariat'],
      status: 204,
    },
    {
      op: 'POST /hearings',
      url: () => '/hearings',
      body: () => ({
        committeeCode: 'ASU',
        title: 'Ny fagrådsstruktur',
        origin: 'ASU sak 12/24, vedtak 3',
        proposal: PROPOSAL,
        questions: QUESTIONS,
        recipients: [...m.orgs.kommuner, HOSPITAL, USER_ORGANISATION].map((name) => ({ organisationId: id(name) })),
        deadline,
      }),
      allowed: ['secretariat'],
      status: 201,
      then: async (res, c) => {
        c.hearing = res.body.id;
        c.spare = (await createHearing(m.api, m.orgs, { title: 'Høring som trekkes', deadline })).id;
      },
    },
    {
      op: 'PUT /hearings/{id}',
      url: (c) => `/hearings/${c.hearing}`,
      body: () => ({ origin: 'ASU sak 12/24, vedtak 3 (18.04.24)' }),
      allowed: ['secretariat'],
      status: 200,
    },
    // Committee members list their own committees' hearings: none for another committee, but no refusal.
    {
      op: 'GET /hearings',
      url: () => '/hearings',
      allowed: ['committeeMember', 'otherCommittee', 'secretariat', 'admin'],
      status: 200,
      then: async (res, c) => {
        expect(res.body.items.map((h: { id: string }) => h.id)).toEqual(expect.arrayContaining([c.hearing]));
        const elsewhere = await m.api.http().get('/hearings').set('Authorization', `Bearer ${m.staff.otherCommittee}`);
        expect(elsewhere.body.total).toBe(0);
      },
    },
    {
      op: 'GET /hearings/{id}',
      url: (c) => `/hearings/${c.hearing}`,
      allowed: readers,
      status: 200,
    },
    {
      op: 'POST /hearings/{id}/attachments',
      url: (c) => `/hearings/${c.hearing}/attachments`,
      file: true,
      allowed: ['secretariat'],
      status: 201,
      then: async (res, c) => {
        c.attachment = res.body.attachments[0].id;
        const second = await m.api
          .http()
          .post(`/hearings/${c.hearing}/attachments`)
          .set(sek())
          .attach('file', Buffer.from('utkast'), { filename: 'utkast.txt', contentType: 'text/plain' });
        expect(second.status).toBe(201);
        c.detachable = second.body.attachments[1].id;
      },
    },
    {
      op: 'DELETE /hearings/{id}/attachments/{attachmentId}',
      url: (c) => `/hearings/${c.hearing}/attachments/${c.detachable}`,
      allowed: ['secretariat'],
      status: 200,
      then: async (res, c) => expect(res.body.attachments.map((a: { id: string }) => a.id)).toEqual([c.attachment]),
    },
    {
      op: 'GET /hearings/{id}/attachments/{attachmentId}',
      url: (c) => `/hearings/${c.hearing}/attachments/${c.attachment}`,
      allowed: readers,
      status: 200,
    },
    {
      op: 'POST /hearings/{id}/send',
      url: (c) => `/hearings/${c.hearing}/send`,
      allowed: ['secretariat'],
      status: 200,
      // From here on the links are this hearing's own (before, those of an earlier hearing stood in).
      then: () => takeLinks(m),
    },
    {
      op: 'GET /public/hearings',
      url: () => '/public/hearings',
      allowed: [...hearingRoles],
      status: 200,
      then: async (res, c) => {
        const ids = res.body.items.map((h: { id: string }) => h.id);
        expect(ids).toContain(c.hearing);
        expect(ids).not.toContain(c.spare); // a draft is not published
      },
    },
    {
      op: 'GET /public/hearings/{id}',
      url: (c) => `/public/hearings/${c.hearing}`,
      allowed: [...hearingRoles],
      status: 200,
      then: async (_res, c) => {
        expectProblem(await m.api.http().get(`/public/hearings/${c.spare}`), 404);
      },
    },
    {
      op: 'GET /public/hearings/{id}/attachments/{attachmentId}',
      url: (c) => `/public/hearings/${c.hearing}/attachments/${c.attachment}`,
      allowed: [...hearingRoles],
      status: 200,
    },
    {
      op: 'POST /hearings/{id}/recipients/{organisationId}/extension',
      url: (c) => `/hearings/${c.hearing}/recipients/${id('Frøya kommune')}/extension`,
      body: () => ({ deadline: new Date(Date.now() + 120 * 86_400_000).toISOString(), reason: 'Kommunestyret' }),
      allowed: ['secretariat'],
      status: 200,
    },
    // Frøya's link is re-issued: the one sent before stops working, the new one is mailed.
    {
      op: 'POST /hearings/{id}/recipients/{organisationId}/link',
      url: (c) => `/hearings/${c.hearing}/recipients/${id('Frøya kommune')}/link`,
      allowed: ['secretariat'],
      status: 200,
      before: async () => {
        m.oldFroyaLink = await linkFor(m.api, m.orgs.email['Frøya kommune']);
      },
      then: async () => {
        const fresh = await linkFor(m.api, m.orgs.email['Frøya kommune']);
        expect(fresh).not.toBe(m.oldFroyaLink);
        expect((await m.api.http().get('/respond').set('X-Hearing-Token', m.oldFroyaLink!)).status).toBe(401);
        expect((await m.api.http().get('/respond').set('X-Hearing-Token', fresh)).status).toBe(200);
      },
    },
    {
      op: 'POST /hearings/{id}/late-answers',
      url: (c) => `/hearings/${c.hearing}/late-answers`,
      body: () => ({ accept: true }),
      allowed: ['secretariat'],
      status: 200,
    },
    {
      op: 'GET /respond',
      url: () => '/respond',
      allowed: linkRoles,
      status: 200,
      then: async (res) => expect(res.body.organisation.name).toBe('Trondheim kommune'),
    },
    {
      op: 'POST /respond/attachments',
      url: () => '/respond/attachments',
      file: true,
      allowed: linkRoles,
      status: 201,
      then: async (res, c) => {
        c.answerFile = res.body.id;
      },
    },
    // Trondheim gives a joint answer naming Malvik and Melhus (version 1); Malvik confirms through its own link
    // (version 2); Melhus never does. Trondheim, the lead, and St. Olavs have nothing to confirm (404).
    {
      op: 'POST /respond/answers/{answerId}/confirm-signature',
      url: (c) => `/respond/answers/${c.answer}/confirm-signature`,
      allowed: ['coSigner'],
      status: 200,
      before: async (c) => {
        const first = await m.api
          .http()
          .post('/respond/answer')
          .set(asLink('recipient'))
          .send(jointAnswer(c, 'Kommunene støtter hovedlinjene.'));
        expect(first.status).toBe(201);
        c.answer = first.body.id;
      },
      then: async (res) => expect(res.body).toMatchObject({ role: 'co-signer', canAnswer: false }),
    },
    // Trondheim's change is version 3. Malvik, a co-signer, may not answer on its own while on it: a conflict
    // with the answer it signed, not a missing right.
    {
      op: 'POST /respond/answer',
      url: () => '/respond/answer',
      body: (c, role) =>
        role === 'recipient' ? jointAnswer(c, 'Kommunene støtter hovedlinjene, endret.') : { text: 'Eget svar.' },
      allowed: ['recipient', 'otherRecipient'],
      refusals: { coSigner: [409] },
      status: 201,
      then: async (res, c) => {
        expect(res.body).toMatchObject({ version: 3, organisation: { name: 'Trondheim kommune' } });
        c.answer = res.body.id;
        c.hospitalAnswer = (
          await m.api.pg.query(`SELECT id FROM hearing_answers WHERE hearing_id = $1 AND organisation_id = $2`, [
            c.hearing,
            id(HOSPITAL),
          ])
        ).rows[0].id;
      },
    },
    {
      op: 'GET /respond/answers/{answerId}',
      url: (c) => `/respond/answers/${c.answer}`,
      allowed: ['recipient', 'coSigner'],
      status: 200,
    },
    {
      op: 'GET /respond/answers/{answerId}/versions',
      url: (c) => `/respond/answers/${c.answer}/versions`,
      allowed: ['recipient', 'coSigner'],
      status: 200,
      then: async (res) => expect(res.body.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]),
    },
    {
      op: 'GET /respond/attachments/{attachmentId}',
      url: (c) => `/respond/attachments/${c.answerFile}`,
      allowed: ['recipient', 'coSigner'],
      status: 200,
    },
    // Malvik takes itself off Trondheim's joint answer; Trondheim, the lead, changes its answer instead (403), and
    // St. Olavs signed no such answer (404).
    {
      op: 'POST /respond/answers/{answerId}/withdraw-signature',
      url: (c) => `/respond/answers/${c.answer}/withdraw-signature`,
      body: () => ({ reason: 'Kommunestyret vil gi eget høringssvar' }),
      allowed: ['coSigner'],
      status: 200,
      then: async (res) => expect(res.body).toMatchObject({ role: null, answer: null, canAnswer: true }),
    },
    {
      op: 'GET /hearings/{id}/answers',
      url: (c) => `/hearings/${c.hearing}/answers`,
      allowed: readers,
      status: 200,
      then: async (res) => expect(res.body.total).toBe(2),
    },
    {
      op: 'POST /hearings/{id}/answers',
      url: (c) => `/hearings/${c.hearing}/answers`,
      body: () => ({ organisationId: id('Oppdal kommune'), text: 'Svar mottatt per brev.' }),
      allowed: ['secretariat'],
      status: 201,
    },
    {
      op: 'GET /hearings/{id}/answers/{answerId}/versions',
      url: (c) => `/hearings/${c.hearing}/answers/${c.answer}/versions`,
      allowed: readers,
      status: 200,
    },
    {
      op: 'POST /hearings/{id}/answers/{answerId}/withhold',
      url: (c) => `/hearings/${c.hearing}/answers/${c.hospitalAnswer}/withhold`,
      body: () => ({ reason: 'Inneholder taushetsbelagte opplysninger (offl. § 13)' }),
      allowed: ['secretariat'],
      status: 200,
    },
    {
      op: 'POST /hearings/{id}/answers/{answerId}/release',
      url: (c) => `/hearings/${c.hearing}/answers/${c.hospitalAnswer}/release`,
      allowed: ['secretariat'],
      status: 200,
    },
    {
      op: 'POST /hearings/{id}/summary/start',
      url: (c) => `/hearings/${c.hearing}/summary/start`,
      allowed: ['secretariat'],
      status: 200,
      before: async (c) => {
        await m.fire(`event->>'type' = 'deadline.passed' AND instance_id = $1`, [await instanceOf(c.hearing)]);
        expect((await m.api.pg.query(`SELECT state FROM hearings WHERE id = $1`, [c.hearing])).rows[0].state).toBe(
          'closed',
        );
      },
    },
    {
      op: 'PUT /hearings/{id}/summary/texts/{questionId}',
      url: (c) => `/hearings/${c.hearing}/summary/texts/struktur`,
      body: () => ({ text: 'Høringsinstansene støtter strukturen.' }),
      allowed: ['secretariat'],
      status: 200,
    },
    ...['', '.md', '.csv', '.pdf'].map((ext): HearingsRow => ({
      op: `GET /hearings/{id}/summary${ext}`,
      url: (c) => `/hearings/${c.hearing}/summary${ext}`,
      allowed: readers,
      status: 200,
    })),
    {
      op: 'GET /archive/export',
      url: (c) => `/archive/export?hearing=${c.hearing}`,
      allowed: ['secretariat'],
      status: 200,
      then: async (res) => expect(res.headers['content-type']).toBe('application/x-tar'),
    },
    {
      op: 'POST /hearings/{id}/present',
      url: (c) => `/hearings/${c.hearing}/present`,
      body: () => ({}),
      allowed: ['secretariat'],
      status: 200,
    },
    {
      op: 'POST /hearings/{id}/conclude',
      url: (c) => `/hearings/${c.hearing}/conclude`,
      body: () => ({ conclusion: 'ASU vedtok ny fagrådsstruktur.' }),
      allowed: ['secretariat'],
      status: 200,
    },
    {
      op: 'POST /hearings/{id}/withdraw',
      url: (c) => `/hearings/${c.spare}/withdraw`,
      body: () => ({ reason: 'Erstattes av en ny høring' }),
      allowed: ['secretariat'],
      status: 200,
    },
  ];
}
