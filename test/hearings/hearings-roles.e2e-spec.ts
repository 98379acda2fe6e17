import { WorkflowEngine } from '@samflyt/engine';
import type request from 'supertest';
import { insertCommittee } from '../meetings/support';
import { expectProblem, people, startApi, tokenFor as staffToken, type ApiHarness } from '../support/api';
import {
  HOSPITAL,
  PROPOSAL,
  QUESTIONS,
  USER_ORGANISATION,
  createHearing,
  loadOrganisations,
  tokenFor as linkFor,
  type Organisations,
} from './support';
import { databaseFingerprint } from '../support/database';
import { fireTimers } from '../support/clock';

jest.setTimeout(180_000);

/**
 * The roles of DESIGN.md §6 as far as hearings go. `recipient` is the personal link of the organisation that
 * gives the joint answer (Trondheim), `coSigner` the link of a kommune that co-signs it (Malvik), `otherRecipient`
 * the link of a recipient that answers alone (St. Olavs). `committeeMember` sits in the owning committee (ASU) by
 * membership, `otherCommittee` in another committee only.
 */
const roles = [
  'anonymous',
  'recipient',
  'otherRecipient',
  'coSigner',
  'committeeMember',
  'otherCommittee',
  'secretariat',
  'admin',
] as const;
type Role = (typeof roles)[number];
const linkRoles: Role[] = ['recipient', 'otherRecipient', 'coSigner'];
const staffRoles: Role[] = ['committeeMember', 'otherCommittee', 'secretariat', 'admin'];

interface Ctx {
  hearing: string;
  spare: string;
  contact: string;
  attachment: string;
  detachable: string;
  answerFile: string;
  answer: string;
  hospitalAnswer: string;
}

interface Row {
  /** `METHOD /path/{param}` as in the OpenAPI document. */
  op: string;
  url(c: Ctx): string;
  body?: (c: Ctx, role: Role) => object;
  file?: boolean;
  /** Roles that succeed, each called in this order; every other role is refused. `then` sees the first answer. */
  allowed: Role[];
  status: number;
  /** A refusal that is not 401/403/404, named with its reason (a co-signer answering alone is a 409 conflict). */
  refusals?: Partial<Record<Role, number[]>>;
  /** Brings the hearing to the state the row needs (as a worker, a recipient and the secretariat would). */
  before?: (c: Ctx) => Promise<void>;
  then?: (res: request.Response, c: Ctx) => Promise<void>;
}

/**
 * Every hearings endpoint (hearings, organisations, respond, public hearings) × every role, along one hearing's
 * life: at each step the refused roles are tried first (each a 401/403/404 problem+json, every table unchanged),
 * then the allowed ones succeed. A personal link is no login to the staff API (401), nor a staff token to the
 * link API (401). The deadline is fired in-process instead of by a worker.
 */
describe('hearings: every endpoint, each role allowed and refused', () => {
  let api: ApiHarness;
  let orgs: Organisations;
  let engine: WorkflowEngine;
  const staff: Partial<Record<Role, string>> = {};
  const links: Partial<Record<Role, string>> = {};
  const ctx: Ctx = {
    hearing: '',
    spare: '',
    contact: '',
    attachment: '',
    detachable: '',
    answerFile: '',
    answer: '',
    hospitalAnswer: '',
  };
  const deadline = new Date(Date.now() + 100 * 86_400_000).toISOString().slice(0, 10);
  const linkOrgs: Partial<Record<Role, string>> = {
    recipient: 'Trondheim kommune',
    coSigner: 'Malvik kommune',
    otherRecipient: HOSPITAL,
  };
  const takeLinks = async () => {
    for (const role of linkRoles) links[role] = await linkFor(api, orgs.email[linkOrgs[role]!]);
  };
  const call = (row: Row, role: Role) => {
    const [method] = row.op.split(' ');
    let req = api.http()[method.toLowerCase() as 'get'](row.url(ctx));
    if (staff[role]) req = req.set('Authorization', `Bearer ${staff[role]}`);
    if (links[role]) req = req.set('X-Hearing-Token', links[role]);
    if (row.file)
      return req.attach('file', Buffer.from('%PDF-1.4 høringsnotat'), {
        filename: 'høringsnotat.pdf',
        contentType: 'application/pdf',
      });
    return row.body ? req.send(row.body(ctx, role)) : req;
  };
  const sek = () => ({ Authorization: `Bearer ${staff.secretariat}` });
  const asLink = (role: Role) => ({ 'X-Hearing-Token': links[role]! });
  const instanceOf = async (hearingId: string) =>
    (await api.pg.query(`SELECT instance_id FROM hearings WHERE id = $1`, [hearingId])).rows[0].instance_id as string;
  const id = (name: string) => orgs.id[name];
  const everyone = [...roles];
  const readers: Role[] = ['committeeMember', 'secretariat', 'admin'];
  const jointAnswer = (c: Ctx, text: string) => ({
    text,
    answers: [{ questionId: 'psykisk-helse', text: 'Ja, eget fagråd for psykisk helse og rus.' }],
    coSigners: [id('Malvik kommune'), id('Melhus kommune')],
    attachmentIds: [c.answerFile],
  });

  const rows: Row[] = [
    {
      op: 'POST /organisations/{id}/contacts',
      url: () => `/organisations/${id('Frøya kommune')}/contacts`,
      body: () => ({ name: 'Kommunalsjef helse', email: `kommunalsjef@${orgs.tag}.froya.test`, title: 'Kommunalsjef' }),
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
        recipients: [...orgs.kommuner, HOSPITAL, USER_ORGANISATION].map((name) => ({ organisationId: id(name) })),
        deadline,
      }),
      allowed: ['secretariat'],
      status: 201,
      then: async (res, c) => {
        c.hearing = res.body.id;
        c.spare = (await createHearing(api, orgs, { title: 'Høring som trekkes', deadline })).id;
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
        const elsewhere = await api.http().get('/hearings').set('Authorization', `Bearer ${staff.otherCommittee}`);
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
        const second = await api
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
      then: () => takeLinks(),
    },
    {
      op: 'GET /public/hearings',
      url: () => '/public/hearings',
      allowed: everyone,
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
      allowed: everyone,
      status: 200,
      then: async (_res, c) => {
        expectProblem(await api.http().get(`/public/hearings/${c.spare}`), 404);
      },
    },
    {
      op: 'GET /public/hearings/{id}/attachments/{attachmentId}',
      url: (c) => `/public/hearings/${c.hearing}/attachments/${c.attachment}`,
      allowed: everyone,
      status: 200,
    },
    {
      op: 'POST /hearings/{id}/recipients/{organisationId}/extension',
      url: (c) => `/hearings/${c.hearing}/recipients/${id('Frøya kommune')}/extension`,
      body: () => ({ deadline: new Date(Date.now() + 120 * 86_400_000).toISOString(), reason: 'Kommunestyret' }),
      allowed: ['secretariat'],
      status: 200,
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
    // Trondheim gave the joint answer first (version 1); its change is version 2. Malvik, a co-signer, may not
    // answer on its own while on it: a conflict with the answer it signed, not a missing right.
    {
      op: 'POST /respond/answer',
      url: () => '/respond/answer',
      body: (c, role) =>
        role === 'recipient' ? jointAnswer(c, 'Kommunene støtter hovedlinjene, endret.') : { text: 'Eget svar.' },
      allowed: ['recipient', 'otherRecipient'],
      refusals: { coSigner: [409] },
      status: 201,
      before: async (c) => {
        const first = await api
          .http()
          .post('/respond/answer')
          .set(asLink('recipient'))
          .send(jointAnswer(c, 'Kommunene støtter hovedlinjene.'));
        expect(first.status).toBe(201);
      },
      then: async (res, c) => {
        expect(res.body).toMatchObject({ version: 2, organisation: { name: 'Trondheim kommune' } });
        c.answer = res.body.id;
        c.hospitalAnswer = (
          await api.pg.query(`SELECT id FROM hearing_answers WHERE hearing_id = $1 AND organisation_id = $2`, [
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
      then: async (res) => expect(res.body.map((v: { version: number }) => v.version)).toEqual([1, 2]),
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
        await fireTimers(api.pg, engine, `event->>'type' = 'deadline.passed' AND instance_id = $1`, [
          await instanceOf(c.hearing),
        ]);
        expect((await api.pg.query(`SELECT state FROM hearings WHERE id = $1`, [c.hearing])).rows[0].state).toBe(
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
    ...['', '.md', '.csv', '.pdf'].map((ext): Row => ({
      op: `GET /hearings/{id}/summary${ext}`,
      url: (c) => `/hearings/${c.hearing}/summary${ext}`,
      allowed: readers,
      status: 200,
    })),
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

  beforeAll(async () => {
    api = await startApi('hearings-roles');
    orgs = await loadOrganisations(api);
    engine = api.app.get(WorkflowEngine);
    const [member] = (
      await api.pg.query<{ id: string; name: string; email: string }>(
        `SELECT p.id, p.name, p.email FROM memberships m JOIN persons p ON p.id = m.person_id
           JOIN committees c ON c.id = m.committee_id
          WHERE c.code = 'ASU' AND m.role = 'medlem' AND (m.valid_to IS NULL OR m.valid_to >= current_date)
          ORDER BY p.name LIMIT 1`,
      )
    ).rows;
    const fagrad = await insertCommittee(api.pg, 'FAGRAD-ROLES', {
      name: 'Fagråd for psykisk helse og rus',
      seats: [{ name: 'Frida Fagråd', role: 'medlem', party: 'kommune', hasVote: true }],
    });
    staff.committeeMember = staffToken({ sub: member.id, name: member.name, roles: [], email: member.email });
    staff.otherCommittee = staffToken({
      sub: fagrad.people['Frida Fagråd'],
      name: 'Frida Fagråd',
      roles: [],
      email: fagrad.email('Frida Fagråd'),
    });
    staff.secretariat = staffToken(people.secretariat);
    staff.admin = staffToken(people.admin);
    // Until the hearing of the table is sent, the recipients' links of an earlier hearing stand in.
    const earlier = await createHearing(api, orgs, { title: 'Tidligere høring', deadline });
    expect((await api.http().post(`/hearings/${earlier.id}/send`).set(sek())).status).toBe(200);
    await takeLinks();
  });
  afterAll(() => api?.close());

  it('has a row for every hearings, organisations, respond and public hearings endpoint of the OpenAPI document', async () => {
    const doc = (await api.http().get('/docs-json').expect(200)).body as { paths: Record<string, object> };
    const ops = Object.entries(doc.paths)
      .filter(([path]) => /^\/(hearings|organisations|respond|public\/hearings)(\/|$)/.test(path))
      .flatMap(([path, item]) =>
        Object.keys(item)
          .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
          .map((m) => `${m.toUpperCase()} ${path}`),
      );
    expect([...new Set(rows.map((r) => r.op))].sort()).toEqual(ops.sort());
  });

  for (const row of rows) {
    const refused = roles.filter((r) => !row.allowed.includes(r));
    const linkRow = row.op.split(' ')[1].startsWith('/respond');
    const expected = (role: Role): number[] => {
      if (role === 'anonymous') return [401];
      if (linkRow) return linkRoles.includes(role) ? (row.refusals?.[role] ?? [403, 404]) : [401];
      return staffRoles.includes(role) ? [403, 404] : [401];
    };
    it(`${row.op}: ${row.allowed.join(', ')} → ${row.status}; ${refused.join(', ') || 'nobody'} refused`, async () => {
      await row.before?.(ctx);
      const before = await databaseFingerprint(api.pg);
      for (const role of refused) {
        const res = await call(row, role);
        expect({ role, status: res.status, refused: expected(role).includes(res.status) }).toEqual({
          role,
          status: res.status,
          refused: true,
        });
        expectProblem(res, res.status);
      }
      expect(await databaseFingerprint(api.pg)).toEqual(before);
      const responses: request.Response[] = [];
      for (const role of row.allowed) {
        const res = await call(row, role);
        expect({ role, status: res.status, body: res.status === row.status ? null : res.text }).toEqual({
          role,
          status: row.status,
          body: null,
        });
        responses.push(res);
      }
      await row.then?.(responses[0], ctx);
    });
  }
});
